"""A judge scores on a tablet: totals as they type, a reload mid-sheet loses nothing."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from judging import services
from judging.models import Assignment, ScoreSheet
from portal.models import Campaign, Phase, User
from submissions import services as submission_services
from submissions.demo import _attach_materials
from submissions.models import QcAchievement
from tests.factories import QcAchievementFactory
from website.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def material_round(db):
    call_command("seed_demo", stdout=io.StringIO())
    campaign = Campaign.objects.current()
    mobile = User.objects.get(username="mobile")
    entry = QcAchievementFactory(
        campaign=campaign,
        member_unit=mobile.member_unit,
        member_count=0,
        group_name="移动网优QC小组",
    )
    _attach_materials(entry)
    submission_services.submit(entry=entry, user=mobile)
    campaign.phase = Phase.REVIEW
    campaign.save()
    judge = User.objects.get(username="judge5")
    for achievement in QcAchievement.objects.filter(campaign=campaign).counted():
        services.assign(judge=judge, achievement=achievement)
    return judge


def test_a_judge_scores_two_entries_on_a_tablet(browser, live_server, material_round):
    context = browser.new_context(viewport={"width": 800, "height": 1280}, locale="zh-CN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("judge5")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + "/judging/sheets/")
    assert page.get_by_test_id("my-sheets").locator("a").count() == 2

    for number, points in enumerate([("28", "27.5", "18", "19"), ("25", "25", "15", "16")]):
        page.get_by_test_id("my-sheets").locator("a").nth(number).click()
        inputs = page.locator("input[data-points]")
        inputs.nth(0).fill(points[0])
        inputs.nth(1).fill(points[1])
        page.get_by_test_id("autosave-status").filter(has_text="草稿已保存").wait_for()
        if number == 0:
            page.reload()  # the connection drops, the tablet reloads: nothing is lost
            assert [inputs.nth(0).input_value(), inputs.nth(1).input_value()] == ["28", "27.5"]
            page.screenshot(
                path=settings.BASE_DIR / "docs/screenshots/judge-tablet.png", full_page=True
            )
        inputs.nth(2).fill(points[2])
        inputs.nth(3).fill(points[3])
        expected = sum(float(p) for p in points)
        assert float(page.get_by_test_id("total").inner_text()) == expected
        page.get_by_role("button", name="提交").click()
        page.get_by_text("评分表已提交。").wait_for()
    totals = sorted(float(sheet.total) for sheet in ScoreSheet.objects.filter(judge=material_round))
    assert (totals, ScoreSheet.objects.filter(status="submitted").count()) == ([81.0, 92.5], 2)
    assert Assignment.objects.filter(judge=material_round).count() == 2
    context.close()


def test_the_chief_judge_follows_progress_and_the_ranking_in_landscape(
    browser, live_server, material_round
):
    from decimal import Decimal

    from judging.models import Criterion

    campaign = Campaign.objects.current()
    for achievement in QcAchievement.objects.filter(campaign=campaign).counted():
        criteria = Criterion.objects.filter(
            rubric__campaign=campaign,
            rubric__round="material",
            rubric__topic_type=achievement.topic_type,
        )
        services.save_scores(
            judge=material_round,
            achievement=achievement,
            round_="material",
            points={str(c.pk): str(c.max_points - Decimal(2)) for c in criteria},
        )
        services.submit_sheet(judge=material_round, achievement=achievement, round_="material")
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("judge4")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="评分进度").click()
    judges = page.get_by_test_id("progress-judges").inner_text()
    assert "孙评审\t2 / 2" in judges or "孙评审 2 / 2" in judges
    assert page.get_by_test_id("submitted-sheets").locator("tbody tr").count() == 2
    page.goto(live_server.url + "/dashboard/")
    page.get_by_role("link", name="排名").click()
    rows = page.get_by_test_id("ranking").locator("tbody tr")
    assert rows.count() == 2 and "92.00" in rows.first.inner_text()
    page.screenshot(path=settings.BASE_DIR / "docs/screenshots/ranking-chief.png", full_page=True)
    context.close()


def test_a_judge_goes_offline_and_comes_back_without_losing_a_score(
    browser, live_server, material_round
):
    context = browser.new_context(viewport={"width": 800, "height": 1280}, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("judge5")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + "/judging/sheets/")
    page.get_by_test_id("my-sheets").locator("a").first.click()
    inputs = page.locator("input[data-points]")
    context.set_offline(True)
    inputs.nth(0).fill("26")
    page.get_by_test_id("autosave-status").filter(has_text="离线").wait_for()
    assert ScoreSheet.objects.filter(judge=material_round).count() == 0
    context.set_offline(False)
    page.get_by_test_id("autosave-status").filter(has_text="草稿已保存").wait_for()
    sheet = ScoreSheet.objects.get(judge=material_round)
    assert [score.points for score in sheet.scores.all()] == [26]
    context.close()
