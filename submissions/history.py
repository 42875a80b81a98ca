"""Who changed what and when, for staff: an entry's own history and that of its member list."""

from dataclasses import dataclass, field
from datetime import datetime

#: Bookkeeping fields that change on every save and say nothing to a reader.
_UNTOLD = {"id", "updated_at", "version", "serial_seq", "created_at"}


@dataclass
class Change:
    label: str
    old: object
    new: object


@dataclass
class HistoryRow:
    when: datetime
    who: object
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)


def _shown(field, record):
    value = getattr(record, field.attname)
    return dict(field.flatchoices).get(value, value) if field.choices else value


def _rows(records, model, subject) -> list[HistoryRow]:
    # Our own comparison: simple-history's diff_against() skips non-editable fields like status.
    fields = [f for f in model._meta.concrete_fields if f.name not in _UNTOLD]
    rows, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        changes = []
        if before is not None:
            changes = [
                Change(str(f.verbose_name), _shown(f, before), _shown(f, record))
                for f in fields
                if getattr(before, f.attname) != getattr(record, f.attname)
            ]
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=record.history_user,
                action=record.get_history_type_display(),
                subject=subject(record),
                changes=changes,
            )
        )
        previous[record.id] = record
    return rows


def entry_history(entry) -> list[HistoryRow]:
    """Every recorded change of ``entry`` and its members, newest first, in two or three queries."""
    model = type(entry)
    rows = _rows(
        entry.history.select_related("history_user").order_by("history_date", "history_id"),
        model,
        lambda record: str(model._meta.verbose_name),
    )
    members = getattr(entry, "members", None)
    if members is not None:
        member_model = members.model
        link = members.field.name
        rows += _rows(
            member_model.history.filter(**{f"{link}_id": entry.pk})
            .select_related("history_user")
            .order_by("history_date", "history_id"),
            member_model,
            lambda record: f"{member_model._meta.verbose_name} {record.name}",
        )
    return sorted(rows, key=lambda row: row.when, reverse=True)
