"""The presentation-day console: one state per campaign, moved on by staff, read by the
console, the projector and the judges' lists."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from judging import day
from judging.eligibility import judges_for
from judging.models import (
    DayState,
    JudgingSettings,
    PanelMember,
    Round,
    RunningSlot,
    ScoreSheet,
    SheetStatus,
    Stage,
)
from judging.models.day import new_token


def state_of(campaign) -> DayState:
    state, _created = DayState.objects.get_or_create(campaign=campaign)
    return state


def _slots(campaign):
    return list(
        RunningSlot.objects.filter(achievement__campaign=campaign).select_related(
            "achievement__member_unit"
        )
    )


#: The console's steps and the stages each may be taken from.
STEPS_FROM = {
    "start": (Stage.WAITING,),
    "questions": (Stage.PRESENTING,),
    "next": (Stage.PRESENTING, Stage.QUESTIONS),
}


def allowed_steps(stage) -> list[str]:
    """The console's steps that follow from ``stage`` (its buttons are enabled for these only)."""
    return [action for action, stages in STEPS_FROM.items() if stage in stages]


@transaction.atomic
def advance(*, campaign, action: str, user) -> DayState:
    """start → presenting the first entry; questions; next → the following entry (or finished)."""
    state = DayState.objects.select_for_update().get(pk=state_of(campaign).pk)
    slots = _slots(campaign)
    if not slots:
        raise ValidationError(_("There is no running order yet."))
    if action not in allowed_steps(state.stage):
        raise ValidationError(_("That step does not follow from here."))
    if action == "start":
        state.position = slots[0].position
        state.stage = Stage.PRESENTING
    elif action == "questions":
        state.stage = Stage.QUESTIONS
    else:
        later = [slot.position for slot in slots if slot.position > (state.position or 0)]
        state.position, state.stage = (
            (later[0], Stage.PRESENTING) if later else (state.position, Stage.FINISHED)
        )
    state.stage_started_at = timezone.now()
    state._history_user = user
    state.save()
    return state


@transaction.atomic
def new_projector_link(*, campaign, user) -> DayState:
    state = state_of(campaign)
    state.projector_token = new_token()
    state._history_user = user
    state.save(update_fields=["projector_token"])
    return state


def snapshot(campaign, *, for_staff: bool) -> dict:
    """What the console (for_staff) or the projector shows now. Never a score."""
    state = state_of(campaign)
    settings = JudgingSettings.of(campaign)
    slots = _slots(campaign)
    current = next((s for s in slots if s.position == state.position), None)
    following = next(
        (s for s in slots if state.position is not None and s.position > state.position), None
    )
    length = {
        Stage.PRESENTING: settings.presentation_minutes * 60,
        Stage.QUESTIONS: settings.questions_minutes * 60,
    }.get(state.stage, 0)

    def describe(slot):
        if slot is None:
            return None
        a = slot.achievement
        return {
            "position": slot.position,
            "unit": a.member_unit.full_name,
            "group": a.group_name,
            "topic": a.topic,
            "type": a.get_topic_type_display(),
        }

    data = {
        "stage": state.stage,
        "stage_label": state.get_stage_display(),
        "started": state.stage_started_at.isoformat() if state.stage_started_at else None,
        "seconds": length,
        "current": describe(current),
        "next": describe(following),
    }
    if for_staff:
        data["steps"] = allowed_steps(state.stage)
    if for_staff and current is not None:
        panel = [m.judge for m in PanelMember.objects.of_campaign(campaign)]
        submitted = set(
            ScoreSheet.objects.filter(
                achievement=current.achievement,
                round=Round.PRESENTATION,
                status=SheetStatus.SUBMITTED,
            ).values_list("judge_id", flat=True)
        )
        allowed = judges_for(campaign, current.achievement_id)
        judges = [j for j in panel if j.pk in allowed]
        data["submitted"] = [str(j) for j in judges if j.pk in submitted]
        data["scoring"] = [str(j) for j in judges if j.pk not in submitted]
    return data


def current_achievement_id(campaign) -> int | None:
    state = DayState.objects.filter(campaign=campaign).first()
    if state is None or state.position is None or state.stage == Stage.FINISHED:
        return None
    slot = RunningSlot.objects.filter(
        achievement__campaign=campaign, position=state.position
    ).first()
    return slot.achievement_id if slot else None


def has_presented(achievement) -> bool:
    """Whether the console has reached ``achievement``: it presents now or presented earlier.
    An entry outside the running order, or any entry before the start, has not presented."""
    state = DayState.objects.filter(campaign=achievement.campaign_id).first()
    if state is None or state.stage == Stage.WAITING or state.position is None:
        return False
    return RunningSlot.objects.filter(
        achievement=achievement, position__lte=state.position
    ).exists()


def run_through(*, campaign, user, seed="rehearsal"):
    """The whole day at once, every step through ``advance`` as on the day: the running order
    drawn (unless there is one) and the console taken from the start past the last entry, so
    every presentation sheet may be submitted. For rehearsals and generated data (the print
    gallery, tests)."""
    if not RunningSlot.objects.filter(achievement__campaign=campaign).exists():
        day.draw(campaign=campaign, user=user, seed=seed)
    state = state_of(campaign)
    if state.stage == Stage.WAITING:
        state = advance(campaign=campaign, action="start", user=user)
    while state.stage != Stage.FINISHED:
        state = advance(campaign=campaign, action="next", user=user)
