"""The print gallery: every registered document rendered blank, with the demo's data and with
worst-case data (``reports.gallery.data``), as PDF/PNG pages (Word through LibreOffice) and saved
workbooks, with an index page.
"""

import html
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from portal.models import User
from portal.permissions import Role
from reports.gallery.data import Dataset, build_demo, build_worst_case, rolled_back
from reports.registry import REGISTRY, Document

STATES = ("blank", "demo", "worst")
STATE_TITLES = {
    "blank": "空白表",
    "demo": "演示数据",
    "worst": "极限数据",
}

# --- Worst-case data -------------------------------------------------------------------------

#: Characters outside the Basic Multilingual Plane or CJK Extension A, which fonts often lack.

OPERATOR = User(username="render_gallery", role=Role.ADMIN, is_active=True)


def ask(document: Document, dataset: Dataset | None) -> dict | None:
    """What to ask ``document`` for in a state (None: the state has nothing for it).

    Unit and campaign documents are asked for every unit's, the longest they get.
    """
    if dataset is None:
        return {"blank": True} if document.has_blank else None
    if document.scope == "entry":
        entry = dataset.entry(document)
        return None if entry is None else {"pk": entry.pk}
    if document.scope == "judge":
        return None if dataset.judge is None else {"pk": dataset.judge.pk}
    return {}


def render(document: Document, dataset: Dataset | None) -> dict[str, bytes] | None:
    """The document's files (by format, HTML aside) in a state; None when it has nothing."""
    request = ask(document, dataset)
    if request is None:
        return None
    campaign = dataset.campaign if dataset else None
    data = document.data_for(user=OPERATOR, campaign=campaign, **request)
    return {fmt: document.render(data, fmt).content for fmt in document.formats if fmt != "html"}


def render_all(slugs, states) -> dict[tuple[str, str], dict[str, bytes] | None]:
    """Every (document, state) asked for, rendered inside one rolled-back transaction."""
    documents = {slug: REGISTRY[slug] for slug in slugs}
    out = {}
    with rolled_back():
        datasets = {
            "blank": None,
            "demo": build_demo() if "demo" in states else None,
            "worst": build_worst_case() if "worst" in states else None,
        }
        for slug, document in documents.items():
            for state in states:
                out[slug, state] = render(document, datasets[state])
    return out


def word_to_pdf(sources: list[Path], outdir: Path) -> None:
    """Convert Word files with LibreOffice in one run, in a profile of its own so that a
    LibreOffice already open (or another conversion) neither blocks nor receives it."""
    if not sources:
        return
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def shrink(png: Path) -> None:
    """Sixteen colours: a page of text and rules loses nothing visible and a fifth of its size,
    which keeps the committed thumbnails small."""
    from PIL import Image  # WeasyPrint's dependency; only the gallery needs it here

    with Image.open(png) as image:
        small = image.quantize(16)
    small.save(png, optimize=True)


