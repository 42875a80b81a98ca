"""The ZIP of everything submitted: forms as PDF and Word plus the uploaded materials.

One unit's ZIP has a folder per form and one per entry; the campaign's ZIP has one such tree per
unit and the province-wide tables at its root. Built item by item into a temporary file, so
that large uploads are streamed and the export's progress can be shown while it runs.

Who may ask for which ZIP is ``authorise`` (checked when it is asked for and again when it is
built); every document in it, and the uploaded materials that go with an entry's forms, pass
the same ``Document.check`` as on the page, with the rights of the person who asked.
"""

import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import Http404
from django.utils import timezone, translation

from portal.models import MemberUnit
from portal.permissions import STAFF_ROLES, Role, has_role, is_staff_member
from reports.models import Export
from reports.registry import REGISTRY, Ask, Document, documents_for_kind
from submissions.kinds import KINDS
from submissions.overview import entries_of

#: How often (in items) the progress is written to the database.
PROGRESS_EVERY = 5

#: Who may ask for a ZIP at all.
EXPORT_ROLES = (Role.COORDINATOR, *STAFF_ROLES)


def authorise(user, campaign, member_unit) -> None:
    """The export's scope rule: a coordinator may have their own unit's ZIP, staff any unit's
    or the whole campaign's (``member_unit`` None). PermissionDenied otherwise; Http404 without
    a campaign."""
    if user is None or not has_role(user, *EXPORT_ROLES):
        raise PermissionDenied
    if campaign is None:
        raise Http404
    if is_staff_member(user):
        return
    if member_unit is None or member_unit.pk != user.member_unit_id:
        raise PermissionDenied


@dataclass
class Item:
    path: str
    content: Callable[[], bytes] | None = None
    stored: object = None  # a FieldFile to stream instead of rendered content


def _clean(name: str) -> str:
    """A file or folder name safe on Windows and in ZIP readers."""
    return re.sub(r'[\\/:*?"<>|\r\n\t]+', "_", str(name)).strip(" .")[:80] or "_"


def _allowed(document: Document, user, campaign, unit_id) -> Ask | None:
    """The page's check for ``document`` of unit ``unit_id`` (None: every unit's), as the
    requester; None if refused, or if the check would narrow it to another unit than asked."""
    try:
        ask = document.check(user, campaign, unit=unit_id)
    except (PermissionDenied, Http404):
        return None
    return ask if ask.unit == unit_id else None


def _rendered(document, data, fmt):
    return lambda: document.render(data, fmt).content


def _documents(slug, user, campaign, formats, unit_id, name) -> list[Item]:
    """A registry document in ``formats`` (files ``name.fmt``) if the requester may open it;
    gathered once, with the requester's rights, when its first file is written."""
    document = REGISTRY[slug]
    ask = _allowed(document, user, campaign, unit_id)
    if ask is None:
        return []
    gathered = []

    def content(fmt):
        if not gathered:
            gathered.append(document.gather(user=user, campaign=campaign, **asdict(ask)))
        return document.render(gathered[0], fmt).content

    return [Item(f"{name}.{fmt}", lambda fmt=fmt: content(fmt)) for fmt in formats]


def unit_items(campaign, unit, user, prefix="") -> list[Item]:
    """Every submitted entry of ``unit`` (forms and materials) and its 附件8, as far as
    ``user`` may open them."""
    items = []
    for kind in KINDS.values():
        # An entry's forms and its uploaded materials go to whoever may open its forms.
        forms = [
            (title, REGISTRY[slug])
            for title, slug in documents_for_kind(kind.slug)
            if _allowed(REGISTRY[slug], user, campaign, unit.pk)
        ]
        if not forms:
            continue
        folder = f"{prefix}{_clean(kind.attachment.split('、')[0] + ' ' + str(kind.label_plural))}/"
        for entry in entries_of(kind, campaign, unit):
            if not entry.holds_quota:
                continue
            entry_folder = f"{folder}{_clean(f'{entry.serial_number} {entry}')}/"
            data = {"entry": entry, "campaign": campaign}
            for title, document in forms:
                for fmt in ("pdf", "docx"):
                    items.append(
                        Item(f"{entry_folder}{_clean(title)}.{fmt}", _rendered(document, data, fmt))
                    )
            materials = entry.files.all() if kind.slug == "achievement" else []
            for material in materials:
                name = _clean(f"{material.get_kind_display()}-{material.original_name}")
                items.append(Item(entry_folder + name, stored=material.file))
    if items:
        items += _documents(
            "attachment-8",
            user,
            campaign,
            ("pdf", "docx", "xlsx"),
            unit.pk,
            f"{prefix}附件8 推荐汇总表",
        )
    return items


def campaign_items(campaign, user) -> list[Item]:
    """Every unit's tree, then the province-wide summary, workbook and statistics."""
    items = []
    for unit in MemberUnit.objects.active():
        items += unit_items(campaign, unit, user, prefix=f"{_clean(unit.short_name)}/")
    items += _documents(
        "attachment-8", user, campaign, ("pdf", "docx", "xlsx"), None, "附件8 推荐汇总表（全省）"
    )
    items += _documents("staff-workbook", user, campaign, ("xlsx",), None, "全部申报汇总")
    items += _documents(
        "statistics-province", user, campaign, ("xlsx",), None, "附件7 活动统计表（全省汇总）"
    )
    return items


def build(export: Export) -> Export:
    """Write the export's ZIP; its progress is visible to the page polling it. The requester
    must still be allowed it (a role or unit may have changed since): PermissionDenied if not."""
    user = export.requested_by
    try:
        authorise(user, export.campaign, export.member_unit)
    except PermissionDenied as error:
        raise PermissionDenied("The requester may not have this export (any more).") from error
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING)
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        if export.member_unit_id:
            items = unit_items(export.campaign, export.member_unit, user)
        else:
            items = campaign_items(export.campaign, user)
        Export.objects.filter(pk=export.pk).update(total_items=len(items))
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
                for index, item in enumerate(items, start=1):
                    with archive.open(item.path, "w", force_zip64=True) as target:
                        if item.stored is not None:
                            with item.stored.open("rb") as source:
                                shutil.copyfileobj(source, target, 1024 * 1024)
                        else:
                            target.write(item.content())
                    if index % PROGRESS_EVERY == 0:
                        Export.objects.filter(pk=export.pk).update(done_items=index)
            spool.seek(0)
            export.file.save(f"{uuid.uuid4().hex}.zip", File(spool), save=False)
    export.status = Export.Status.DONE
    export.done_items = export.total_items = len(items)
    export.finished_at = timezone.now()
    export.save()
    return export
