"""The chief judge sends a sheet back with a reason; the progress page keeps the reason and the
scores the sheet held before, for the chief judge and for the staff."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from judging.models import Criterion, Round, ScoreSheet, SheetStatus
from tests.factories import PASSWORD, StaffFactory
from tests.judging_helpers import run_material_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "现状调查分数与记录本不符"
PROGRESS = reverse("judging_progress") + "?round=material"


def login(browser, live_server, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/dashboard/")
    return context, page


def sheet_row(page, judge, entry):
    """The row of ``judge``'s sheet of ``entry`` in the table of score sheets."""
    return (
        page.get_by_test_id("submitted-sheets")
        .locator("tbody tr")
        .filter(has=page.get_by_role("cell", name=str(judge), exact=True))
        .filter(has_text=entry.group_name)
    )


def test_the_chief_judge_sees_a_reopenings_reason_and_the_earlier_scores(
    browser, live_server, competition
):
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries, {entry.pk: 18 for entry in entries})
    chief, judge, entry = judges[0], judges[1], entries[0]
    sheet = ScoreSheet.objects.get(judge=judge, achievement=entry, round=Round.MATERIAL)
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, 72)
    first = Criterion.objects.filter(
        rubric__campaign=campaign, rubric__round=Round.MATERIAL, rubric__topic_type=entry.topic_type
    ).first()

    # The chief judge sends judge1's sheet back with a reason.
    chief_context, chief_page = login(browser, live_server, chief)
    chief_page.goto(live_server.url + PROGRESS)
    row = sheet_row(chief_page, judge, entry)
    assert row.count() == 1
    assert row.get_by_test_id("reopening").count() == 0
    row.get_by_label("退回原因").fill(REASON)
    row.get_by_role("button", name="退回重评").click()
    chief_page.get_by_text("评分表已退回评委。").wait_for()
    sheet.refresh_from_db()
    assert (sheet.status, sheet.reopen_reason) == (SheetStatus.DRAFT, REASON)

    # The judge reads the reason, corrects one criterion and submits again.
    judge_context, judge_page = login(browser, live_server, judge)
    judge_page.goto(live_server.url + reverse("my_sheets") + "?round=material")
    judge_page.get_by_test_id("my-sheets").locator("a").filter(has_text=entry.group_name).click()
    assert (
        REASON
        in judge_page.locator(".alert-warning").filter(has_text="评审组长已退回重评").inner_text()
    )
    points = judge_page.locator(f"#criterion-{first.pk}")
    assert points.input_value() == "18"
    points.fill("25")
    judge_page.get_by_test_id("autosave-status").filter(has_text="草稿已保存").wait_for()
    assert judge_page.get_by_test_id("total").inner_text() == "79"
    judge_page.get_by_role("button", name="提交").click()
    judge_page.get_by_text("评分表已提交。").wait_for()
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, 79)
    judge_context.close()

    # The chief judge, and then the staff, see the reason and what the sheet said before.
    staff_context, staff_page = login(browser, live_server, StaffFactory(username="staff2"))
    for page in (chief_page, staff_page):
        page.goto(live_server.url + PROGRESS)
        row = sheet_row(page, judge, entry)
        reopening = row.get_by_test_id("reopening")
        assert reopening.count() == 1
        summary = reopening.locator("summary")
        assert REASON in summary.inner_text()
        assert str(chief) in summary.inner_text()
        assert reopening.get_attribute("open") is None
        summary.click()
        assert reopening.get_attribute("open") is not None
        earlier = reopening.inner_text()
        assert "退回前：" in earlier
        assert f"{first.name} 18.0" in earlier
        assert re.search(r"合计 72\.0", earlier)
        current_total = row.locator("td").nth(3).inner_text()
        assert current_total == "79.0" and current_total != "72.0"
        assert "已提交" in row.locator("td").nth(2).inner_text()
    # Other sheets keep no reopening.
    assert chief_page.get_by_test_id("reopening").count() == 1
    chief_page.screenshot(
        path=settings.BASE_DIR / "docs/screenshots/reopen-history.png", full_page=True
    )
    staff_context.close()
    chief_context.close()
