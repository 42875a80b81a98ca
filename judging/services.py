"""Every write of judging that has a rule: who may score what, when, and what happens after.

Keyword-only functions, one transaction each; the pages, the admin and commands all call these.
"""

from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from judging.console import has_presented
from judging.eligibility import is_conflicted, may_score, unconflicted_pairs
from judging.models import (
    Assignment,
    NominationDecision,
    PanelMember,
    ResultsVersion,
    Round,
    Rubric,
    Score,
    ScoreSheet,
    SheetStatus,
    ShortlistEntry,
    Tier,
    TierOverride,
    UpwardRecommendation,
)
from judging.models.scores import check_points
from judging.signoffs import ensure_not_signed_off, ensure_round_open, lock
from portal.audit import record
from portal.models import EventKind
from submissions.models import QcAchievement

#: Why a presentation sheet cannot be submitted yet.
NOT_PRESENTED = gettext_lazy(
    "This entry has not presented yet: submit its sheet once it is on stage. Your draft is kept."
)


def _ensure_may_score(judge, achievement, round_) -> None:
    if not may_score(judge, achievement, round_):
        raise PermissionDenied
    ensure_round_open(achievement.campaign, round_)


def _points(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation as error:
        raise ValidationError(_("Enter a number of points.")) from error
    if not value.is_finite():
        raise ValidationError(_("Enter a number of points."))
    return value


def _locked_sheet(judge, achievement, round_) -> ScoreSheet:
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        judge=judge, achievement=achievement, round=round_
    )
    return sheet


@transaction.atomic
def save_scores(*, judge, achievement, round_, points: dict, comment: str = "") -> ScoreSheet:
    """Save a draft: ``points`` maps criterion ids to points (blank: not scored yet).

    Called on every change of the judge's form, so nothing typed is lost.
    """
    _ensure_may_score(judge, achievement, round_)
    sheet = _locked_sheet(judge, achievement, round_)
    if sheet.status == SheetStatus.SUBMITTED:
        raise ValidationError(_("This sheet is submitted; only the chief judge can reopen it."))
    rubric = Rubric.objects.for_entry(achievement, round_)
    criteria = {criterion.pk: criterion for criterion in rubric.criteria.all()}
    errors = {}
    cleaned = {}
    for key, raw in points.items():
        criterion = criteria.get(int(key)) if str(key).isdecimal() and str(key).isascii() else None
        if criterion is None:
            continue
        try:
            value = _points(raw)
            check_points(value, criterion)
        except ValidationError as error:
            errors[criterion.pk] = error.messages
            continue
        cleaned[criterion.pk] = value
    if errors:
        raise ValidationError({str(pk): messages for pk, messages in errors.items()})
    existing = {score.criterion_id: score for score in sheet.scores.all()}
    for pk, value in cleaned.items():
        score = existing.get(pk)
        if value is None:
            if score is not None:
                score.delete()
        elif score is None:
            Score.objects.create(sheet=sheet, criterion_id=pk, points=value)
        elif score.points != value:
            score.points = value
            score._history_user = judge
            score.save(update_fields=["points"])
    sheet.comment = comment
    sheet._history_user = judge
    sheet.save()
    return sheet


@transaction.atomic
def submit_sheet(*, judge, achievement, round_) -> ScoreSheet:
    """Lock the sheet once every criterion has its score; a presentation sheet only once the
    console has reached its entry (a draft may be saved before)."""
    _ensure_may_score(judge, achievement, round_)
    sheet = _locked_sheet(judge, achievement, round_)
    if sheet.status == SheetStatus.SUBMITTED:
        raise ValidationError(_("This sheet is already submitted."))
    if round_ == Round.PRESENTATION and not has_presented(achievement):
        raise ValidationError(NOT_PRESENTED)
    rubric = Rubric.objects.for_entry(achievement, round_)
    scored = set(sheet.scores.values_list("criterion_id", flat=True))
    missing = [c.name for c in rubric.criteria.all() if c.pk not in scored]
    if missing:
        raise ValidationError(_("Score every criterion first: %s.") % "、".join(missing))
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet._history_user = judge
    sheet.save()
    return sheet


