from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.gallery.pages import STATES, build_gallery
from reports.registry import REGISTRY


class Command(BaseCommand):
    help = (
        "Render every document blank, with the demo's data and with worst-case data to PDF/PNG "
        "(Word through LibreOffice) and XLSX, and write docs/gallery/index.html. The data lives "
        "in a transaction that is rolled back: the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--document",
            action="append",
            dest="documents",
            metavar="NAME",
            help="Only this document (repeatable; names as in render_document --list).",
        )
        parser.add_argument(
            "--state",
            action="append",
            dest="states",
            choices=STATES,
            help="Only this state (repeatable; default: all three).",
        )
        parser.add_argument(
            "--index-dir",
            default=str(settings.BASE_DIR / "docs" / "gallery"),
            help="Where index.html and the thumbnails go (committed; default docs/gallery).",
        )
        parser.add_argument(
            "--full-dir",
            default=str(settings.BASE_DIR / "var" / "gallery"),
            help="Where the files and full-size pages go (not committed; default var/gallery).",
        )
        parser.add_argument("--dpi", type=int, default=100, help="Full-size pages (default 100).")
        parser.add_argument(
            "--thumb-dpi", type=int, default=40, help="Thumbnails, in 16 colours (default 40)."
        )

    def handle(self, *args, documents, states, index_dir, full_dir, dpi, thumb_dpi, **options):
        unknown = sorted(set(documents or ()) - set(REGISTRY))
        if unknown:
            raise CommandError(
                f"No document named {', '.join(unknown)}; see render_document --list."
            )
        states = [state for state in STATES if state in (states or STATES)]
        items = build_gallery(
            index_dir=Path(index_dir),
            full_dir=Path(full_dir),
            slugs=documents,
            states=states,
            dpi=dpi,
            thumb_dpi=thumb_dpi,
        )
        pages = sum(len(p) for item in items for p in item.pages.values())
        self.stdout.write(
            f"{Path(index_dir) / 'index.html'}: {len(items)} renderings, {pages} pages"
        )
