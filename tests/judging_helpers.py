"""Shared steps of the judging tests: score a sheet, run a material round."""

from judging import eligibility, services
from judging.console import run_through
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
            if eligibility.may_score(judge, entry, Round.MATERIAL) or not eligibility.is_conflicted(
                judge, entry
            ):
                services.assign(judge=judge, achievement=entry)
                score(judge, entry, Round.MATERIAL, points[entry.pk])


def publish_competition(campaign, judges, entries, staff, material, presentation):
    """Both rounds scored (each judge gives every criterion ``material[i]`` / ``presentation[i]``
    points, capped at its maximum), signed off by the chief (judges[0]) and published."""
    from judging import publication, signoffs

    run_material_round(
        campaign, judges, entries, dict(zip([e.pk for e in entries], material, strict=True))
    )
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries, user=staff)
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    run_through(campaign=campaign, user=staff)
    for entry, points in zip(entries, presentation, strict=True):
        entry.refresh_from_db()
        for judge in judges:
            if eligibility.may_score(judge, entry, Round.PRESENTATION):
                score(judge, entry, Round.PRESENTATION, points)
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.PRESENTATION)
    version = publication.publish(campaign=campaign, user=staff)
    campaign.refresh_from_db()
    return version
