"""Setting up the judging: the panel and its chief, conflicts of interest, rubrics, the
judging settings, and next year's copy of them. Keyword-only functions, one transaction each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from judging.models import (
    Assignment,
    Conflict,
    Criterion,
    JudgingSettings,
    PanelMember,
    Rubric,
    ScoreSheet,
    SheetStatus,
)
from judging.signoffs import lock, undo_for_late_conflict
from portal.audit import record
from portal.models import EventKind
from portal.services import next_year


@transaction.atomic
def seat_judge(*, campaign, judge, is_chief=False) -> PanelMember:
    member = PanelMember(campaign=campaign, judge=judge)
    member.full_clean(exclude=["is_chief"])
    member.save()
    if is_chief:
        make_chief(campaign=campaign, judge=judge)
    return member


@transaction.atomic
def make_chief(*, campaign, judge) -> None:
    """One chief judge per campaign: the previous one becomes an ordinary member."""
    if not PanelMember.objects.filter(campaign=campaign, judge=judge).exists():
        raise ValidationError(_("%(judge)s is not on the panel.") % {"judge": judge})
    PanelMember.objects.filter(campaign=campaign, is_chief=True).update(is_chief=False)
    PanelMember.objects.filter(campaign=campaign, judge=judge).update(is_chief=True)


@transaction.atomic
def unseat_judge(*, campaign, judge) -> None:
    if ScoreSheet.objects.filter(judge=judge, achievement__campaign=campaign).exists():
        raise ValidationError(
            _("%(judge)s has scored already and stays on the panel.") % {"judge": judge}
        )
    Assignment.objects.filter(judge=judge, achievement__campaign=campaign).delete()
    PanelMember.objects.filter(campaign=campaign, judge=judge).delete()


@transaction.atomic
def declare_conflict(*, judge, achievement, reason: str, user) -> Conflict:
    """A conflict beyond the judge's own unit, declared in any phase; the judge's assignment to
    the entry goes. Found after scoring, it takes the judge's sheets out of the results (they
    stay, with their history) and undoes the sign-offs whose figures held them."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the conflict."))
    campaign = lock(achievement.campaign)
    conflict, created = Conflict.objects.get_or_create(
        judge=judge,
        achievement=achievement,
        defaults={"campaign": campaign, "reason": reason.strip(), "declared_by": user},
    )
    if not created:
        return conflict
    Assignment.objects.filter(judge=judge, achievement=achievement).delete()
    scored_rounds = list(
        ScoreSheet.objects.filter(
            judge=judge, achievement=achievement, status=SheetStatus.SUBMITTED
        ).values_list("round", flat=True)
    )
    record(
        campaign=campaign,
        kind=EventKind.CONFLICT,
        actor=user,
        summary=_("Conflict of interest: %(judge)s and %(entry)s")
        % {"judge": judge, "entry": achievement.serial_number},
        reason=reason,
        judge=judge.pk,
        achievement=achievement.pk,
        scored_rounds=scored_rounds,
    )
    if scored_rounds:
        undo_for_late_conflict(
            campaign=campaign,
            rounds=scored_rounds,
            user=user,
            reason=_(
                "Conflict of interest declared after scoring: %(judge)s and %(entry)s. %(why)s"
            )
            % {"judge": judge, "entry": achievement.serial_number, "why": reason.strip()},
        )
    return conflict


#: What staff edit of a criterion.
CRITERION_FIELDS = ("order", "name", "guidance", "max_points")


@transaction.atomic
def save_rubric(*, rubric, criteria: list[dict], removed=()) -> None:
    """Save ``criteria`` (each a dict of CRITERION_FIELDS and the ``pk`` of one of the rubric's
    criteria, or None for a new one) and delete the criteria whose pks are in ``removed``,
    unless a score already uses the rubric."""
    rubric.ensure_editable()
    existing = {criterion.pk: criterion for criterion in rubric.criteria.all()}
    for pk in removed:
        if pk in existing:
            existing.pop(pk).delete()
    for values in criteria:
        criterion = existing.get(values.get("pk")) or Criterion(rubric=rubric)
        for name in CRITERION_FIELDS:
            setattr(criterion, name, values[name])
        criterion.full_clean()
        criterion.save()


@transaction.atomic
def save_judging_settings(*, settings, user):
    """Save the campaign's judging settings (already validated, frozen fields included, by
    ``JudgingSettings.clean``) and log what changed, before and after."""
    settings.campaign = lock(settings.campaign)
    settings.full_clean()
    stored = JudgingSettings.objects.select_for_update().get(pk=settings.pk)
    changes = {
        field.name: [str(getattr(stored, field.attname)), str(getattr(settings, field.attname))]
        for field in JudgingSettings._meta.concrete_fields
        if getattr(stored, field.attname) != getattr(settings, field.attname)
    }
    settings.save()
    if changes:
        record(
            campaign=settings.campaign,
            kind=EventKind.SETTINGS,
            actor=user,
            summary=_("Judging settings changed: %(fields)s")
            % {
                "fields": "、".join(
                    str(JudgingSettings._meta.get_field(name).verbose_name) for name in changes
                )
            },
            changes=changes,
        )
    return settings


@transaction.atomic
def copy_setup(*, source, target) -> None:
    """Give ``target`` (next year's campaign) ``source``'s judging settings, rubrics and panel,
    dates a year later; no scores, assignments or results."""
    settings = JudgingSettings.of(source)
    settings.pk, settings.campaign = None, target
    if settings.attendance_deadline:
        settings.attendance_deadline = next_year(settings.attendance_deadline)
    settings.save()
    for rubric in Rubric.objects.filter(campaign=source).prefetch_related("criteria"):
        criteria = list(rubric.criteria.all())
        rubric.pk, rubric.campaign = None, target
        rubric.save()
        for criterion in criteria:
            criterion.pk, criterion.rubric = None, rubric
        rubric.criteria.model.objects.bulk_create(criteria)
    PanelMember.objects.bulk_create(
        PanelMember(campaign=target, judge_id=member.judge_id, is_chief=member.is_chief)
        for member in PanelMember.objects.filter(campaign=source)
    )
