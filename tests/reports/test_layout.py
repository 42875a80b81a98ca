"""The printed layout, read back from the PDFs at worst-case lengths (reports.gallery's data):
running headers on every page, serial numbers, scores and short names never split by a line
break, seal lines kept with the text they close, and page counts within bounds.

Every PDF document of the registry is rendered once per module, inside a rolled-back
transaction, and read page by page with pypdf (text in drawing order, so a wrapped cell's
lines follow each other).
"""

import io
import re
from dataclasses import dataclass, field

import pytest
from pypdf import PdfReader

from reports.gallery.data import build_worst_case, rolled_back
from reports.gallery.pages import OPERATOR, ask
from reports.registry import REGISTRY
from reports.sheets import RUNNING_UNITS, running_text

PDF_DOCUMENTS = [slug for slug, document in REGISTRY.items() if "pdf" in document.formats]
ATTACHMENT_FORMS = [f"attachment-{n}" for n in range(2, 8)]


def shown(text) -> str:
    """Enough of ``text`` to know it in a running header, which may cut a long one to fit
    (``running_text``) after a label such as 单位、部门（章）：."""
    return running_text(text, units=RUNNING_UNITS // 2).removesuffix("…")


def _entry_header(dataset, document, data):
    entry = dataset.entry(document)
    return [[shown(entry.member_unit.full_name)], [entry.serial_number]]


def _registration_header(dataset, document, data):
    """附件5's header is the paper's: 单位（章） and 课题类型 (it has no 总编号 line)."""
    entry = dataset.entry(document)
    return [[shown(entry.member_unit.full_name)], [entry.get_topic_type_display()]]


def _title_or_campaign(title):
    return lambda dataset, document, data: [[title, shown(dataset.campaign.title)]]


#: What every page must show, as groups of which each needs one of its texts (white space
#: ignored, so a long unit name may wrap).
HEADERS = {
    **dict.fromkeys(ATTACHMENT_FORMS, _entry_header),
    "attachment-5": _registration_header,
    "judge-score-sheet": lambda dataset, document, data: [[dataset.judge.name]],
    "results": _title_or_campaign("评审结果表"),
    "running-order": _title_or_campaign("成果发表顺序表"),
    "sign-in-sheet": _title_or_campaign("签到表"),
    "attachment-8": _title_or_campaign("推荐汇总表"),
}
#: PDF documents without a running header: each page stands alone.
HEADERLESS = {
    "certificates": "one certificate per page, nothing repeated on it",
}

#: The most pages each document may take with the worst-case data. A4 portrait at 10.5 pt holds
#: about 40 lines of 40 characters (≈1500 字) a page; landscape about 28 lines of 60.
PAGE_BOUNDS = {
    # The fields (200-character names and addresses) fill a page; two 700 字 answers ≈ 1 page;
    # the seal and the notes: 3 pages, one spare.
    "attachment-2": 4,
    # 700 字 of experience and a 700 字 opinion ≈ 1 page after the fields, seal and notes.
    "attachment-3": 3,
    # 700 字 of deeds and two 700 字 opinions ≈ 1.5 pages after a half page of fields.
    "attachment-4": 4,
    # Half a page of fields and 16 members whose 100-character duties wrap to a few lines each.
    "attachment-5": 5,
    # Two pages of indicators; 16 members two to a row, whose 50-character titles and
    # 100-character duties fill a tenth of the width each: about one pair a page (8); 5000 字
    # of profile (≈3.5 pages), seal and notes: 14, two spare.
    "attachment-6": 16,
    # The table and its notes with 200-character contacts (2 pages); 3000 字 and 2000 字 of
    # summaries on 另附页, each starting a page (≈2.5 each): 7, one spare.
    "attachment-7": 8,
    # 40 achievements, 10 enterprises, 10 promoters and 10 teams of 16, rows of 200-character
    # names taking about fifteen lines each: three rows a page, 33 pages, three spare.
    "attachment-8": 36,
    # 40 material and 40 presentation rows (100-character group names, six to eight lines in
    # landscape) in four tables: about four rows a page, 23 pages, three spare.
    "judge-score-sheet": 26,
    # 40 rows in landscape, 200/100/200-character unit, group and topic: about two rows a page.
    "results": 24,
    # 40 slots with unit, group and topic at their maximum, rows never split: two a page, and
    # the 200-character title with the venue on the first.
    "running-order": 26,
    # 45 rows (40 attendees and 5 spare) with 50-character names and positions: four a page.
    "sign-in-sheet": 12,
    # One page a certificate (type sized to fit, Certificates' fit): 40 achievements (the tier
    # shares cover every presenter), 10 enterprises, 10 promoters and 10 trusted teams.
    "certificates": 70,
}

#: What closes a form: the seal, the date to sign, the stamp.
SEAL_MARKS = ("（公章）", "年月日", "盖章")
PAGE_NUMBER = re.compile(r"[—–\-]*\d+[—–\-]*|第\d+页(共\d+页)?")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Printed:
    pages: list[list[str]] = field(repr=False)  # each page's lines, white space removed
    headers: list[list[str]] = field(repr=False)
    tokens: set[str] = field(repr=False)
    #: Per page, the texts drawn above its top edge or below its bottom edge (cut off on paper).
    off_page: list[list[str]] = field(repr=False, default_factory=list)


def off_page(page) -> list[str]:
    """The texts ``page`` draws outside its paper (e.g. a running header taller than the margin)."""
    top, bottom = float(page.mediabox.top), float(page.mediabox.bottom)
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and not bottom <= y <= top:
            found.append(text)

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker):
    """Every PDF document rendered once with the worst-case data."""
    out = {}
    with django_db_blocker.unblock(), rolled_back():
        dataset = build_worst_case()
        for slug in PDF_DOCUMENTS:
            document = REGISTRY[slug]
            data = document.data_for(
                user=OPERATOR,
                campaign=dataset.campaign,
                **ask(document, dataset),
            )
            reader = PdfReader(io.BytesIO(document.pdf(data)))
            rule = HEADERS.get(slug)
            out[slug] = Printed(
                pages=[
                    [compact(line) for line in page.extract_text().splitlines()]
                    for page in reader.pages
                ],
                headers=[[compact(t) for t in group] for group in rule(dataset, document, data)]
                if rule
                else [],
                tokens=dataset.tokens,
                off_page=[off_page(page) for page in reader.pages],
            )
    return out


