"""Two people editing one entry: a stale save is refused once with what changed meanwhile
(theirs vs yours); the save after it merges three ways against the version the user loaded,
read from the entry's history, so nobody's change is reverted by a field this user did not
touch. Called by ``submissions.services.save_entry``."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from submissions.models.base import typed_member_fields

#: Fields of an entry that only the workflow writes.
BOOKKEEPING = [
    "campaign_id",
    "member_unit_id",
    "status",
    "serial_number",
    "serial_seq",
    "return_reason",
    "submitted_at",
    "created_by_id",
    "created_at",
    "version",
]


@dataclass(frozen=True)
class FieldChange:
    """A field somebody else changed since this copy was loaded: the value saved now, and this copy's.

    ``theirs`` and ``yours`` are shown as read (a choice by its label, a yes/no as 是/否), None
    when empty; ``name`` is the field's name, or MEMBERS for the member list.
    """

    name: str
    label: str
    theirs: object
    yours: object


class StaleEdit(Exception):
    """Somebody else saved the entry since this copy was loaded.

    Carries the current version (the form keeps it, so that saving again is a knowing choice and
    a further save by a third person is caught again) and the fields changed meanwhile.
    """

    def __init__(self, current_version: int, changes=()):
        super().__init__(current_version, list(changes))

    @property
    def current_version(self) -> int:
        return self.args[0]

    @property
    def changes(self) -> list[FieldChange]:
        return self.args[1]


def _typed_fields(model):
    """What a unit types on an entry's form: the fields a stale copy is compared and merged on."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.attname not in BOOKKEEPING
    ]


def _shown(field, value):
    if value is None or value == "":
        return None
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def _record_at(current, version):
    """The history row of ``current`` as it stood at ``version`` (the last one written at it)."""
    return current.history.filter(version=version).order_by("-history_date", "-history_id").first()


def _changed_fields(entry, current, base) -> list[FieldChange]:
    """The typed fields somebody else changed since ``base``; against the row when base is None."""
    reference = entry if base is None else base
    return [
        FieldChange(
            name=field.name,
            label=str(field.verbose_name),
            theirs=_shown(field, getattr(current, field.attname)),
            yours=_shown(field, getattr(entry, field.attname)),
        )
        for field in _typed_fields(type(entry))
        if getattr(reference, field.attname) != getattr(current, field.attname)
    ]


#: A member list as the service takes it: (member id or None for a new one, typed values), in order.
MemberRows = list[tuple[int | None, tuple]]

#: The name a change of the member list goes by (the relation's, and the page's formset prefix).
MEMBERS = "members"


class MemberList:
    """The member list of an entry seen three ways: as loaded (base), as saved now, as posted."""

    def __init__(self, current, posted: MemberRows, base_version):
        relation = type(current)._meta.get_field(MEMBERS)
        self.model = relation.related_model
        self.fk = relation.field
        self.model_fields = typed_member_fields(self.model)
        self.fields = [field.attname for field in self.model_fields]
        standing = list(self.model._default_manager.filter(**{self.fk.name: current}))
        self.now = [(member.pk, self._values(member)) for member in standing]
        self.mine = list(posted)
        self.base = None if base_version is None else self._rows_at(current, base_version)

    def _shown(self, rows):
        """One line per member, its values as read."""
        lines = [
            " / ".join(
                str(shown)
                for field, value in zip(self.model_fields, values, strict=True)
                if (shown := _shown(field, value)) is not None
            )
            for _pk, values in rows
        ]
        return "\n".join(lines) or None

    def _values(self, member):
        return tuple(getattr(member, name) for name in self.fields)

    def _rows_at(self, current, version):
        """The list a copy loaded at ``version`` showed, from the members' history; None if unknown.

        Members are saved after their entry, in the same transaction, so that list is the one
        standing just before the entry's first save after ``version``.
        """
        history = getattr(self.model, "history", None)
        following = (
            current.history.filter(version__gt=version)
            .order_by("history_date", "history_id")
            .first()
        )
        if history is None or following is None:
            return None
        # A historical record's own pk is its history_id; the member's id is a plain field of it.
        member_id = self.model._meta.pk.attname
        latest = {}
        records = history.filter(
            **{self.fk.attname: current.pk, "history_date__lt": following.history_date}
        ).order_by("history_date", "history_id")
        for record in records:
            latest[getattr(record, member_id)] = record
        standing = sorted(
            ((pk, record) for pk, record in latest.items() if record.history_type != "-"),
            key=lambda item: (getattr(item[1], "order", 0), item[0]),
        )
        rows = [(pk, self._values(record)) for pk, record in standing]
        # A row of this copy that history does not know: the list it loaded cannot be told.
        known = {pk for pk, _values in rows}
        return rows if all(pk in known for pk, _values in self.mine if pk) else None

    def changed_by_others(self) -> FieldChange | None:
        if self.now == (self.mine if self.base is None else self.base):
            return None
        return FieldChange(
            name=MEMBERS,
            label=str(self.model._meta.verbose_name_plural),
            theirs=self._shown(self.now),
            yours=self._shown(self.mine),
        )

    def to_save(self) -> MemberRows | None:
        """The list to save, or None when this copy left its list as it loaded it.

        Rows this copy left as loaded take the values standing now (or stay deleted if somebody
        deleted them meanwhile); the rows it changed or added keep its values; the rows it removed
        go; rows somebody else added meanwhile stay, after this copy's.
        """
        if self.base is None:
            return self.mine
        if self.mine == self.base:
            return None
        loaded, now = dict(self.base), dict(self.now)
        merged = []
        for pk, values in self.mine:
            if pk in loaded and values == loaded[pk]:
                if pk in now:
                    merged.append((pk, now[pk]))
            else:
                merged.append((pk, values))
        listed = {pk for pk, _values in self.mine}
        merged += [(pk, values) for pk, values in self.now if pk not in loaded.keys() | listed]
        return merged


def reconcile(entry, current, expected_version, base_version, members: MemberRows | None):
    """Merge a copy loaded at ``base_version`` with what others saved since; or refuse it once.

    base = the entry as loaded (its history row at ``base_version``), theirs = the row now,
    mine = ``entry`` as posted. A copy whose ``expected_version`` is not the row's version is
    refused with StaleEdit listing what others changed, unless they changed nothing it holds.
    Once ``expected_version`` is current (the user saw the list), the typed fields this copy left
    as loaded take theirs and the others keep mine; member lists likewise (see MemberList).
    Without the history row of ``base_version`` (entries older than their history), the list is
    computed against the row itself and saving again applies the whole copy, members included.

    Returns the member rows still to be saved (None: leave the stored list alone).
    """
    if base_version is None:
        base_version = expected_version
    if current.version == base_version:
        return members
    base = _record_at(current, base_version)
    listed = (
        None
        if members is None
        else MemberList(current, members, base_version if base is not None else None)
    )
    if current.version != expected_version:
        changes = _changed_fields(entry, current, base)
        if listed is not None and (change := listed.changed_by_others()):
            changes.append(change)
        if changes:
            raise StaleEdit(current.version, changes)
    if base is not None:
        for field in _typed_fields(type(entry)):
            if getattr(entry, field.attname) == getattr(base, field.attname):
                setattr(entry, field.attname, getattr(current, field.attname))
    return None if listed is None else listed.to_save()
