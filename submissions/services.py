"""Every write of a unit's entry that has a rule: keyword-only functions, one transaction each.

Forms, views, the admin and commands all come through here, so the deadline, the quotas, the
status workflow and the protection against overwriting someone else's save cannot be bypassed.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.models import Campaign, MemberUnit, Phase
from portal.permissions import is_staff_member
from submissions.models import AchievementFile
from submissions.models.base import COUNTED, EDITABLE, Status, member_count_problem


@dataclass(frozen=True)
class FieldChange:
    """A field somebody else changed since this copy was loaded: the value saved now, and this copy's.

    ``theirs`` and ``yours`` are shown as read (a choice by its label, a yes/no as 是/否), None
    when empty; ``name`` is the field's name, or a member formset's prefix for its member list.
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


def unit_may_change(*, campaign, member_unit, user, at=None) -> bool:
    """Units change their entries until their deadline; staff are not bound by it. Nobody
    changes them once the campaign has left the submission phase: judging rests on them."""
    if campaign.phase != Phase.OPEN:
        return False
    if is_staff_member(user):
        return True
    return (at or timezone.now()) <= campaign.deadline_for(member_unit)


def _ensure_open(entry, user) -> None:
    if entry.campaign.phase != Phase.OPEN:
        raise ValidationError(
            _(
                "The campaign has left the submission phase: entries can still be read and "
                "printed, but no longer changed, submitted, withdrawn or returned."
            )
        )
    if not unit_may_change(campaign=entry.campaign, member_unit=entry.member_unit, user=user):
        deadline = timezone.localtime(entry.campaign.deadline_for(entry.member_unit))
        raise ValidationError(
            _(
                "The deadline (%(deadline)s) has passed: the unit's entries can still be read and "
                "printed, but no longer created, changed, submitted or withdrawn."
            )
            % {"deadline": date_format(deadline, "Y-m-d H:i")}
        )


def _locked(entry):
    """The entry's row, locked alone (of=self): saves of different entries never wait on each other."""
    return (
        type(entry)
        .objects.select_for_update(of=("self",))
        .select_related("campaign", "member_unit")
        .get(pk=entry.pk)
    )


def _save(entry, user, **fields):
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.version += 1
    entry._history_user = user
    entry.save()
    return entry


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


class _MemberList:
    """A member formset of the entry seen three ways: as loaded (base), as saved now, as posted."""

    def __init__(self, formset, current, base_version):
        self.formset = formset
        self.model_fields = [
            formset.model._meta.get_field(name) for name in formset.form._meta.fields
        ]
        self.fields = [field.attname for field in self.model_fields]
        standing = list(formset.model._default_manager.filter(**{formset.fk.name: current}))
        self.now = self._rows(standing)
        self.now_shown = self._shown(standing)
        self.listed = [
            form
            for form in formset.forms
            if (form.instance.pk or form.has_changed())
            and not (formset.can_delete and formset._should_delete_form(form))
        ]
        self.mine = self._rows(form.instance for form in self.listed)
        self.base = None if base_version is None else self._rows_at(current, base_version)

    def _shown(self, members):
        """One line per member, its values as read."""
        lines = [
            " / ".join(
                str(shown)
                for field in self.model_fields
                if (shown := _shown(field, getattr(member, field.attname))) is not None
            )
            for member in members
        ]
        return "\n".join(lines) or None

    def _values(self, member):
        return tuple(getattr(member, name) for name in self.fields)

    def _rows(self, members):
        return [(member.pk, self._values(member)) for member in members]

    def _rows_at(self, current, version):
        """The list a copy loaded at ``version`` showed, from the members' history; None if unknown.

        Members are saved after their entry, in the same transaction, so that list is the one
        standing just before the entry's first save after ``version``.
        """
        history = getattr(self.formset.model, "history", None)
        following = (
            current.history.filter(version__gt=version)
            .order_by("history_date", "history_id")
            .first()
        )
        if history is None or following is None:
            return None
        # A historical record's own pk is its history_id; the member's id is a plain field of it.
        member_id = self.formset.model._meta.pk.attname
        latest = {}
        records = history.filter(
            **{self.formset.fk.attname: current.pk, "history_date__lt": following.history_date}
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
            name=self.formset.prefix,
            label=str(self.formset.model._meta.verbose_name_plural),
            theirs=self.now_shown,
            yours=self._shown(form.instance for form in self.listed),
        )

    def to_save(self):
        """The formset to save, or None when this copy left its list as it loaded it.

        Rows this copy left as loaded are saved with the values standing now, not the loaded ones.
        """
        if self.base is None:
            return self.formset
        if self.mine == self.base:
            return None
        loaded = dict(self.base)
        for form in self.formset.initial_forms:
            member = form.instance
            if member.pk in loaded and self._values(member) == loaded[member.pk]:
                member.refresh_from_db(fields=self.fields)
        return self.formset


