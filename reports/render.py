"""Renderers shared by every document: HTML for the browser and PDF through WeasyPrint (Word is
``reports.word``)."""

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

PRINT_CSS = Path(__file__).parent / "static" / "reports" / "print.css"


@cache
def print_css() -> str:
    return PRINT_CSS.read_text(encoding="utf-8")


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, {**context, "print_css": print_css()})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which pages never need

    return HTML(string=html).write_pdf()


def warm_up() -> None:
    """Load WeasyPrint and the CJK faces once, so a worker's first document is as fast as the rest.

    Importing WeasyPrint (Pango, HarfBuzz through cffi) costs about a second; gunicorn's
    post_worker_init calls this (website/gunicorn.py).
    """
    render_pdf(render_html("reports/warm_up.html", {}))
