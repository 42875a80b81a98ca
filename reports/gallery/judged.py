"""The worst case's competition: every judge scores both rounds at levels that make exact ties,
then the rounds are signed off as the chief would."""

from decimal import Decimal

from judging import console, signoffs
from judging import services as judging_services
from judging.models import (
    Criterion,
    RecommendationBody,
    Round,
)
from portal.models import Phase
from reports.gallery.longest import ACHIEVEMENTS


def _level(n: int) -> float:
    """How well achievement ``n`` scores (0–1); pairs (0, 1), (6, 7), (12, 13)… tie exactly."""
    return 0.55 + 0.4 * ((n - n % 2) if n % 6 < 2 else n) / ACHIEVEMENTS


def _score(judge, achievement, round_, level: float) -> None:
    criteria = Criterion.objects.filter(
        rubric__campaign=achievement.campaign,
        rubric__round=round_,
        rubric__topic_type=achievement.topic_type,
    )
    judging_services.save_scores(
        judge=judge,
        achievement=achievement,
        round_=round_,
        points={
            str(c.pk): str(min(Decimal(round(float(c.max_points) * level * 2)) / 2, c.max_points))
            for c in criteria
        },
    )
    judging_services.submit_sheet(judge=judge, achievement=achievement, round_=round_)


def judge_competition(campaign, judges, achievements, staff) -> None:
    """Material round (three judges each, the first judge on every entry), all shortlisted,
    presentation round by the whole panel, both signed off by the chief, then published."""
    chief = judges[0]
    campaign.phase = Phase.REVIEW
    campaign.save()
    for achievement in achievements:
        achievement.campaign = campaign  # one campaign object: the phase changes reach them
    for n, achievement in enumerate(achievements):
        for k, judge in enumerate([judges[0], judges[1 + n % 6], judges[1 + (n + 1) % 6]]):
            judging_services.assign(judge=judge, achievement=achievement)
            _score(judge, achievement, Round.MATERIAL, _level(n) + 0.03 * k)
    signoffs.sign_off(chief=chief, campaign=campaign, round_=Round.MATERIAL)
    judging_services.set_shortlist(campaign=campaign, achievements=achievements, user=staff)
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    console.run_through(campaign=campaign, user=staff, seed="gallery")
    for n, achievement in enumerate(achievements):
        for k, judge in enumerate(judges):
            _score(judge, achievement, Round.PRESENTATION, _level(n) + 0.02 * (k - 3))
    signoffs.sign_off(chief=chief, campaign=campaign, round_=Round.PRESENTATION)
    for n, achievement in enumerate(achievements[:12]):
        body = RecommendationBody.values[n % 2]
        judging_services.toggle_recommendation(achievement=achievement, body=body, user=staff)
