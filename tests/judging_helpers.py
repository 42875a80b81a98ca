"""Shared steps of the judging tests: score a sheet, run a material round."""

from judging import services
from judging.models import Criterion, Round
from portal.models import Phase


def score(judge, entry, round_, each):
    criteria = Criterion.objects.filter(
        rubric__campaign=entry.campaign, rubric__round=round_, rubric__topic_type=entry.topic_type
    )
    services.save_scores(
        judge=judge,
        achievement=entry,
        round_=round_,
        points={str(c.pk): str(min(each, c.max_points)) for c in criteria},
    )
    services.submit_sheet(judge=judge, achievement=entry, round_=round_)


def run_material_round(campaign, judges, entries, points):
    campaign.phase = Phase.REVIEW
    campaign.save()
    for entry in entries:
        for judge in judges:
            if services.may_score(judge, entry, Round.MATERIAL) or not services.is_conflicted(
                judge, entry
            ):
                services.assign(judge=judge, achievement=entry)
                score(judge, entry, Round.MATERIAL, points[entry.pk])
