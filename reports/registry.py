"""One registry of documents: each is a small class that declares who may open it, gathers its
data once and renders it.

Views, URLs, permission checks, download names and the `render_document` command all come from
here, so adding a document is adding one class (and its template, if it has HTML). Every caller
(the page, the command, the ZIP export) goes through ``Document.check`` (or ``Document.data_for``,
which checks then gathers): the one place a document's declared ``access`` is enforced, so
``gather`` only gathers.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import Http404

from portal.permissions import STAFF_ROLES, Role, has_role, is_coordinator, is_staff_member
from reports.render import render_html, render_pdf

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: What a document's ``scope`` may be: what its ``?pk=`` / ``?unit=`` point at.
SCOPES = {
    "entry": "one entry (?pk=); a coordinator only their own unit's (404 otherwise)",
    "unit": "one unit's (?unit= for staff, none: every unit); a coordinator always their own",
    "judge": "one judge's (?pk= the judge's account, for staff); a judge always their own",
    "campaign": "the whole campaign (?pk= only for staff, e.g. a results version's number)",
}


@dataclass(frozen=True)
class Access:
    """Who may open a document filled in; declared once on each document class.

    Blank forms (``has_blank``) are public and need none of this.
    """

    #: Roles that may open it (an inactive account, or a coordinator without a unit, has none).
    roles: tuple[str, ...]
    #: A coordinator only sees their own unit's: an entry of another unit is not found, a unit
    #: document is their own unit's whatever ``?unit=`` says. False: they see the campaign's.
    own_unit: bool = True
    #: The campaign's chief judge (评审组长) may open it as staff do (the version pick aside).
    chief_as_staff: bool = False
    #: Only with a current campaign (404 without one).
    needs_campaign: bool = True
    #: Coordinators only while this holds for the campaign (403 before), e.g. once the results
    #: are published or from presentation day on. None: whenever.
    units_when: Callable | None = None

    def admits(self, user, campaign) -> bool:
        """Whether ``user``'s role (or being the chief judge) lets them open the document."""
        if has_role(user, *self.roles):
            return True
        return bool(
            self.chief_as_staff
            and campaign is not None
            and user.is_authenticated
            and user.is_active
            and _is_chief(campaign, user)
        )


def _is_chief(campaign, user) -> bool:
    from judging.models import PanelMember  # here: importing the registry loads no models

    return PanelMember.objects.is_chief(campaign, user)


@dataclass(frozen=True)
class Ask:
    """A request for a document, narrowed by ``Document.check`` to what the user may see."""

    pk: int | None = None
    unit: int | None = None
    blank: bool = False


#: The declarations most documents share.
STAFF_ONLY = Access(roles=STAFF_ROLES)
STAFF_AND_CHIEF = Access(roles=STAFF_ROLES, chief_as_staff=True)
UNITS_AND_STAFF = Access(roles=(Role.COORDINATOR, *STAFF_ROLES))


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
    #: One of ``SCOPES``: what ``?pk=`` and ``?unit=`` point at.
    scope: str = "entry"
    #: Who may open it filled in (required: ``register`` refuses a document without it).
    access: Access | None = None
    #: May be printed empty, by anybody, for people who still fill forms by hand.
    has_blank: bool = False
    template: str = "reports/sheet.html"

    def check(self, user, campaign, *, pk=None, unit=None, blank=False) -> Ask:
        """The one permission check of every document, from its declared ``access``.

        Raises PermissionDenied for a role that may not open it (or a unit asking too early)
        and Http404 without the campaign it needs; returns the request narrowed to what ``user``
        may see: a coordinator's unit is their own, a judge's sheet their own, and only staff
        point at a particular version or judge with ``?pk=``. (Another unit's entry is then not
        found by ``gather``, whose querysets are the user's: ``for_user``.)
        """
        if blank and self.has_blank:
            return Ask(blank=True)
        access = self.access
        if not access.admits(user, campaign):
            raise PermissionDenied
        if campaign is None and access.needs_campaign:
            raise Http404
        staff = is_staff_member(user)
        if is_coordinator(user):
            if access.units_when is not None and not access.units_when(campaign):
                raise PermissionDenied
            if access.own_unit:
                if self.scope == "campaign":  # every unit's, which a unit may not see
                    raise PermissionDenied
                unit = user.member_unit_id
        if self.scope == "judge" and not staff:
            pk = user.pk
        if self.scope == "campaign" and not staff:
            pk = None
        if self.scope in ("judge", "campaign"):
            unit = None
        if self.scope == "unit":
            pk = None
        return Ask(pk=pk, unit=unit)

    def data_for(self, *, user, campaign, pk=None, unit=None, blank=False):
        """Check, then gather: what every caller uses."""
        ask = self.check(user, campaign, pk=pk, unit=unit, blank=blank)
        return self.gather(user=user, campaign=campaign, **asdict(ask))

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        """Everything the document shows, fetched in a fixed number of queries, for a request
        ``check`` has allowed and narrowed; 404 if what it points at is not there (or not the
        user's: querysets are scoped with ``for_user``)."""
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
    if not isinstance(cls.access, Access):
        raise TypeError(f"{cls.__name__} declares no access")
    if cls.scope not in SCOPES or not set(cls.formats) <= set(CONTENT_TYPES):
        raise TypeError(f"{cls.__name__}: unknown scope or format")
    if cls.scope == "campaign" and cls.access.own_unit and Role.COORDINATOR in cls.access.roles:
        raise TypeError(f"{cls.__name__}: a campaign-wide document cannot be a unit's own")
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
