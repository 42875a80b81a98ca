"""Presentation day: the running order (drawn by lot, reproducible from its seed) and the
attendance registration. Keyword-only functions, one transaction each."""

import random
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from judging.models import (
    DayState,
    JudgingSettings,
    OrderDraw,
    RunningSlot,
    ShortlistEntry,
    Stage,
)
from portal.models import Phase
from portal.permissions import is_staff_member
from submissions.models import QcAchievement


def draw_order(keys: list, seed: str) -> list:
    """The running order a seed gives: the keys sorted, then shuffled by a generator seeded with
    ``seed``, so anybody with the list and the seed gets the same order."""
    order = sorted(keys)
    random.Random(seed).shuffle(order)
    return order


def in_running_order(queryset):
    """``queryset`` of achievements in the running order; any outside it last, by serial number."""
    return queryset.order_by(F("running_slot__position").asc(nulls_last=True), "serial_seq", "pk")


def check_snippet(campaign, seed: str) -> str:
    """A line of Python 3 that anyone can run to repeat the draw: the drawn serial numbers
    (those in the running order), sorted and shuffled with ``seed`` exactly as ``draw_order``."""
    keys = sorted(
        RunningSlot.objects.filter(achievement__campaign=campaign).values_list(
            "achievement__serial_number", flat=True
        )
    )
    return (
        f"import random; order = sorted({keys!r}); "
        f"random.Random({seed!r}).shuffle(order); print(order)"
    )


def _ensure_day_not_started(campaign) -> None:
    """The order is fixed once the console has started: the console, the projector and the
    judges' lists all follow it."""
    state = DayState.objects.filter(campaign=campaign).first()
    if state is not None and state.stage != Stage.WAITING:
        raise ValidationError(
            _("The presentations have begun; the running order can no longer change.")
        )


def shortlisted(campaign):
    return QcAchievement.objects.filter(
        campaign=campaign, pk__in=ShortlistEntry.objects.values("achievement")
    )


@transaction.atomic
def draw(*, campaign, user, seed: str | None = None) -> OrderDraw:
    """Draw the running order of the shortlisted achievements by lot and record the seed."""
    _ensure_day_not_started(campaign)
    seed = seed or secrets.token_hex(8)
    if len(seed) > 64:
        raise ValidationError(_("A seed has at most 64 characters."))
    keys = [entry.serial_number for entry in shortlisted(campaign)]
    if not keys:
        raise ValidationError(_("Shortlist the achievements that present first."))
    by_serial = {entry.serial_number: entry for entry in shortlisted(campaign)}
    RunningSlot.objects.filter(achievement__campaign=campaign).delete()
    RunningSlot.objects.bulk_create(
        RunningSlot(achievement=by_serial[serial], position=position)
        for position, serial in enumerate(draw_order(keys, seed), start=1)
    )
    return OrderDraw.objects.create(campaign=campaign, seed=seed, drawn_by=user)


@transaction.atomic
def move(*, achievement, position: int, user) -> None:
    """Move one achievement to ``position``; the others close up. Every slot's change is recorded."""
    _ensure_day_not_started(achievement.campaign)
    slots = list(
        RunningSlot.objects.select_for_update().filter(
            achievement__campaign=achievement.campaign_id
        )
    )
    moving = next((slot for slot in slots if slot.achievement_id == achievement.pk), None)
    if moving is None:
        raise ValidationError(_("This achievement is not in the running order."))
    if not 1 <= position <= len(slots):
        raise ValidationError(
            _("Choose a position between 1 and %(count)d.") % {"count": len(slots)}
        )
    others = [slot for slot in slots if slot is not moving]
    others.insert(position - 1, moving)
    for number, slot in enumerate(others, start=1):
        if slot.position != number:
            slot.position = number
            slot._history_user = user
            slot.save(update_fields=["position"])


def running_order(campaign) -> list[dict]:
    """The running order with each group's approximate start (presentation + questions each)."""
    settings = JudgingSettings.of(campaign)
    step = timedelta(minutes=settings.presentation_minutes + settings.questions_minutes)
    slots = RunningSlot.objects.filter(achievement__campaign=campaign).select_related(
        "achievement__member_unit"
    )
    return [
        {
            "slot": slot,
            "achievement": slot.achievement,
            "starts": campaign.presentation_at + step * (slot.position - 1),
        }
        for slot in slots
    ]


def order_visible_to_units(campaign) -> bool:
    """Units see the running order from presentation day on."""
    return campaign.phase in (Phase.PRESENTATION, Phase.PUBLISHED, Phase.ARCHIVED)


def attendance_open(campaign, user) -> bool:
    """Units register attendees until the attendance deadline; staff are not bound by it."""
    if is_staff_member(user):
        return True
    return timezone.now() <= JudgingSettings.of(campaign).attendance_closes_at


@transaction.atomic
def register_attendee(*, attendee, user):
    if not attendance_open(attendee.campaign, user):
        raise ValidationError(_("Attendance registration is closed."))
    attendee.full_clean()
    attendee.save()
    return attendee


@transaction.atomic
def remove_attendee(*, attendee, user) -> None:
    if not attendance_open(attendee.campaign, user):
        raise ValidationError(_("Attendance registration is closed."))
    attendee.delete()
