"""The ZIP of everything submitted: forms as PDF and Word plus the uploaded materials.

One unit's ZIP has a folder per form and one per entry; the campaign's ZIP has one such tree per
unit and the province-wide tables at its root. Built item by item into a temporary file, so
that large uploads are streamed and the export's progress can be shown while it runs.
"""

import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.utils import timezone, translation

from portal.models import MemberUnit
from reports.models import Export
from reports.registry import REGISTRY, documents_for_kind
from submissions.kinds import KINDS
from submissions.overview import entries_of

#: How often (in items) the progress is written to the database.
PROGRESS_EVERY = 5


@dataclass
class Item:
    path: str
    content: Callable[[], bytes] | None = None
    stored: object = None  # a FieldFile to stream instead of rendered content


def _clean(name: str) -> str:
    """A file or folder name safe on Windows and in ZIP readers."""
    return re.sub(r'[\\/:*?"<>|\r\n\t]+', "_", str(name)).strip(" .")[:80] or "_"


def _rendered(slug, data, fmt):
    return lambda: REGISTRY[slug].render(data, fmt).content


def _document(slug, user, campaign, fmt, unit=None, name=None) -> Item:
    """A registry document, gathered with the rights of the person who asked for the export."""
    document = REGISTRY[slug]

    def content():
        return document.render(
            document.gather(user=user, campaign=campaign, unit=unit), fmt
        ).content

    return Item(name or f"{document.title}.{fmt}", content)


def unit_items(campaign, unit, user, prefix="") -> list[Item]:
    """Every submitted entry of ``unit`` (forms and materials) and its 附件8."""
    items = []
    for kind in KINDS.values():
        folder = f"{prefix}{_clean(kind.attachment.split('、')[0] + ' ' + str(kind.label_plural))}/"
        for entry in entries_of(kind, campaign, unit):
            if not entry.holds_quota:
                continue
            entry_folder = f"{folder}{_clean(f'{entry.serial_number} {entry}')}/"
            data = {"entry": entry, "campaign": campaign}
            for title, slug in documents_for_kind(kind.slug):
                for fmt in ("pdf", "docx"):
                    items.append(
                        Item(f"{entry_folder}{_clean(title)}.{fmt}", _rendered(slug, data, fmt))
                    )
            materials = entry.files.all() if kind.slug == "achievement" else []
            for material in materials:
                name = _clean(f"{material.get_kind_display()}-{material.original_name}")
                items.append(Item(entry_folder + name, stored=material.file))
    if items:
        for fmt in ("pdf", "docx", "xlsx"):
            items.append(
                _document(
                    "attachment-8", user, campaign, fmt, unit.pk, f"{prefix}附件8 推荐汇总表.{fmt}"
                )
            )
    return items


def campaign_items(campaign, user) -> list[Item]:
    """Every unit's tree, then the province-wide summary, workbook and statistics."""
    items = []
    for unit in MemberUnit.objects.active():
        items += unit_items(campaign, unit, user, prefix=f"{_clean(unit.short_name)}/")
    for fmt in ("pdf", "docx", "xlsx"):
        items.append(
            _document("attachment-8", user, campaign, fmt, name=f"附件8 推荐汇总表（全省）.{fmt}")
        )
    items.append(_document("staff-workbook", user, campaign, "xlsx", name="全部申报汇总.xlsx"))
    items.append(
        _document(
            "statistics-province", user, campaign, "xlsx", name="附件7 活动统计表（全省汇总）.xlsx"
        )
    )
    return items


def build(export: Export) -> Export:
    """Write the export's ZIP; its progress is visible to the page polling it."""
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING)
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        user = export.requested_by
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
