"""When a round may be scored, and the chief judge's sign-off that freezes it.

A standing sign-off freezes everything its round's figures depend on: the round's sheets,
assignments, shortlist, tier overrides and the settings that enter the arithmetic. Only the chief
judge reopens it, with a reason; a conflict declared late undoes it too. Both are kept and logged.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from judging.models import PanelMember, ResultsVersion, Round, RoundSignOff
from judging.results import fingerprint, progress
from portal.audit import record
from portal.models import Campaign, EventKind, Phase

#: The campaign phase in which each round is first scored.
ROUND_PHASE = {Round.MATERIAL: Phase.REVIEW, Round.PRESENTATION: Phase.PRESENTATION}

#: The phases in which a round's sheets may still change, if the round is not signed off: the
#: material round stays open on presentation day only when its sign-off was reopened.
SCORING_PHASES = {
    Round.MATERIAL: (Phase.REVIEW, Phase.PRESENTATION),
    Round.PRESENTATION: (Phase.PRESENTATION,),
}

#: Rounds whose signed figures include a round's scores: the final score uses the material score.
DEPENDENT_ROUNDS = {
    Round.MATERIAL: [Round.MATERIAL, Round.PRESENTATION],
    Round.PRESENTATION: [Round.PRESENTATION],
}


def standing(campaign, round_) -> RoundSignOff | None:
    return RoundSignOff.objects.standing(campaign, round_)


def is_signed_off(campaign, round_) -> bool:
    return RoundSignOff.objects.active().filter(campaign=campaign, round=round_).exists()


def lock(campaign) -> Campaign:
    """The campaign's row, locked until the transaction ends: sign-offs, publications and every
    change to what they cover are served one after the other, each seeing the last."""
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def ensure_not_signed_off(campaign, round_, what) -> None:
    """Refuse a change to ``what`` while results are published or ``round_``'s sign-off stands
    (a late conflict may undo a sign-off under a published version: that version still holds)."""
    lock(campaign)
    if ResultsVersion.objects.live(campaign) is not None:
        raise ValidationError(
            _("The results are published, so %(what)s can no longer change: withdraw them first.")
            % {"what": what}
        )
    if is_signed_off(campaign, round_):
        raise ValidationError(
            _(
                "The %(round)s round is signed off, so %(what)s can no longer change. The chief "
                "judge reopens the sign-off, with a reason, first."
            )
            % {"round": Round(round_).label, "what": what}
        )


def open_rounds(campaign) -> list[str]:
    """The rounds whose sheets may change now: begun by the phase and not signed off."""
    signed = set(
        RoundSignOff.objects.active().filter(campaign=campaign).values_list("round", flat=True)
    )
    return [
        round_
        for round_, phases in SCORING_PHASES.items()
        if campaign.phase in phases and round_ not in signed
    ]


def _round_closed_because(campaign, round_) -> str | None:
    """Why ``round_``'s sheets cannot change now, or None when they can."""
    if campaign.phase not in SCORING_PHASES[round_]:
        return _("This round is not being scored now.")
    if is_signed_off(campaign, round_):
        return _("This round is signed off; its scores can no longer change.")
    return None


def is_round_open(campaign, round_) -> bool:
    """Whether ``round_``'s sheets may change now: be saved, submitted or reopened."""
    return _round_closed_because(campaign, round_) is None


def ensure_round_open(campaign, round_) -> None:
    reason = _round_closed_because(campaign, round_)
    if reason is not None:
        raise ValidationError(reason)


def _not_reopenable_because(campaign, round_) -> str | None:
    """Why ``round_``'s sign-off cannot be reopened now, or None when it can."""
    if ResultsVersion.objects.live(campaign) is not None:
        return _("The results are published: withdraw them first.")
    if not is_signed_off(campaign, round_):
        return _("This round is not signed off.")
    return None


def may_reopen(campaign, round_) -> bool:
    """Whether the chief judge can reopen ``round_``'s sign-off now."""
    return _not_reopenable_because(campaign, round_) is None


@transaction.atomic
def sign_off(*, chief, campaign, round_) -> RoundSignOff:
    """The chief judge signs the round's figures off; nothing may be pending then. The digest
    of the figures is kept, and publication refuses figures that differ from it."""
    if not PanelMember.objects.is_chief(campaign, chief):
        raise PermissionDenied
    campaign = lock(campaign)
    if campaign.phase not in SCORING_PHASES[round_]:
        raise ValidationError(_("This round is not being scored now."))
    existing = standing(campaign, round_)
    if existing is not None:
        return existing
    if round_ == Round.PRESENTATION and not is_signed_off(campaign, Round.MATERIAL):
        raise ValidationError(_("Sign the material round off first."))
    _by_judge, by_entry = progress(campaign, round_)
    if not by_entry or not all(state.complete for state in by_entry.values()):
        raise ValidationError(_("Some score sheets of this round are still missing or drafts."))
    signed = RoundSignOff.objects.create(
        campaign=campaign, round=round_, signed_by=chief, digest=fingerprint(campaign, round_)
    )
    record(
        campaign=campaign,
        kind=EventKind.SIGN_OFF,
        actor=chief,
        summary=_("%(round)s signed off") % {"round": Round(round_).label},
        round=str(round_),
        digest=signed.digest,
    )
    return signed


def _revoke(*, campaign, round_, user, reason) -> list[RoundSignOff]:
    """Mark ``round_``'s sign-off, and those whose figures include it, as reopened."""
    revoked = []
    for each in DEPENDENT_ROUNDS[round_]:
        signed = (
            RoundSignOff.objects.select_for_update()
            .active()
            .filter(campaign=campaign, round=each)
            .first()
        )
        if signed is None:
            continue
        signed.revoked_at = timezone.now()
        signed.revoked_by = user
        signed.revoke_reason = reason
        signed.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        record(
            campaign=campaign,
            kind=EventKind.SIGN_OFF_REOPENED,
            actor=user,
            summary=_("Sign-off of the %(round)s round reopened") % {"round": Round(each).label},
            reason=reason,
            round=str(each),
        )
        revoked.append(signed)
    return revoked


@transaction.atomic
def reopen_sign_off(*, chief, campaign, round_, reason: str) -> list[RoundSignOff]:
    """The chief judge takes a sign-off back to correct something; reopening the material round
    reopens the presentation round's too, since final scores include material scores."""
    if not PanelMember.objects.is_chief(campaign, chief):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the sign-off."))
    campaign = lock(campaign)
    reason_refused = _not_reopenable_because(campaign, round_)
    if reason_refused is not None:
        raise ValidationError(reason_refused)
    return _revoke(campaign=campaign, round_=round_, user=chief, reason=reason.strip())


def undo_for_late_conflict(*, campaign, rounds, user, reason) -> list[RoundSignOff]:
    """A conflict declared after scoring undoes the sign-offs whose figures held the score;
    the published version, if any, stays as published until staff withdraw and republish."""
    revoked = []
    for round_ in rounds:
        revoked += _revoke(campaign=campaign, round_=round_, user=user, reason=reason)
    return revoked
