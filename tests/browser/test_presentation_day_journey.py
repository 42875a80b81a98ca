"""The whole presentation day in the browser: console, projector, three judges (one drops
offline and comes back), sign-off, publication, and a unit reading its result."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command

from judging import day, services, signoffs
from judging.models import Criterion, PanelMember, Round, ScoreSheet
from portal.models import Campaign, Phase, User
from submissions import services as submission_services
from submissions.demo import _attach_materials
from submissions.models import QcAchievement
from tests.factories import QcAchievementFactory
from website.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JUDGES = ["judge4", "judge5", "judge6"]


@pytest.fixture
def the_day(db):
    call_command("seed_demo", stdout=io.StringIO())
    campaign = Campaign.objects.current()
    PanelMember.objects.filter(campaign=campaign).exclude(judge__username__in=JUDGES).delete()
    mobile = User.objects.get(username="mobile")
    extra = QcAchievementFactory(
        campaign=campaign,
        member_unit=mobile.member_unit,
        member_count=0,
        group_name="移动网优QC小组",
    )
    _attach_materials(extra)
    submission_services.submit(entry=extra, user=mobile)
    staff = User.objects.get(username="staff1")
    campaign.phase = Phase.REVIEW
    campaign.save()
    judges = [User.objects.get(username=name) for name in JUDGES]
    entries = list(
        QcAchievement.objects.filter(campaign=campaign).counted().select_related("campaign")
    )
    for entry in entries:
        criteria = Criterion.objects.filter(
            rubric__campaign=campaign,
            rubric__round=Round.MATERIAL,
            rubric__topic_type=entry.topic_type,
        )
        for judge in judges:
            services.assign(judge=judge, achievement=entry)
            services.save_scores(
                judge=judge,
                achievement=entry,
                round_=Round.MATERIAL,
                points={str(c.pk): str(c.max_points - Decimal(3)) for c in criteria},
            )
            services.submit_sheet(judge=judge, achievement=entry, round_=Round.MATERIAL)
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries, user=staff)
    day.draw(campaign=campaign, user=staff, seed="2021-06-04")
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    return campaign


def login(browser, live_server, username, viewport=None):
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 800}, locale="zh-CN"
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/dashboard/")
    return context, page


def score_current(page, live_server, points, go_offline=None):
    page.goto(live_server.url + "/judging/sheets/")
    page.get_by_test_id("my-sheets").locator("a").first.click()
    inputs = page.locator("input[data-points]")
    for index in range(inputs.count()):
        if go_offline and index == 1:
            go_offline.set_offline(True)
        inputs.nth(index).fill(points)
    if go_offline:
        page.get_by_test_id("autosave-status").filter(has_text="离线").wait_for()
        go_offline.set_offline(False)
    page.get_by_test_id("autosave-status").filter(has_text="草稿已保存").wait_for()
    page.get_by_role("button", name="提交").click()
    page.get_by_text("评分表已提交。").wait_for()


def test_the_whole_presentation_day(browser, live_server, the_day):
    campaign = the_day
    staff_context, console = login(browser, live_server, "staff1")
    console.goto(live_server.url + "/judging/console/")
    console.get_by_test_id("start").click()
    projector_url = console.get_by_test_id("projector-link").inner_text()
    screen_context = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = screen_context.new_page()
    screen.goto(projector_url)
    first = day.running_order(campaign)[0]["achievement"]
    screen.get_by_text(first.group_name).wait_for()
    assert "分" not in screen.locator(".projector-main").inner_text().replace("分钟", "")
    screen.screenshot(path=settings.BASE_DIR / "docs/screenshots/projector.png")

    judges = [login(browser, live_server, name, {"width": 800, "height": 1280}) for name in JUDGES]
    for number in range(2):
        for index, (context, page) in enumerate(judges):
            offline = context if (number == 0 and index == 2) else None
            score_current(page, live_server, str(8 + number), go_offline=offline)
        console.get_by_test_id("submitted").locator("li").nth(2).wait_for()
        console.screenshot(path=settings.BASE_DIR / "docs/screenshots/console.png")
        console.get_by_test_id("next").click()
    assert ScoreSheet.objects.filter(round=Round.PRESENTATION, status="submitted").count() == 6

    chief = judges[0][1]
    chief.goto(live_server.url + "/judging/progress/?round=presentation")
    chief.get_by_test_id("sign-off").click()
    chief.get_by_test_id("signed-off").wait_for()
    console.goto(live_server.url + "/judging/day/")
    console.get_by_test_id("publish").click()
    console.get_by_test_id("published").wait_for()

    unit_context, unit = login(browser, live_server, "unicom")
    unit.goto(live_server.url + "/judging/results/")
    results = unit.get_by_test_id("unit-results").inner_text()
    assert "光网先锋QC小组" in results and "移动网优QC小组" not in results
    unit.goto(live_server.url + "/")
    assert "光网先锋QC小组" in unit.get_by_test_id("awards").inner_text()
    for context in (staff_context, screen_context, unit_context, *(c for c, _p in judges)):
        context.close()
