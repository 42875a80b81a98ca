"""manage.py render_gallery: files, pages and an index with relative links, the database
left as it was."""

import re

import pytest
from django.core.management import CommandError, call_command

from portal.models import Campaign, MemberUnit, User
from submissions.models import QcAchievement

pytestmark = pytest.mark.django_db


def test_render_gallery_writes_pages_files_and_an_index(tmp_path):
    index_dir, full_dir = tmp_path / "docs", tmp_path / "full"
    call_command(
        "render_gallery",
        "--document=attachment-3",
        "--document=statistics-province",
        "--document=attachment-4",
        "--state=blank",
        "--state=demo",
        f"--index-dir={index_dir}",
        f"--full-dir={full_dir}",
        "--dpi=30",
        "--thumb-dpi=20",
    )
    index = (index_dir / "index.html").read_text(encoding="utf-8")
    for state in ("blank", "demo"):
        thumbs = full_dir / "thumbs" / "attachment-3"  # only the worst cases' are committed
        assert (thumbs / f"{state}-pdf-1.png").stat().st_size
        assert (thumbs / f"{state}-docx-1.png").stat().st_size
        assert (full_dir / "attachment-3" / f"{state}-pdf-1.png").exists()
        assert (full_dir / "attachment-3" / f"{state}.docx").exists()
    assert (full_dir / "statistics-province" / "demo.xlsx").stat().st_size
    links = re.findall(r'(?:src|href)="([^"#]+)"', index)
    assert links and all(not link.startswith("/") for link in links)
    assert all((index_dir / link).exists() for link in links)
    assert 'id="attachment-4-demo"' in index  # the demo has no promoter: said, not left out
    assert not (Campaign.objects.exists() or MemberUnit.objects.exists() or User.objects.exists())
    assert not QcAchievement.objects.exists()


def test_render_gallery_refuses_an_unknown_document(tmp_path):
    with pytest.raises(CommandError):
        call_command("render_gallery", "--document=nonsense", f"--index-dir={tmp_path}")
