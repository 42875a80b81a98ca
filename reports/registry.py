"""One registry of documents: each is a small class that gathers its data once and renders it.

Views, URLs, permission checks, download names and the `render_document` command all come from
here, so adding a document is adding one class (and its template, if it has HTML).
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.http import Http404

from reports.render import render_html, render_pdf

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Rendered:
    filename: str
    content_type: str
    content: bytes

    @property
    def content_disposition(self) -> str:
        return f"attachment; filename*=UTF-8''{quote(self.filename)}"


class Document:
    """What every document declares; subclasses implement ``gather`` and their formats."""

    slug: str = ""
    title: str = ""
    formats: tuple[str, ...] = ()
    #: "entry" (one entry, ?pk=), "unit" (one unit's, ?unit= for staff) or "campaign".
    scope: str = "entry"
    #: May be printed empty for people who still fill forms by hand.
    has_blank: bool = False
    template: str = "reports/sheet.html"

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        """Everything the document shows, fetched in a fixed number of queries; 404 if not allowed."""
        raise NotImplementedError

    def stem(self, data) -> str:
        raise NotImplementedError

    def context(self, data) -> dict:
        raise NotImplementedError

    def html(self, data, downloads=()) -> str:
        return render_html(self.template, {**self.context(data), "downloads": downloads})

    def pdf(self, data) -> bytes:
        return render_pdf(self.html(data))

    def docx(self, data) -> bytes:
        raise NotImplementedError

    def xlsx(self, data) -> bytes:
        raise NotImplementedError

    def render(self, data, fmt: str) -> Rendered:
        if fmt not in self.formats:
            raise Http404
        content = self.html(data).encode() if fmt == "html" else getattr(self, fmt)(data)
        return Rendered(f"{self.stem(data)}.{fmt}", CONTENT_TYPES[fmt], content)


REGISTRY: dict[str, Document] = {}


def register(cls):
    REGISTRY[cls.slug] = cls()
    return cls


def document_or_404(slug: str) -> Document:
    try:
        return REGISTRY[slug]
    except KeyError:
        raise Http404 from None


def documents_for_kind(kind_slug: str) -> list[tuple[str, str]]:
    """(title, slug) of the printable forms of one kind of entry, for its page's print menu."""
    return [
        (document.title, slug)
        for slug, document in REGISTRY.items()
        if getattr(document, "kind_slug", None) == kind_slug
    ]


def blank_forms() -> list[tuple[str, str]]:
    return [(document.title, slug) for slug, document in REGISTRY.items() if document.has_blank]