def _reconcile(entry, current, expected_version, base_version, children):
    """Merge a copy loaded at ``base_version`` with what others saved since; or refuse it once.

    base = the entry as loaded (its history row at ``base_version``), theirs = the row now,
    mine = ``entry`` as posted. A copy whose ``expected_version`` is not the row's version is
    refused with StaleEdit listing what others changed, unless they changed nothing it holds.
    Once ``expected_version`` is current (the user saw the list), the typed fields this copy left
    as loaded take theirs and the others keep mine; member lists likewise (see _MemberList).
    Without the history row of ``base_version`` (entries older than their history), the list is
    computed against the row itself and saving again applies the whole copy, members included.

    Returns the member formsets still to be saved.
    """
    if base_version is None:
        base_version = expected_version
    if current.version == base_version:
        return children
    base = _record_at(current, base_version)
    lists = [
        _MemberList(formset, current, base_version if base is not None else None)
        for formset in children
    ]
    if current.version != expected_version:
        changes = _changed_fields(entry, current, base)
        changes += [change for members in lists if (change := members.changed_by_others())]
        if changes:
            raise StaleEdit(current.version, changes)
    if base is not None:
        for field in _typed_fields(type(entry)):
            if getattr(entry, field.attname) == getattr(base, field.attname):
                setattr(entry, field.attname, getattr(current, field.attname))
    return [formset for members in lists if (formset := members.to_save()) is not None]


@transaction.atomic
def save_entry(*, entry, user, expected_version=None, base_version=None, children=()):
    """Create or update ``entry`` (already validated by its form), then its member ``children``.

    ``expected_version`` is the version the user last saw (None: no check, e.g. the admin);
    ``base_version`` the one the form was first loaded at (defaults to ``expected_version``).
    Raises StaleEdit, with the fields changed meanwhile, when somebody saved since
    ``expected_version``; saving again with the version it carries merges three ways, so that
    nobody's change is reverted by a field this user did not touch (see _reconcile).
    """
    _ensure_open(entry, user)
    children = list(children)
    if entry.pk:
        current = _locked(entry)
        if not current.is_editable:
            raise ValidationError(_("A submitted entry cannot be changed; withdraw it first."))
        if expected_version is not None:
            children = _reconcile(entry, current, expected_version, base_version, children)
        # What the unit does not type comes from the locked row, never from the copy it edited.
        for name in BOOKKEEPING:
            setattr(entry, name, getattr(current, name))
    else:
        entry.created_by = user
        entry.version = 0
    for formset in children:
        problem = member_count_problem(entry.member_count, formset.listed())
        if problem:
            raise ValidationError({"member_count": problem})
    entry.validate_constraints()
    try:
        with transaction.atomic():
            _save(entry, user)
    except IntegrityError as error:
        raise ValidationError(
            _(
                "Another entry was saved at the same moment and conflicts with this one; reload the page."
            )
        ) from error
    for formset in children:
        formset.instance = entry
        formset.save()
    return entry


