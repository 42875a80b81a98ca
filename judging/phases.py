"""The campaign's phases as a guarded state machine: every move states what it needs, refuses
with what is missing, and is logged (who, when, from, to, why).

Forward: open → review → presentation → published → archived, one step at a time. Back, with a
reason, only where nothing done since would be lost: review → open before any score, presentation
→ review before presentation day begins, published → presentation (withdrawing the results),
archived → published.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from judging import publication
from judging.models import DayState, PanelMember, Round, Rubric, ScoreSheet, ShortlistEntry, Stage
from judging.results import progress
from judging.signoffs import standing
from portal.audit import record
from portal.models import Campaign, EventKind, Phase
from submissions.models import QcAchievement
from submissions.models.base import COUNTED


@dataclass
class Move:
    """A phase the campaign can move to from where it is, and what still stands in the way."""

    target: Phase
    forward: bool
    missing: list = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.missing

    @property
    def label(self) -> str:
        return str(self.target.label)


def _missing_rubrics(campaign, round_) -> list[str]:
    types = set(
        QcAchievement.objects.filter(campaign=campaign)
        .counted()
        .values_list("topic_type", flat=True)
    )
    ready = set(
        Rubric.objects.filter(campaign=campaign, round=round_, criteria__isnull=False).values_list(
            "topic_type", flat=True
        )
    )
    labels = dict(QcAchievement._meta.get_field("topic_type").choices)
    return [
        _("The %(round)s rubric for %(type)s has no criteria.")
        % {"round": Round(round_).label, "type": labels[topic_type]}
        for topic_type in sorted(types - ready)
    ]


def _into_review(campaign) -> list[str]:
    missing = []
    closes = campaign.submissions_close_at()
    if timezone.now() <= closes:
        missing.append(
            _("Submissions are open until %(deadline)s (extensions included).")
            % {"deadline": date_format(timezone.localtime(closes), "Y-m-d H:i")}
        )
    if not QcAchievement.objects.filter(campaign=campaign).counted().exists():
        missing.append(_("No QC achievement has been submitted."))
    if not PanelMember.objects.filter(campaign=campaign, is_chief=True).exists():
        missing.append(_("The panel has no chief judge."))
    return missing + _missing_rubrics(campaign, Round.MATERIAL)


def _into_presentation(campaign) -> list[str]:
    missing = []
    if standing(campaign, Round.MATERIAL) is None:
        _by_judge, by_entry = progress(campaign, Round.MATERIAL)
        missing.append(
            _(
                "The chief judge has not signed the material round off "
                "(%(submitted)d of %(expected)d sheets submitted)."
            )
            % {
                "submitted": sum(p.submitted for p in by_entry.values()),
                "expected": sum(p.expected for p in by_entry.values()),
            }
        )
    if (
        not ShortlistEntry.objects.filter(achievement__campaign=campaign)
        .filter(achievement__status__in=COUNTED)
        .exists()
    ):
        missing.append(_("No achievement is shortlisted to present."))
    return missing + _missing_rubrics(campaign, Round.PRESENTATION)


def _into_archive(campaign) -> list[str]:
    if standing(campaign, Round.PRESENTATION) is None:
        return [
            _(
                "The presentation round's sign-off was reopened after publication: withdraw the "
                "results, sign off again and publish the new version first."
            )
        ]
    return []


def _back_to_open(campaign) -> list[str]:
    if ScoreSheet.objects.filter(achievement__campaign=campaign).exists():
        return [_("Judges have begun scoring; the campaign cannot go back to submissions.")]
    return []


def _back_to_review(campaign) -> list[str]:
    missing = []
    if ScoreSheet.objects.filter(achievement__campaign=campaign, round=Round.PRESENTATION).exists():
        missing.append(_("Presentation scores exist; the campaign cannot go back to review."))
    if DayState.objects.filter(campaign=campaign).exclude(stage=Stage.WAITING).exists():
        missing.append(_("The presentations have begun."))
    return missing


def _back_to_published(campaign) -> list[str]:
    if not publication.is_published(campaign):
        return [_("No published version of the results is live.")]
    return []


#: (from, to) → what is missing for the move. Moves not listed do not exist.
FORWARD = {
    (Phase.OPEN, Phase.REVIEW): _into_review,
    (Phase.REVIEW, Phase.PRESENTATION): _into_presentation,
    (Phase.PRESENTATION, Phase.PUBLISHED): publication.missing_for_publication,
    (Phase.PUBLISHED, Phase.ARCHIVED): _into_archive,
}
BACK = {
    (Phase.REVIEW, Phase.OPEN): _back_to_open,
    (Phase.PRESENTATION, Phase.REVIEW): _back_to_review,
    (Phase.PUBLISHED, Phase.PRESENTATION): lambda campaign: [],
    (Phase.ARCHIVED, Phase.PUBLISHED): _back_to_published,
}


def moves(campaign) -> list[Move]:
    """Every move from the campaign's phase, forward first, each with what is missing."""
    return [
        Move(Phase(target), forward, check(campaign))
        for forward, table in ((True, FORWARD), (False, BACK))
        for (source, target), check in table.items()
        if source == campaign.phase
    ]


@transaction.atomic
def move(*, campaign, target, user, reason: str = "") -> Campaign:
    """Move the campaign to ``target`` if the move exists and nothing is missing."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    source = Phase(campaign.phase)
    target = Phase(target) if target in Phase.values else None
    key = (source, target)
    if key not in FORWARD and key not in BACK:
        raise ValidationError(
            _("The campaign cannot move from “%(source)s” to that phase.")
            % {"source": source.label}
        )
    forward = key in FORWARD
    if not forward and not reason.strip():
        raise ValidationError(_("Give the reason for going back."))
    if key == (Phase.PRESENTATION, Phase.PUBLISHED):
        # Publishing and withdrawing are phase moves that log themselves.
        publication.publish(campaign=campaign, user=user)
    elif key == (Phase.PUBLISHED, Phase.PRESENTATION) and publication.is_published(campaign):
        publication.withdraw(campaign=campaign, user=user, reason=reason)
    else:
        missing = (FORWARD if forward else BACK)[key](campaign)
        if missing:
            raise ValidationError(missing)
        campaign.phase = target
        campaign.save(update_fields=["phase"])
        record(
            campaign=campaign,
            kind=EventKind.PHASE,
            actor=user,
            summary=_("Phase moved from “%(source)s” to “%(target)s”")
            % {"source": source.label, "target": target.label},
            reason=reason,
            source=source.value,
            target=target.value,
        )
    campaign.refresh_from_db(fields=["phase"])
    return campaign
