"""Property: whatever staff, the chief judge and the judges do after publication, in any order,
no published number changes without a new, recorded version, and every version keeps its digest.

Each generated sequence runs inside a savepoint that is rolled back, so one published
competition serves every example.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judging import phases, publication, services, setup, signoffs
from judging.models import (
    ROUND_SETTINGS,
    JudgingSettings,
    ResultsVersion,
    Round,
    ScoreSheet,
    Tier,
)
from portal.models import Campaign, CampaignEvent, EventKind, Phase, User
from submissions import services as submission_services
from submissions.models import QcAchievement
from tests.judging_helpers import publish_competition, score

pytestmark = pytest.mark.django_db

SETTING_VALUES = {
    "trim_count": [0, 1, 2],
    "trim_minimum": [3, 5, 7],
    "material_weight": [Decimal("0.10"), Decimal("0.50"), Decimal("0.90")],
    "ranking_scope": ["per_type", "overall"],
    "tier_method": ["share", "threshold"],
    "first_share": [Decimal("10"), Decimal("60")],
    "second_share": [Decimal("20"), Decimal("40")],
    "third_share": [Decimal("30"), Decimal("50")],
    "first_threshold": [Decimal("50"), Decimal("85")],
    "second_threshold": [Decimal("40"), Decimal("75")],
    "third_threshold": [Decimal("30"), Decimal("60")],
}

action = st.one_of(
    st.tuples(
        st.just("setting"),
        st.sampled_from(ROUND_SETTINGS[Round.PRESENTATION]),
        st.integers(0, 2),
    ),
    st.tuples(st.just("tier"), st.integers(0, 3), st.sampled_from(Tier.values)),
    st.tuples(st.just("conflict"), st.integers(0, 6), st.integers(0, 3)),
    st.tuples(st.just("shortlist"), st.sets(st.integers(0, 3), min_size=1)),
    st.tuples(st.just("withdraw")),
    st.tuples(st.just("publish")),
    st.tuples(st.just("reopen_sign_off"), st.sampled_from(Round.values)),
    st.tuples(st.just("sign_off"), st.sampled_from(Round.values)),
    st.tuples(st.just("reopen_sheet"), st.integers(0, 50)),
    st.tuples(st.just("rescore"), st.integers(0, 6), st.integers(0, 3), st.integers(0, 20)),
    st.tuples(st.just("phase"), st.sampled_from(Phase.values)),
    st.tuples(st.just("withdraw_entry"), st.integers(0, 3)),
)


def published_view(campaign):
    """What the public and the units read: the live version's figures (None: not published)."""
    version = ResultsVersion.objects.live(campaign)
    if version is None:
        return None, None
    rows = [
        (r.achievement_id, r.material, r.presentation, r.final, r.rank, r.tier)
        for r in version.standings.all()
    ]
    return version.number, rows


def every_version(campaign):
    return {
        v.number: (v.digest, [(r.achievement_id, r.final, r.tier) for r in v.standings.all()])
        for v in ResultsVersion.objects.filter(campaign=campaign)
    }


def perform(step, campaign, staff, chief, judges, entries):
    kind, *args = step
    if kind == "setting":
        name, index = args
        values = SETTING_VALUES[name]
        current = JudgingSettings.of(campaign)
        setattr(current, name, values[index % len(values)])
        setup.save_judging_settings(settings=current, user=staff)
    elif kind == "tier":
        services.override_tier(
            achievement=entries[args[0]], tier=args[1], reason="调整", user=staff
        )
    elif kind == "conflict":
        setup.declare_conflict(
            judge=judges[args[0]], achievement=entries[args[1]], reason="回避", user=staff
        )
    elif kind == "shortlist":
        services.set_shortlist(
            campaign=campaign, achievements=[entries[i] for i in args[0]], user=staff
        )
    elif kind == "withdraw":
        publication.withdraw(campaign=campaign, user=staff, reason="复核")
    elif kind == "publish":
        publication.publish(campaign=campaign, user=staff)
    elif kind == "reopen_sign_off":
        signoffs.reopen_sign_off(chief=chief, campaign=campaign, round_=args[0], reason="复核")
    elif kind == "sign_off":
        signoffs.sign_off(chief=chief, campaign=campaign, round_=args[0])
    elif kind == "reopen_sheet":
        sheets = list(ScoreSheet.objects.filter(achievement__campaign=campaign).order_by("pk"))
        services.reopen_sheet(chief=chief, sheet=sheets[args[0] % len(sheets)], reason="复核")
    elif kind == "rescore":
        judge, entry, points = judges[args[0]], entries[args[1]], args[2]
        round_ = signoffs.open_rounds(campaign)[:1]
        if round_:
            score(judge, entry, round_[0], points)
    elif kind == "phase":
        phases.move(campaign=campaign, target=args[0], user=staff, reason="调整阶段")
    elif kind == "withdraw_entry":
        submission_services.withdraw(entry=entries[args[0]], user=staff)


@pytest.fixture
def scene(competition, staff_user):
    campaign, judges, entries = competition
    publish_competition(campaign, judges, entries, staff_user, (20, 15, 10, 5), (14, 12, 10, 8))
    return campaign.pk, staff_user.pk, [j.pk for j in judges], [e.pk for e in entries]


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(action, min_size=1, max_size=10))
def test_no_published_number_changes_without_a_new_version(scene, steps):
    campaign_pk, staff_pk, judge_pks, entry_pks = scene
    with transaction.atomic():
        staff = User.objects.get(pk=staff_pk)
        judges = [User.objects.get(pk=pk) for pk in judge_pks]
        chief = judges[0]
        for step in steps:
            campaign = Campaign.objects.get(pk=campaign_pk)
            entries = list(
                QcAchievement.objects.filter(pk__in=entry_pks).select_related("campaign")
            )
            entries.sort(key=lambda e: entry_pks.index(e.pk))
            before_view, before_versions = published_view(campaign), every_version(campaign)
            events_before = CampaignEvent.objects.filter(campaign=campaign).count()
            try:
                with transaction.atomic():
                    perform(step, campaign, staff, chief, judges, entries)
            except (ValidationError, PermissionDenied):
                pass
            after_view, after_versions = published_view(campaign), every_version(campaign)
            # A version, once published, never changes (withdrawing only marks it).
            assert {n: after_versions[n] for n in before_versions} == before_versions
            assert all(publication.verify(v) for v in ResultsVersion.objects.all())
            if after_view != before_view:
                # The published figures changed: only by a new version or a withdrawal, logged.
                new_version = after_view[0] is not None and after_view[0] not in before_versions
                withdrawn = after_view[0] is None
                assert new_version or withdrawn, step
                kinds = set(
                    CampaignEvent.objects.filter(campaign=campaign)
                    .order_by("-pk")[: max(1, CampaignEvent.objects.count() - events_before)]
                    .values_list("kind", flat=True)
                )
                assert kinds & {EventKind.PUBLICATION, EventKind.WITHDRAWAL}, step
        transaction.set_rollback(True)