@transaction.atomic
def delete_draft(*, entry, user) -> None:
    entry = _locked(entry)
    _ensure_open(entry, user)
    if entry.status != Status.DRAFT or entry.serial_number:
        raise ValidationError(_("Only a draft that was never submitted can be deleted."))
    materials = getattr(entry, "files", None)
    files = (
        [(m.file.storage, m.file.name) for m in materials.all()] if materials is not None else []
    )
    entry.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _next_serial(entry) -> tuple[str, int]:
    campaign = Campaign.objects.select_for_update().get(pk=entry.campaign_id)
    last = type(entry).objects.filter(campaign=campaign).aggregate(m=Max("serial_seq"))["m"]
    seq = (last or 0) + 1
    return f"{campaign.year}-{entry.serial_code}-{seq:03d}", seq


@transaction.atomic
def submit(*, entry, user):
    """Submit after checking everything again: deadline, fields, eligibility, materials, quota.

    The unit's row is locked first, so two coordinators of one unit submitting at the same
    instant are served one after the other and the second sees the first's entry in the count.
    """
    MemberUnit.objects.select_for_update().get(pk=entry.member_unit_id)
    entry = _locked(entry)
    if entry.status not in EDITABLE:
        raise ValidationError(_("This entry is already submitted."))
    _ensure_open(entry, user)
    entry.full_clean()
    problems = entry.missing_for_submission()
    if problems:
        raise ValidationError(problems)
    model = type(entry)
    limit = model.quota_limit(entry.campaign, entry.member_unit)
    if limit is not None:
        used = (
            model.objects.filter(campaign=entry.campaign_id, member_unit=entry.member_unit_id)
            .counted()
            .exclude(pk=entry.pk)
            .count()
        )
        if used >= limit:
            message = _(
                "The quota is reached: %(unit)s may submit %(limit)d %(kind)s to this campaign "
                "and has submitted %(used)d. Withdraw one to submit this one."
            ) % {
                "unit": entry.member_unit.short_name,
                "limit": limit,
                "kind": model._meta.verbose_name_plural,
                "used": used,
            }
            if model.quota_rule:
                message = f"{message} {model.quota_rule % {'limit': limit}}"
            raise ValidationError(message)
    fields = {"status": Status.SUBMITTED, "submitted_at": timezone.now(), "return_reason": ""}
    if not entry.serial_number:
        fields["serial_number"], fields["serial_seq"] = _next_serial(entry)
    return _save(entry, user, **fields)


@transaction.atomic
def withdraw(*, entry, user):
    """Take a submitted entry back: it frees its place in the quota and can be edited again."""
    entry = _locked(entry)
    if entry.status not in COUNTED:
        raise ValidationError(_("Only a submitted entry can be withdrawn."))
    _ensure_open(entry, user)
    return _save(entry, user, status=Status.WITHDRAWN)


@transaction.atomic
def receive(*, entry, user):
    """Staff confirm the entry (and its paper original) arrived in order."""
    entry = _locked(entry)
    if entry.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted entry can be marked received."))
    return _save(entry, user, status=Status.RECEIVED)


@transaction.atomic
def return_for_revision(*, entry, user, reason: str):
    """Staff send the entry back to its unit, saying what to change."""
    entry = _locked(entry)
    _ensure_open(entry, user)
    if entry.status not in (Status.SUBMITTED, Status.RECEIVED):
        raise ValidationError(_("Only a submitted or received entry can be returned."))
    if not reason.strip():
        raise ValidationError(_("Say what the unit should revise."))
    return _save(entry, user, status=Status.RETURNED, return_reason=reason.strip())


@transaction.atomic
def upload_material(*, achievement, kind: str, checked, user):
    """Store a checked upload as the achievement's material of ``kind``, replacing an older one."""
    achievement = _locked(achievement)
    _ensure_open(achievement, user)
    if not achievement.is_editable:
        raise ValidationError(_("A submitted entry cannot be changed; withdraw it first."))
    material = AchievementFile.objects.filter(achievement=achievement, kind=kind).first()
    old_file = material.file.name if material else None
    material = material or AchievementFile(achievement=achievement, kind=kind)
    material.original_name = checked.original_name
    material.content_type = checked.content_type
    material.size = checked.size
    material.file.save(checked.content.name, checked.content, save=False)
    material._history_user = user
    material.save()
    if old_file:
        transaction.on_commit(lambda: material.file.storage.delete(old_file))
    return material