def test_every_pdf_document_has_a_header_rule_and_a_page_bound():
    assert set(PDF_DOCUMENTS) == set(HEADERS) | set(HEADERLESS)
    assert set(PDF_DOCUMENTS) == set(PAGE_BOUNDS)


@pytest.mark.parametrize("slug", [slug for slug in PDF_DOCUMENTS if slug in HEADERS])
def test_every_page_has_the_running_header(printed, slug):
    document = printed[slug]
    missing = sorted(
        {
            number
            for number, lines in enumerate(document.pages, start=1)
            for group in document.headers
            if not any(text in "".join(lines) for text in group)
        }
    )
    assert not missing, f"pages without their header: {missing}"


@pytest.mark.parametrize("slug", PDF_DOCUMENTS)
def test_nothing_is_printed_off_the_paper(printed, slug):
    cut = [(number, texts[:3]) for number, texts in enumerate(printed[slug].off_page, 1) if texts]
    assert not cut, f"text outside the page (page, texts): {cut}"


def split_tokens(pages, tokens) -> tuple[set, set]:
    """The tokens found whole on one line, and those a line break cuts (found more often in a
    page's joined text than on its lines)."""
    whole, cut = set(), set()
    for lines in pages:
        text = "".join(lines)
        for token in tokens:
            on_lines = sum(line.count(token) for line in lines)
            if on_lines:
                whole.add(token)
            if text.count(token) > on_lines:
                cut.add(token)
    return whole, cut


@pytest.mark.parametrize("slug", PDF_DOCUMENTS)
def test_no_line_ends_inside_a_serial_number_score_or_short_name(printed, slug):
    document = printed[slug]
    _whole, cut = split_tokens(document.pages, document.tokens)
    assert not cut, f"split across lines: {sorted(cut)}"


def _is_furniture(line, headers) -> bool:
    """A line that is no text of the form: a running header, a page number, a note, a seal."""
    return (
        not line
        or PAGE_NUMBER.fullmatch(line) is not None
        or line.startswith("注")
        or any(text in line for group in headers for text in group)
        or any(mark in line for mark in SEAL_MARKS)
    )


def orphaned_seals(pages, headers) -> list[tuple[int, str]]:
    """Seal lines with no text of the form before them on their page (nor beside them)."""
    orphans = []
    for number, lines in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            if line.startswith("注") or not any(mark in line for mark in SEAL_MARKS):
                continue
            beside = line
            for mark in SEAL_MARKS:
                beside = beside.replace(mark, "")
            before = [other for other in lines[:index] if not _is_furniture(other, headers)]
            if not before and not beside:
                orphans.append((number, line))
    return orphans


@pytest.mark.parametrize("slug", PDF_DOCUMENTS)
def test_seal_lines_share_a_page_with_the_text_they_close(printed, slug):
    document = printed[slug]
    assert not orphaned_seals(document.pages, document.headers)


@pytest.mark.parametrize("slug", PDF_DOCUMENTS)
def test_page_count_stays_within_its_bound(printed, slug):
    pages = len(printed[slug].pages)
    assert pages <= PAGE_BOUNDS[slug], f"{pages} pages, at most {PAGE_BOUNDS[slug]}"


def test_the_checks_see_what_they_look_for():
    """The readers themselves: a cut token, a seal alone under the header, a seal with text."""
    whole, cut = split_tokens([["序号2026-QC-", "005张伟"]], {"2026-QC-005", "张伟"})
    assert (whole, cut) == ({"张伟"}, {"2026-QC-005"})
    headers = [["某单位"], ["2026-QC-005"]]
    assert orphaned_seals(
        [["某单位总编号：2026-QC-005", "（公章）", "年月日", "注：一式二份"]], headers
    )
    assert not orphaned_seals([["某单位", "同意推荐。", "（公章）", "年月日"]], headers)
