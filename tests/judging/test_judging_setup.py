"""Staff set up the panel, conflicts and rubrics before scoring."""

import pytest
from django.urls import reverse

from judging import services, setup
from judging.defaults import install_default_rubrics
from judging.models import Assignment, Conflict, Criterion, PanelMember, Round, Rubric
from tests.factories import JudgeFactory, QcAchievementFactory, seat_panel

pytestmark = pytest.mark.django_db


def test_staff_seat_a_judge_and_make_them_chief(client, staff_user, campaign):
    judges = [JudgeFactory(username="a"), JudgeFactory(username="b")]
    seat_panel(campaign, judges[:1])
    client.force_login(staff_user)
    client.post(reverse("panel_action"), {"action": "seat", "judge": judges[1].pk})
    client.post(reverse("panel_action"), {"action": "chief", "judge": judges[1].pk})
    assert list(
        PanelMember.objects.filter(campaign=campaign)
        .values_list("judge__username", "is_chief")
        .order_by("judge__username")
    ) == [("a", False), ("b", True)]


def test_only_judges_sit_on_the_panel(client, staff_user, coordinator_a, campaign):
    client.force_login(staff_user)
    client.post(reverse("panel_action"), {"action": "seat", "judge": coordinator_a.pk})
    assert not PanelMember.objects.exists()


def test_declaring_a_conflict_removes_the_assignment(client, staff_user, campaign, unit_a):
    judge = JudgeFactory(username="c")
    seat_panel(campaign, [judge])
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, status="submitted")
    services.assign(judge=judge, achievement=entry)
    client.force_login(staff_user)
    client.post(
        reverse("panel_action"),
        {
            "action": "conflict",
            "judge": judge.pk,
            "achievement": entry.pk,
            "reason": "曾担任该小组顾问",
        },
    )
    assert (Conflict.objects.get().reason, Assignment.objects.count()) == ("曾担任该小组顾问", 0)


def test_a_conflict_needs_a_reason(client, staff_user, campaign, unit_a):
    judge = JudgeFactory(username="d")
    seat_panel(campaign, [judge])
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(staff_user)
    response = client.post(
        reverse("panel_action"),
        {"action": "conflict", "judge": judge.pk, "achievement": entry.pk, "reason": " "},
        follow=True,
    )
    assert "请填写回避原因" in response.content.decode() and not Conflict.objects.exists()


def test_staff_edit_a_rubric_before_scoring(client, staff_user, campaign):
    install_default_rubrics(campaign)
    rubric = Rubric.objects.get(campaign=campaign, round=Round.MATERIAL, topic_type="innovative")
    criteria = list(rubric.criteria.all())
    data = {
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for n, c in enumerate(criteria):
        data.update(
            {
                f"criteria-{n}-id": c.pk,
                f"criteria-{n}-rubric": rubric.pk,
                f"criteria-{n}-order": c.order,
                f"criteria-{n}-name": c.name,
                f"criteria-{n}-guidance": c.guidance,
                f"criteria-{n}-max_points": "25",
            }
        )
    client.force_login(staff_user)
    client.post(reverse("rubric_edit", args=[rubric.pk]), data)
    assert list(Criterion.objects.filter(rubric=rubric).values_list("max_points", flat=True)) == [
        25,
        25,
        25,
        25,
    ]


def test_a_frozen_rubric_page_says_so_and_refuses(
    client, staff_user, campaign, unit_a, coordinator_a
):
    from judging.models import Score, ScoreSheet

    install_default_rubrics(campaign)
    rubric = Rubric.objects.get(
        campaign=campaign, round=Round.MATERIAL, topic_type="problem_solving"
    )
    judge = JudgeFactory(username="e")
    sheet = ScoreSheet.objects.create(
        judge=judge,
        achievement=QcAchievementFactory(campaign=campaign, member_unit=unit_a),
        round=Round.MATERIAL,
    )
    Score.objects.create(sheet=sheet, criterion=rubric.criteria.first(), points=10)
    client.force_login(staff_user)
    page = client.get(reverse("rubric_edit", args=[rubric.pk])).content.decode()
    criterion = rubric.criteria.first()
    data = {
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "1",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-id": criterion.pk,
        "criteria-0-rubric": rubric.pk,
        "criteria-0-order": 0,
        "criteria-0-name": "改名",
        "criteria-0-guidance": "",
        "criteria-0-max_points": "30",
    }
    response = client.post(reverse("rubric_edit", args=[rubric.pk]), data)
    criterion.refresh_from_db()
    assert ('data-testid="frozen"' in page, response.status_code, criterion.name) == (
        True,
        200,
        "活动记录真实完整",
    )


@pytest.mark.parametrize("url_name", ["panel", "rubric_list"])
def test_setup_pages_are_for_staff(client, coordinator_a, judge, campaign, url_name):
    statuses = []
    for user in (coordinator_a, judge):
        client.force_login(user)
        statuses.append(client.get(reverse(url_name)).status_code)
    assert statuses == [403, 403]


def test_admins_read_a_sheets_history(client, admin_user, campaign, unit_a):
    from judging.models import ScoreSheet

    sheet = ScoreSheet.objects.create(
        judge=JudgeFactory(username="h"),
        achievement=QcAchievementFactory(campaign=campaign, member_unit=unit_a),
        round=Round.MATERIAL,
    )
    client.force_login(admin_user)
    assert (
        client.get(reverse("admin:judging_scoresheet_history", args=[sheet.pk])).status_code == 200
    )


def test_the_rubric_service_takes_plain_values(campaign):

    install_default_rubrics(campaign)
    rubric = Rubric.objects.get(campaign=campaign, round=Round.MATERIAL, topic_type="innovative")
    first, second, *rest = rubric.criteria.all()
    setup.save_rubric(
        rubric=rubric,
        criteria=[
            {"pk": first.pk, "order": 0, "name": "记录", "guidance": "", "max_points": 40},
            {"pk": None, "order": 9, "name": "新增", "guidance": "", "max_points": 10},
        ],
        removed=[second.pk],
    )
    names = list(rubric.criteria.values_list("name", "max_points"))
    assert names[0] == ("记录", 40) and ("新增", 10) in names
    assert second.pk not in rubric.criteria.values_list("pk", flat=True)
    assert len(names) == len(rest) + 2