@transaction.atomic
def reopen_sheet(*, chief, sheet, reason: str) -> ScoreSheet:
    """The chief judge sends a submitted sheet back to its judge; the history keeps both."""
    if not PanelMember.objects.is_chief(sheet.achievement.campaign_id, chief):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the sheet."))
    campaign = lock(sheet.achievement.campaign)
    sheet = ScoreSheet.objects.select_for_update().select_related("achievement").get(pk=sheet.pk)
    if sheet.status != SheetStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted sheet can be reopened."))
    ensure_round_open(campaign, sheet.round)
    sheet.status = SheetStatus.DRAFT
    sheet.reopen_reason = reason.strip()
    sheet._history_user = chief
    sheet.save()
    return sheet


def _ensure_submitted(achievement) -> None:
    """Drafts and withdrawn entries are never judged (read from the database, not the copy)."""
    if not type(achievement).objects.filter(pk=achievement.pk).counted().exists():
        raise ValidationError(_("Only a submitted achievement can be judged."))


def _ensure_assignments_open(campaign) -> None:
    ensure_not_signed_off(campaign, Round.MATERIAL, _("the assignments"))


@transaction.atomic
def assign(*, judge, achievement) -> Assignment:
    _ensure_assignments_open(achievement.campaign)
    _ensure_submitted(achievement)
    if not PanelMember.objects.filter(campaign=achievement.campaign_id, judge=judge).exists():
        raise ValidationError(_("%(judge)s is not on the panel.") % {"judge": judge})
    if is_conflicted(judge, achievement):
        raise ValidationError(
            _("%(judge)s has a conflict of interest with this entry.") % {"judge": judge}
        )
    assignment, _created = Assignment.objects.get_or_create(judge=judge, achievement=achievement)
    return assignment


@transaction.atomic
def balance_assignments(*, campaign, achievements, judges_per_entry: int) -> int:
    """Give every achievement ``judges_per_entry`` non-conflicted judges, each judge within one of
    every other's load; existing assignments are kept. Returns how many were added."""
    _ensure_assignments_open(campaign)
    panel = [member.judge for member in PanelMember.objects.of_campaign(campaign)]
    load = {judge.pk: 0 for judge in panel}
    current = {}
    for assignment in Assignment.objects.filter(judge__in=panel, achievement__campaign=campaign):
        load[assignment.judge_id] += 1
        current.setdefault(assignment.achievement_id, set()).add(assignment.judge_id)
    allowed = unconflicted_pairs(campaign)
    added = 0
    for achievement in achievements:
        have = current.setdefault(achievement.pk, set())
        candidates = [
            judge
            for judge in panel
            if judge.pk not in have and (judge.pk, achievement.pk) in allowed
        ]
        candidates.sort(key=lambda judge: (load[judge.pk], judge.pk))
        for judge in candidates[: max(judges_per_entry - len(have), 0)]:
            Assignment.objects.create(judge=judge, achievement=achievement)
            have.add(judge.pk)
            load[judge.pk] += 1
            added += 1
    return added


@transaction.atomic
def unassign(*, judge, achievement) -> None:
    _ensure_assignments_open(achievement.campaign)
    if ScoreSheet.objects.filter(
        judge=judge, achievement=achievement, round=Round.MATERIAL
    ).exists():
        raise ValidationError(
            _("%(judge)s has already started scoring this entry.") % {"judge": judge}
        )
    Assignment.objects.filter(judge=judge, achievement=achievement).delete()


