"""A coordinator's whole journey through the achievement form, in Debian's Chromium."""

import pytest
from django.conf import settings

from portal.models import Campaign
from tests.factories import PASSWORD, QcAchievementFactory, QuotaFactory, UserFactory
from tests.submissions_helpers import PDF, complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"


@pytest.fixture
def unit_with_one_place(db):
    quota = QuotaFactory(
        member_unit__short_name="山西铁塔",
        member_unit__full_name="中国铁塔股份有限公司山西省分公司",
        achievement_limit=1,
    )
    UserFactory(username="tower", name="陈静", member_unit=quota.member_unit)
    return quota


def fill(page, label, value):
    page.get_by_label(label, exact=True).fill(value)


def test_coordinator_fills_uploads_submits_hits_the_quota_and_sees_the_summary(
    page, live_server, unit_with_one_place, tmp_path
):
    campaign = Campaign.objects.get()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("tower")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="新建QC小组成果").click()

    fill(page, "QC小组名称*", "铁塔能耗QC小组")
    fill(page, "人数*", "2")
    fill(page, "课题名称*", "降低基站能耗")
    page.get_by_label("课题类型*").select_option("创新型")
    fill(page, "企业名称（以公章为准）*", "中国铁塔股份有限公司山西省分公司")
    fill(page, "邮编*", "030006")
    fill(page, "通讯地址*", "太原市小店区")
    fill(page, "联系人*", "陈静")
    fill(page, "企业内主管部门*", "运维部")
    fill(page, "电话*", "0351-5550000")
    fill(page, "小组活动指导者*", "周工")
    fill(page, "QC小组简介*", "小组由一线运维人员组成。")
    fill(page, "主要活动过程与效果*", "通过智能关断，能耗下降12%。")
    fill(page, "所在部门*", "运维部")
    fill(page, "成立日期*", "2020-04-01")
    fill(page, "登记注册号*", "SXTT-2020-01")
    fill(page, "组长姓名*", "陈静")
    page.get_by_label("组长性别*").select_option("女")
    fill(page, "组长职务*", "主管")
    rows = page.locator("[data-formset-row]")
    rows.nth(0).get_by_label("成员姓名").fill("陈静")
    rows.nth(0).get_by_label("年龄").fill("38")
    rows.nth(0).get_by_label("职务（或职称）").fill("主管")
    rows.nth(0).get_by_label("成员分工情况").fill("组长")
    page.get_by_role("button", name="添加成员").click()
    rows.nth(1).get_by_label("成员姓名").fill("王强")
    rows.nth(1).get_by_label("年龄").fill("29")
    rows.nth(1).get_by_label("职务（或职称）").fill("工程师")
    rows.nth(1).get_by_label("成员分工情况").fill("数据分析")
    page.screenshot(path=SCREENSHOTS / "achievement-form.png", full_page=True)
    page.get_by_role("button", name="保存", exact=True).click()

    page.get_by_test_id("missing").wait_for()
    material = tmp_path / "材料.pdf"
    material.write_bytes(PDF)
    for kind in ("record_book", "slides", "report"):
        page.get_by_test_id(f"upload-{kind}").set_input_files(material)
        page.get_by_test_id(f"upload-{kind}").locator("xpath=..").get_by_role(
            "button", name="上传"
        ).click()
        page.get_by_text("文件已上传。").wait_for()
    page.get_by_role("button", name="提交", exact=True).click()
    page.get_by_text("已提交。").wait_for()
    assert page.get_by_test_id("serial-number").inner_text() == f"{campaign.year}-QC-001"
    page.screenshot(path=SCREENSHOTS / "achievement-submitted.png", full_page=True)

    second = complete(
        QcAchievementFactory(campaign=campaign, member_unit=unit_with_one_place.member_unit)
    )
    page.goto(f"{live_server.url}/submissions/achievement/{second.pk}/")
    page.get_by_role("button", name="提交", exact=True).click()
    assert "名额已满" in page.locator(".alert-danger").inner_text()

    page.goto(live_server.url + "/dashboard/")
    assert "已提交 1 / 1" in page.get_by_test_id("quota-achievement").inner_text()
    page.get_by_role("link", name="推荐汇总表").first.click()
    cells = page.get_by_test_id("summary-achievements").locator("tbody td").all_inner_texts()
    assert cells == ["1", "中国铁塔股份有限公司山西省分公司", "铁塔能耗QC小组", "2"]
    page.screenshot(path=SCREENSHOTS / "summary.png", full_page=True)


def test_live_counters_and_rates_update_as_the_user_types(page, live_server, unit_with_one_place):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("tower")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + "/submissions/enterprise/new/")
    page.get_by_label("经验事迹简介（700字以内）*").fill("质量 管理\n小组")
    counter = page.locator(".char-counter").first
    assert counter.inner_text() == "6 / 700 字（不计空格）"
    page.get_by_label("经验事迹简介（700字以内）*").fill("字" * 701)
    assert "over" in counter.get_attribute("class")

    page.goto(live_server.url + "/submissions/statistics/new/")
    page.get_by_label("参加QC小组人数（人）*").fill("600")
    page.get_by_label("职工总数（人）*").fill("3000")
    page.get_by_label("本年度已登记注册QC小组数（个）*").fill("3")
    page.get_by_label("取得成果小组数（个）*").fill("1")
    rates = page.locator("output[data-rate]").all_inner_texts()
    assert rates == ["20.00", "33.33"]
