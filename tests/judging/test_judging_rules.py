"""Who may score what and when; sheets, reopening and assignments."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from judging import eligibility, services
from judging.defaults import install_default_rubrics
from judging.models import Assignment, Conflict, Criterion, Round, ScoreSheet, ShortlistEntry
from portal.models import Phase
from tests.factories import JudgeFactory, QcAchievementFactory, seat_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(campaign, unit_a, unit_b):
    install_default_rubrics(campaign)
    campaign.phase = Phase.REVIEW
    campaign.save()
    judges = [JudgeFactory(username=f"j{n}") for n in range(3)]
    own_unit_judge = JudgeFactory(username="from_a", member_unit=unit_a)
    seat_panel(campaign, [*judges, own_unit_judge])
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, status="submitted")
    return campaign, judges, own_unit_judge, entry


def material_points(entry, **overrides):
    criteria = Criterion.objects.filter(
        rubric__round=Round.MATERIAL,
        rubric__topic_type=entry.topic_type,
        rubric__campaign=entry.campaign,
    )
    return {str(c.pk): overrides.get(c.name, "20") for c in criteria}


def test_an_assigned_judge_saves_a_draft_and_submits(setup):
    campaign, (judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    services.save_scores(
        judge=judge,
        achievement=entry,
        round_=Round.MATERIAL,
        points=material_points(entry),
        comment="好",
    )
    sheet = services.submit_sheet(judge=judge, achievement=entry, round_=Round.MATERIAL)
    assert (sheet.status, sheet.total, sheet.comment) == ("submitted", Decimal(80), "好")


def test_a_judge_cannot_score_an_entry_of_their_own_unit(setup):
    campaign, _judges, own, entry = setup
    with pytest.raises(ValidationError):
        services.assign(judge=own, achievement=entry)
    Assignment.objects.create(judge=own, achievement=entry)  # even if assigned by other means
    with pytest.raises(PermissionDenied):
        services.save_scores(
            judge=own, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
        )


def test_a_declared_conflict_keeps_the_judge_out(setup, staff_user):
    campaign, (judge, *_), _own, entry = setup
    Assignment.objects.create(judge=judge, achievement=entry)
    Conflict.objects.create(
        campaign=campaign,
        judge=judge,
        achievement=entry,
        reason="曾指导该小组",
        declared_by=staff_user,
    )
    with pytest.raises(PermissionDenied):
        services.save_scores(
            judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
        )


def test_an_unassigned_judge_cannot_score_the_material_round(setup):
    campaign, (judge, *_), _own, entry = setup
    with pytest.raises(PermissionDenied):
        services.save_scores(
            judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
        )


def test_scoring_outside_the_rounds_phase_is_refused(setup):
    campaign, (judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    campaign.phase = Phase.PUBLISHED
    campaign.save()
    with pytest.raises(ValidationError) as error:
        services.save_scores(
            judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
        )
    assert error.value.messages == ["当前不是该轮评分阶段。"]


def test_the_presentation_round_is_for_shortlisted_entries(setup):
    campaign, (judge, *_), _own, entry = setup
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    assert eligibility.may_score(judge, entry, Round.PRESENTATION) is False
    ShortlistEntry.objects.create(achievement=entry)
    assert eligibility.may_score(judge, entry, Round.PRESENTATION) is True


@pytest.mark.parametrize(
    ("points", "valid"),
    [("30", True), ("29.5", True), ("30.5", False), ("-1", False), ("12.3", False), ("abc", False)],
)
def test_points_are_whole_or_half_up_to_the_maximum(setup, points, valid):
    campaign, (judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    data = material_points(entry, 活动记录真实完整=points)
    if valid:
        services.save_scores(judge=judge, achievement=entry, round_=Round.MATERIAL, points=data)
    else:
        with pytest.raises(ValidationError):
            services.save_scores(judge=judge, achievement=entry, round_=Round.MATERIAL, points=data)


def test_a_submitted_sheet_is_read_only_to_its_judge(setup):
    campaign, (judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    services.save_scores(
        judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
    )
    services.submit_sheet(judge=judge, achievement=entry, round_=Round.MATERIAL)
    with pytest.raises(ValidationError):
        services.save_scores(
            judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
        )


def test_submitting_needs_every_criterion(setup):
    campaign, (judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    services.save_scores(
        judge=judge,
        achievement=entry,
        round_=Round.MATERIAL,
        points=material_points(entry, 活动程序规范=""),
    )
    with pytest.raises(ValidationError) as error:
        services.submit_sheet(judge=judge, achievement=entry, round_=Round.MATERIAL)
    assert "活动程序规范" in error.value.messages[0]


def test_the_chief_judge_reopens_with_a_reason_and_the_history_keeps_the_old_values(setup):
    campaign, (chief, judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    services.save_scores(
        judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
    )
    sheet = services.submit_sheet(judge=judge, achievement=entry, round_=Round.MATERIAL)
    with pytest.raises(PermissionDenied):
        services.reopen_sheet(chief=judge, sheet=sheet, reason="自己想改")
    services.reopen_sheet(chief=chief, sheet=sheet, reason="第二项分数录入有误")
    services.save_scores(
        judge=judge,
        achievement=entry,
        round_=Round.MATERIAL,
        points=material_points(entry, 活动程序规范="25"),
    )
    score = sheet.scores.get(criterion__name="活动程序规范")
    assert [h.points for h in score.history.order_by("history_date")] == [Decimal(20), Decimal(25)]
    assert [h.status for h in sheet.history.order_by("history_date", "history_id")][-3:] == [
        "submitted",
        "draft",
        "draft",
    ]
    assert ScoreSheet.objects.get(pk=sheet.pk).reopen_reason == "第二项分数录入有误"


def test_a_rubric_is_frozen_once_a_score_uses_it(setup):
    campaign, (judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    services.save_scores(
        judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
    )
    criterion = Criterion.objects.filter(
        rubric__round=Round.MATERIAL, rubric__topic_type=entry.topic_type
    ).first()
    criterion.max_points = 40
    with pytest.raises(ValidationError) as error:
        criterion.save()
    assert error.value.messages == ["已有评分使用此评分标准，不能再修改。"]


def test_balancing_gives_every_entry_its_judges_evenly_around_conflicts(campaign, unit_a, unit_b):
    judges = [JudgeFactory(username=f"p{n}") for n in range(6)] + [
        JudgeFactory(username="pa", member_unit=unit_a)
    ]
    seat_panel(campaign, judges)
    entries = [
        QcAchievementFactory(
            campaign=campaign, member_unit=unit_a if n % 2 else unit_b, status="submitted"
        )
        for n in range(20)
    ]
    services.balance_assignments(campaign=campaign, achievements=entries, judges_per_entry=3)
    per_entry = {e.pk: Assignment.objects.filter(achievement=e).count() for e in entries}
    loads = [Assignment.objects.filter(judge=j).count() for j in judges]
    own_unit = Assignment.objects.filter(judge=judges[-1], achievement__member_unit=unit_a).count()
    assert (set(per_entry.values()), max(loads) - min(loads) <= 1, own_unit) == ({3}, True, 0)


def test_balancing_again_adds_nothing(campaign, unit_a):
    judges = [JudgeFactory(username=f"q{n}") for n in range(4)]
    seat_panel(campaign, judges)
    entries = [
        QcAchievementFactory(campaign=campaign, member_unit=unit_a, status="submitted")
        for _ in range(4)
    ]
    services.balance_assignments(campaign=campaign, achievements=entries, judges_per_entry=2)
    assert (
        services.balance_assignments(campaign=campaign, achievements=entries, judges_per_entry=2)
        == 0
    )


def test_the_admin_shows_a_frozen_rubric_read_only(client, admin_user, setup):
    from django.urls import reverse

    from judging.models import Rubric

    campaign, (judge, *_), _own, entry = setup
    services.assign(judge=judge, achievement=entry)
    services.save_scores(
        judge=judge, achievement=entry, round_=Round.MATERIAL, points=material_points(entry)
    )
    rubric = Rubric.objects.for_entry(entry, Round.MATERIAL)
    client.force_login(admin_user)
    url = reverse("admin:judging_rubric_change", args=[rubric.pk])
    assert (client.get(url).status_code, client.post(url, {}).status_code) == (200, 403)


@pytest.mark.parametrize(
    "model",
    [
        "rubric",
        "judgingsettings",
        "panelmember",
        "conflict",
        "assignment",
        "scoresheet",
        "shortlistentry",
    ],
)
def test_admin_lists_every_judging_model(client, admin_user, setup, model):
    from django.urls import reverse

    client.force_login(admin_user)
    assert client.get(reverse(f"admin:judging_{model}_changelist")).status_code == 200


def test_only_panel_judges_can_be_assigned(campaign, unit_a):
    outsider = JudgeFactory(username="not_on_panel")
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    with pytest.raises(ValidationError):
        services.assign(judge=outsider, achievement=entry)