@transaction.atomic
def set_shortlist(*, campaign, achievements, user) -> None:
    """Make ``achievements`` exactly the campaign's shortlist (those that present on the day).

    Only submitted achievements of the campaign can present; the shortlist is frozen while the
    presentation round's sign-off stands."""
    ensure_not_signed_off(campaign, Round.PRESENTATION, _("the shortlist"))
    chosen = {achievement.pk for achievement in achievements}
    eligible = set(
        QcAchievement.objects.filter(campaign=campaign, pk__in=chosen)
        .counted()
        .values_list("pk", flat=True)
    )
    if chosen - eligible:
        raise ValidationError(_("Only submitted achievements of this campaign can be shortlisted."))
    leaving = ShortlistEntry.objects.filter(achievement__campaign=campaign).exclude(
        achievement_id__in=chosen
    )
    scored = ScoreSheet.objects.filter(
        round=Round.PRESENTATION, achievement_id__in=leaving.values("achievement_id")
    ).select_related("achievement")
    if scored.exists():
        raise ValidationError(
            _("%(entry)s has presentation scores already and stays on the shortlist.")
            % {"entry": scored.first().achievement}
        )
    leaving_ids = list(leaving.values_list("achievement_id", flat=True))
    leaving.delete()
    existing = set(
        ShortlistEntry.objects.filter(achievement_id__in=chosen).values_list(
            "achievement_id", flat=True
        )
    )
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(achievement_id=pk, added_by=user) for pk in chosen - existing
    )
    record(
        campaign=campaign,
        kind=EventKind.SHORTLIST,
        actor=user,
        summary=_("Shortlist saved: %(count)d achievements") % {"count": len(chosen)},
        added=sorted(chosen - existing),
        removed=sorted(set(leaving_ids)),
    )


@transaction.atomic
def override_tier(*, achievement, tier: str, reason: str, user):
    """Give an achievement another award tier than the rules do; the reason is kept."""
    ensure_not_signed_off(achievement.campaign, Round.PRESENTATION, _("award tiers"))
    _ensure_submitted(achievement)
    if not reason.strip():
        raise ValidationError(_("Give the reason for changing the tier."))
    previous = TierOverride.objects.filter(achievement=achievement).first()
    override, _created = TierOverride.objects.update_or_create(
        achievement=achievement,
        defaults={"tier": tier, "reason": reason.strip(), "decided_by": user},
    )
    record(
        campaign=achievement.campaign,
        kind=EventKind.TIER,
        actor=user,
        summary=_("%(entry)s: award tier set to %(tier)s")
        % {"entry": achievement.serial_number, "tier": Tier(tier).label},
        reason=reason,
        achievement=achievement.pk,
        old=previous.tier if previous else None,
        new=tier,
    )
    return override


@transaction.atomic
def decide_nomination(*, nomination, selected: bool, reason: str, user):
    """Select or turn down an excellent enterprise, promoter or trusted team, saying why.

    An ineligible nomination (附件1's rules, checked by the model) can never be selected.
    """
    if ResultsVersion.objects.live(nomination.campaign_id) is not None:
        raise ValidationError(
            _("The results are published: withdraw them before changing a decision.")
        )
    if not reason.strip():
        raise ValidationError(_("Give the reason for the decision."))
    if not nomination.holds_quota:
        raise ValidationError(_("Only a submitted nomination can be decided."))
    if selected:
        try:
            nomination.full_clean()
        except ValidationError as error:
            raise ValidationError(
                [_("It does not meet 附件1's conditions and cannot be selected:")] + error.messages
            ) from error
    decision, _created = NominationDecision.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(nomination),
        object_id=nomination.pk,
        defaults={"selected": selected, "reason": reason.strip(), "decided_by": user},
    )
    return decision


@transaction.atomic
def toggle_recommendation(*, achievement, body: str, user) -> bool:
    """Add or remove ``achievement`` from the list recommended to ``body``; True if now on it."""
    if not (
        achievement.holds_quota and ShortlistEntry.objects.filter(achievement=achievement).exists()
    ):
        raise ValidationError(_("Only an achievement that presented can be recommended upward."))
    removed, _details = UpwardRecommendation.objects.filter(
        achievement=achievement, body=body
    ).delete()
    if removed:
        return False
    UpwardRecommendation.objects.create(achievement=achievement, body=body, chosen_by=user)
    return True