def pdf_to_png(pdf: Path, stem: Path, dpi: int, small: bool = False) -> list[Path]:
    """Every page of ``pdf`` as ``<stem>-<n>.png``, in page order (``small``: in 16 colours)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    for old in stem.parent.glob(f"{stem.name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(stem)], check=True)
    pages = sorted(
        stem.parent.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )
    if small:
        for page in pages:
            shrink(page)
    return pages


@dataclass
class Item:
    """One document in one state: its files and its pages, thumbnails and full size."""

    slug: str
    state: str
    files: list[Path] = field(default_factory=list)
    pages: dict[str, list[tuple[Path, Path]]] = field(default_factory=dict)
    note: str = ""


def write_files(rendered, full_dir: Path, thumb_dir: Path, *, dpi: int, thumb_dpi: int):
    """Save every file, convert Word to PDF, and every PDF to full-size and thumbnail PNGs."""
    items, word = [], []
    for (slug, state), files in rendered.items():
        item = Item(slug, state)
        items.append(item)
        if files is None:
            item.note = "此状态下无内容（无空白表或演示数据中没有此类内容）"
            continue
        folder = full_dir / slug
        folder.mkdir(parents=True, exist_ok=True)
        for fmt, content in files.items():
            path = folder / f"{state}.{fmt}"
            path.write_bytes(content)
            item.files.append(path)
            if fmt == "docx":
                word.append(path)
    by_folder = {}
    for path in word:
        by_folder.setdefault(path.parent, []).append(path)
    for folder, sources in by_folder.items():
        renamed = []
        for source in sources:
            # LibreOffice names its PDF after the source: keep it apart from WeasyPrint's.
            copy = folder / f"{source.stem}-word.docx"
            shutil.copyfile(source, copy)
            renamed.append(copy)
        word_to_pdf(renamed, folder)
        for copy in renamed:
            copy.unlink()
    for item in items:
        for path in list(item.files):
            if path.suffix == ".pdf":
                pdfs = [("pdf", path)]
            elif path.suffix == ".docx":
                pdfs = [("docx", path.with_name(f"{path.stem}-word.pdf"))]
                item.files.append(pdfs[0][1])
            else:
                continue
            for fmt, pdf in pdfs:
                stem = f"{item.state}-{fmt}"
                full = pdf_to_png(pdf, full_dir / item.slug / stem, dpi)
                # Only the worst cases' thumbnails are committed; the others stay with the files.
                thumbs_in = thumb_dir if item.state == "worst" else full_dir / "thumbs"
                thumbs = pdf_to_png(pdf, thumbs_in / item.slug / stem, thumb_dpi, small=True)
                item.pages[fmt] = list(zip(thumbs, full, strict=True))
    return items


def write_index(items: list[Item], index: Path) -> None:
    """``index`` with one section per document and state, every page's thumbnail linking to
    the full-size page; relative links only, so the folder can be moved or served."""

    def link(path: Path) -> str:
        return html.escape(os.path.relpath(path, index.parent).replace(os.sep, "/"))

    parts = [
        "<!doctype html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8"><title>打印文件一览</title>',
        "<style>body{font-family:sans-serif;margin:1em 2em}"
        "h2{border-top:1px solid #999;padding-top:.5em}"
        ".pages{display:flex;flex-wrap:wrap;gap:8px}"
        ".pages img{border:1px solid #ccc;background:#fff}"
        "figure{margin:0}figcaption{font-size:small;text-align:center}</style></head><body>",
        "<h1>打印文件一览</h1>",
        "<p>每个文件在三种状态下的每一页：空白表、演示数据、极限数据（最长字段、16名成员、"
        "700/5000字长文、生僻字、40项成果评分排名并列）。由 <code>make gallery</code> 生成。</p>",
        "<ul>",
    ]
    slugs = list(dict.fromkeys(item.slug for item in items))
    parts += [f'<li><a href="#{s}">{html.escape(REGISTRY[s].title)}</a></li>' for s in slugs]
    parts.append("</ul>")
    for slug in slugs:
        document = REGISTRY[slug]
        parts.append(
            f'<h2 id="{slug}">{html.escape(document.title)} <small>({slug}; '
            f"{', '.join(document.formats)})</small></h2>"
        )
        for item in (i for i in items if i.slug == slug):
            parts.append(f'<h3 id="{slug}-{item.state}">{STATE_TITLES[item.state]}</h3>')
            if item.note:
                parts.append(f"<p>{item.note}</p>")
                continue
            files = " · ".join(f'<a href="{link(p)}">{html.escape(p.name)}</a>' for p in item.files)
            parts.append(f"<p>{files}</p>")
            for fmt, pages in item.pages.items():
                label = "PDF" if fmt == "pdf" else "Word（LibreOffice 转 PDF）"
                parts.append(f"<h4>{label}：{len(pages)} 页</h4><div class=pages>")
                for number, (thumb, full) in enumerate(pages, start=1):
                    parts.append(
                        f'<figure><a href="{link(full)}"><img src="{link(thumb)}" '
                        f'alt="{slug} {item.state} {fmt} {number}" loading="lazy"></a>'
                        f"<figcaption>{number}</figcaption></figure>"
                    )
                parts.append("</div>")
    parts.append("</body></html>")
    index.write_text("\n".join(parts), encoding="utf-8")


def build_gallery(
    *,
    index_dir: Path,
    full_dir: Path,
    slugs=None,
    states=STATES,
    dpi: int = 100,
    thumb_dpi: int = 40,
) -> list[Item]:
    """Render, convert and index: the whole of ``manage.py render_gallery``."""
    slugs = list(slugs or REGISTRY)
    for folder in (index_dir / "pages", full_dir, full_dir / "thumbs"):
        for slug in slugs:
            shutil.rmtree(folder / slug, ignore_errors=True)
    rendered = render_all(slugs, states)
    items = write_files(rendered, full_dir, index_dir / "pages", dpi=dpi, thumb_dpi=thumb_dpi)
    index_dir.mkdir(parents=True, exist_ok=True)
    write_index(items, index_dir / "index.html")
    return items
