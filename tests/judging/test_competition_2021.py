"""The 2021 competition run end to end through the services: both rounds, seven judges."""

import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command

from judging import eligibility, phases, services, setup, signoffs
from judging.console import run_through
from judging.models import Criterion, JudgingSettings, PanelMember, Round
from judging.results import progress, standings
from portal import services as portal_services
from portal.models import Campaign, MemberUnit, Phase
from submissions import services as submission_services
from submissions.models import QcAchievement
from tests.factories import JudgeFactory, QcAchievementFactory, StaffFactory
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db


def test_staff_run_both_rounds_of_2021_with_seven_judges():
    call_command("install_fixtures", stdout=io.StringIO())
    # The 2021 fixture is archived; replay the competition from its submission phase.
    Campaign.objects.filter(year=2021).update(phase=Phase.OPEN)
    campaign = Campaign.objects.get(year=2021)
    portal_services.make_current(campaign=campaign)
    staff = StaffFactory(username="zhaojin")
    units = list(MemberUnit.objects.order_by("position"))
    judges = [
        JudgeFactory(username=f"expert{n}", member_unit=units[n] if n < 2 else None)
        for n in range(7)
    ]
    for judge in judges:
        setup.seat_judge(campaign=campaign, judge=judge)
    setup.make_chief(campaign=campaign, judge=judges[6])

    # Two achievements from each of the six units, submitted by staff after the 2021 deadline.
    entries = []
    for unit in units:
        for topic_type in ("problem_solving", "innovative"):
            entry = complete(
                QcAchievementFactory(campaign=campaign, member_unit=unit, topic_type=topic_type)
            )
            entries.append(submission_services.submit(entry=entry, user=staff))

    campaign = phases.move(campaign=campaign, target=Phase.REVIEW, user=staff)
    services.balance_assignments(campaign=campaign, achievements=entries, judges_per_entry=3)
    quality = {entry.pk: Decimal(60 + 3 * n) for n, entry in enumerate(entries)}

    def score_all(round_, entries_, ratio):
        for entry in QcAchievement.objects.filter(pk__in=[e.pk for e in entries_]).select_related(
            "campaign"
        ):
            criteria = Criterion.objects.filter(
                rubric__campaign=campaign, rubric__round=round_, rubric__topic_type=entry.topic_type
            )
            for judge in judges:
                if eligibility.may_score(judge, entry, round_):
                    points = {
                        str(c.pk): str(
                            (c.max_points * ratio[entry.pk] / 100 * 2).quantize(Decimal(1)) / 2
                        )
                        for c in criteria
                    }
                    services.save_scores(
                        judge=judge, achievement=entry, round_=round_, points=points
                    )
                    services.submit_sheet(judge=judge, achievement=entry, round_=round_)

    score_all(Round.MATERIAL, entries, quality)
    assert all(state.complete for state in progress(campaign, Round.MATERIAL)[1].values())
    signoffs.sign_off(chief=judges[6], campaign=campaign, round_=Round.MATERIAL)

    material = {s.key.pk: s.material for s in standings(campaign)}
    shortlisted = sorted(entries, key=lambda e: material[e.pk], reverse=True)[:8]
    services.set_shortlist(campaign=campaign, achievements=shortlisted, user=staff)
    campaign = phases.move(campaign=campaign, target=Phase.PRESENTATION, user=staff)
    run_through(campaign=campaign, user=staff)
    score_all(Round.PRESENTATION, shortlisted, quality)
    signoffs.sign_off(chief=judges[6], campaign=campaign, round_=Round.PRESENTATION)

    result = standings(campaign)
    presented = [s for s in result if s.final is not None]
    settings = JudgingSettings.of(campaign)
    # Each presentation had 5 to 7 judges (conflicts aside): trimmed where 5 or more.
    assert {len(s.presentation_totals) for s in presented} <= {5, 6, 7}
    weight = Fraction(settings.material_weight)
    assert all(s.final == s.material * weight + s.presentation * (1 - weight) for s in presented)
    for group in ("problem_solving", "innovative"):
        ranked = [s for s in presented if s.group == group]
        assert [s.rank for s in ranked] == list(range(1, len(ranked) + 1))
        assert ranked[0].tier == "first"
    assert len(presented) == 8 and all(s.rank is None for s in result if s.final is None)
    assert PanelMember.objects.filter(campaign=campaign).count() == 7
