"""Every write of a unit's entry that has a rule: keyword-only functions, one transaction each.

Forms, views, the admin and commands all come through here, so the deadline, the quotas, the
status workflow and the protection against overwriting someone else's save cannot be bypassed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.models import Campaign, MemberUnit, Phase
from portal.permissions import is_staff_member
from submissions.merge import BOOKKEEPING, MEMBERS, MemberRows, reconcile
from submissions.models import AchievementFile
from submissions.models.base import (
    COUNTED,
    EDITABLE,
    Status,
    member_count_problem,
    typed_member_fields,
)
from submissions.quotas import quota_usage


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


@transaction.atomic
def save_entry(*, entry, user, expected_version=None, base_version=None, members=None):
    """Create or update ``entry`` (its typed values set on it), then its member list.

    ``members`` is the list as the user left it, in order: (member id, or None for a new member;
    the values of ``typed_member_fields``); None leaves the stored list alone.
    ``expected_version`` is the version the user last saw (None: no check, e.g. the admin);
    ``base_version`` the one the form was first loaded at (defaults to ``expected_version``).
    Raises StaleEdit, with the fields changed meanwhile, when somebody saved since
    ``expected_version``; saving again with the version it carries merges three ways, so that
    nobody's change is reverted by a field this user did not touch (submissions.merge).
    """
    _ensure_open(entry, user)
    posted = None if members is None else [(pk, tuple(values)) for pk, values in members]
    # What this user posted must agree with itself before anything is merged.
    if posted is not None:
        problem = member_count_problem(entry.member_count, len(posted))
        if problem:
            raise ValidationError({"member_count": problem})
    to_save = posted
    if entry.pk:
        current = _locked(entry)
        if not current.is_editable:
            raise ValidationError(_("A submitted entry cannot be changed; withdraw it first."))
        if expected_version is not None:
            to_save = reconcile(entry, current, expected_version, base_version, posted)
        # What the unit does not type comes from the locked row, never from the copy it edited.
        for name in BOOKKEEPING:
            setattr(entry, name, getattr(current, name))
    else:
        entry.created_by = user
        entry.version = 0
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
    if to_save is not None:
        _save_members(entry, to_save)
    if posted is not None:
        # After a merge the count and the list may come from two people: they must still agree.
        problem = member_count_problem(entry.member_count, entry.members.count())
        if problem:
            raise ValidationError({"member_count": problem})
    return entry


def _save_members(entry, rows: MemberRows) -> None:
    """Make the entry's stored member list ``rows``: matched by id among its own members only,
    new ones added, the ones not listed deleted; only rows that differ are written (each write
    is a line of history)."""
    relation = type(entry)._meta.get_field(MEMBERS)
    model, fk = relation.related_model, relation.field
    fields = [field.attname for field in typed_member_fields(model)]
    stored = {member.pk: member for member in model._default_manager.filter(**{fk.name: entry})}
    kept = set()
    for position, (pk, values) in enumerate(rows, start=1):
        member = stored.get(pk) or model(**{fk.name: entry})
        wanted = dict(zip(fields, values, strict=True), order=position - 1)
        if member.pk and all(getattr(member, name) == value for name, value in wanted.items()):
            kept.add(member.pk)
            continue
        for name, value in wanted.items():
            setattr(member, name, value)
        try:
            member.full_clean(exclude=[fk.name])
        except ValidationError as error:
            raise ValidationError(
                _("Member %(position)d: %(problems)s")
                % {"position": position, "problems": " ".join(error.messages)}
            ) from error
        member.save()
        kept.add(member.pk)
    for pk, member in stored.items():
        if pk not in kept:
            member.delete()


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
    usage = quota_usage(model, entry.campaign, entry.member_unit, excluding=entry)
    if usage.is_full:
        message = _(
            "The quota is reached: %(unit)s may submit %(limit)d %(kind)s to this campaign "
            "and has submitted %(used)d. Withdraw one to submit this one."
        ) % {
            "unit": entry.member_unit.short_name,
            "limit": usage.limit,
            "kind": usage.label,
            "used": usage.used,
        }
        if model.quota_rule:
            message = f"{message} {model.quota_rule % {'limit': usage.limit}}"
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
