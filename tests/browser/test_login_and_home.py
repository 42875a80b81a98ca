"""Journeys in Debian's Chromium driven by Playwright (make test installs the chromium package)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from portal.models import Campaign
from website.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"


@pytest.fixture
def demo(db):
    """The demo data of `make run`, so the screenshots show what a newcomer sees."""
    call_command("seed_demo", stdout=io.StringIO())
    return Campaign.objects.current()


def test_home_page_counts_down_in_chinese(page, live_server, demo):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == demo.title
    countdown = page.get_by_test_id("countdown")
    countdown.filter(has_text="天").wait_for()
    assert "秒" in countdown.inner_text()
    page.screenshot(path=SCREENSHOTS / "home.png", full_page=True)


def test_coordinator_logs_in_and_reaches_the_dashboard(page, live_server, demo):
    page.goto(live_server.url + "/dashboard/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill("unicom")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_test_id("coordinator-dashboard").wait_for()
    assert page.url == live_server.url + "/dashboard/"
    assert "李明 · 单位联络员" in page.get_by_test_id("dashboard-role").inner_text()
    page.screenshot(path=SCREENSHOTS / "dashboard-coordinator.png", full_page=True)


def test_wrong_password_shows_a_chinese_error_and_keeps_the_user_name(page, live_server, demo):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("unicom")
    page.get_by_label("密码").fill("wrong")
    page.get_by_role("button", name="登录").click()
    assert "请输入一个正确的" in page.locator(".alert").inner_text()
    assert page.get_by_label("用户名").input_value() == "unicom"


def test_phone_layout_folds_the_navigation(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    toggler = page.locator(".navbar-toggler")
    assert toggler.is_visible() and not page.get_by_role("link", name="历届活动").is_visible()
    toggler.click()
    page.get_by_role("link", name="历届活动").wait_for()
    page.screenshot(path=SCREENSHOTS / "home-phone.png", full_page=True)
    context.close()


def test_coordinator_downloads_a_pdf_and_the_units_zip(page, live_server, demo):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("unicom")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="光网先锋QC小组：缩短家庭宽带故障修复时长").click()
    page.get_by_role("button", name="打印").click()
    with page.expect_download() as pdf:
        page.get_by_test_id("pdf-attachment-2").click()
    assert pdf.value.suggested_filename.startswith("附件2-")
    assert pdf.value.path().read_bytes().startswith(b"%PDF-")

    page.goto(live_server.url + "/dashboard/")
    page.get_by_test_id("unit-zip").click()
    page.get_by_test_id("export-status").filter(has_text="已完成").wait_for()
    with page.expect_download() as archive:
        page.get_by_test_id("export-download").click()
    assert archive.value.suggested_filename == f"申报材料-{demo.year}-山西联通.zip"
