"""A judge on presentation day: the list follows the console, Enter walks the sheet and never
submits, a score out of range is marked and left out of the total, and a server out of reach
says so in its own words."""

import pytest

from judging import console, day, services, signoffs
from judging.models import Criterion, Round
from portal.models import Phase
from tests.factories import PASSWORD
from tests.judging_helpers import run_material_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def the_day(competition, staff_user):
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries, {e.pk: 20 for e in entries})
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries, user=staff_user)
    day.draw(campaign=campaign, user=staff_user, seed="keys")
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    console.advance(campaign=campaign, action="start", user=staff_user)
    return campaign, judges[1], [row["achievement"] for row in day.running_order(campaign)]


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


def test_a_judge_follows_the_day_and_keys_in_a_sheet(browser, live_server, staff_user, the_day):
    campaign, judge, order = the_day
    context, page = login(browser, live_server, judge)

    # The list follows the console without a reload and labels the entry now presenting.
    page.goto(live_server.url + "/judging/sheets/")
    items = page.get_by_test_id("my-sheets").locator("a")
    label = page.get_by_test_id("now-presenting").filter(visible=True)
    assert label.count() == 1 and order[0].group_name in items.first.inner_text()
    console.advance(campaign=campaign, action="next", user=staff_user)
    items.first.filter(has_text=order[1].group_name).get_by_test_id("now-presenting").wait_for()
    assert label.count() == 1 and label.inner_text() == "正在发表"
    assert order[0].group_name in items.nth(1).inner_text()

    items.first.click()
    page.wait_for_url(f"**/judging/sheets/{order[1].pk}/**")
    sheet_url = page.url
    page.evaluate(
        "window.submits = 0; document.querySelector('form.score-form')"
        ".addEventListener('submit', () => window.submits++)"
    )
    inputs = page.locator("input[data-points]")
    maxima = [
        c.max_points
        for c in Criterion.objects.filter(
            rubric__campaign=campaign,
            rubric__round=Round.PRESENTATION,
            rubric__topic_type=order[1].topic_type,
        )
    ]

    # Enter moves to the next criterion, from the last to the comment, and never submits.
    for index in range(inputs.count()):
        inputs.nth(index).fill("5")
        inputs.nth(index).press("Enter")
        following = (
            inputs.nth(index + 1) if index + 1 < inputs.count() else page.locator("#comment")
        )
        assert following.evaluate("field => field === document.activeElement")
    assert (page.url, page.evaluate("window.submits")) == (sheet_url, 0)

    # A score out of range is marked, explained and left out of the total.
    too_many = str(maxima[1] + 5)
    inputs.nth(1).fill(too_many)
    total = page.get_by_test_id("total")
    assert total.inner_text() == str(5 * (len(maxima) - 1))
    assert inputs.nth(1).get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{inputs.nth(1).get_attribute('aria-describedby')}")
    assert error.is_visible() and f"0至{maxima[1].normalize():f}分" in error.inner_text()
    inputs.nth(1).fill("-1")
    assert total.inner_text() == str(5 * (len(maxima) - 1)) and error.is_visible()
    inputs.nth(1).fill("6")
    assert total.inner_text() == str(5 * len(maxima) + 1) and not error.is_visible()
    assert inputs.nth(1).get_attribute("aria-invalid") is None

    # The server out of reach: the offline message, not a generic error; then saved.
    status = page.get_by_test_id("autosave-status")
    status.filter(has_text="草稿已保存").wait_for()
    page.route("**/draft/**", lambda route: route.abort())
    inputs.nth(0).fill("4")
    status.filter(has_text="已离线").wait_for()
    assert "text-danger" in status.get_attribute("class")
    page.unroute("**/draft/**")
    status.filter(has_text="草稿已保存").wait_for(timeout=10000)
    assert "text-danger" not in status.get_attribute("class")
    context.close()
