"""The submission pages: forms, isolation between units, staff list, uploads, summary."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from PIL import Image

from portal.models import MemberUnit
from submissions import services
from submissions.models import (
    AchievementFile,
    ExcellentEnterprise,
    ExcellentPromoter,
    QcAchievement,
    Status,
)
from tests.factories import (
    ActivityStatisticsFactory,
    ExcellentEnterpriseFactory,
    ExcellentPromoterFactory,
    QcAchievementFactory,
    TrustedTeamFactory,
)
from tests.submissions_helpers import PDF, complete

pytestmark = pytest.mark.django_db


def achievement_post(**overrides):
    data = {
        "group_name": "网络优化QC小组",
        "member_count": "2",
        "topic": "降低基站退服率",
        "topic_type": "problem_solving",
        "company_name": "中国联合网络通信有限公司山西省分公司",
        "postcode": "030001",
        "address": "太原市并州路1号",
        "contact": "李明",
        "department_in_charge": "网络部",
        "phone": "13812345678",
        "instructor": "王工",
        "fax": "",
        "group_profile": "小组成立于2019年。",
        "activity_summary": "按PDCA开展活动。",
        "department": "网络运维中心",
        "founded_on": "2019-03-01",
        "registration_number": "SX-QC-0001",
        "leader_name": "张三",
        "leader_sex": "male",
        "leader_position": "班长",
        "version": "",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-name": "张三",
        "members-0-age": "40",
        "members-0-position": "班长",
        "members-0-role": "组长",
        "members-1-name": "李四",
        "members-1-age": "30",
        "members-1-position": "工程师",
        "members-1-role": "数据分析",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_achievement_with_members(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    response = client.post(reverse("entry_create", args=["achievement"]), achievement_post())
    achievement = QcAchievement.objects.get()
    assert response["Location"] == reverse("entry_detail", args=["achievement", achievement.pk])
    assert (achievement.member_unit, [m.name for m in achievement.members.all()]) == (
        coordinator_a.member_unit,
        ["张三", "李四"],
    )


def test_member_count_mismatch_is_shown_beside_the_field_and_keeps_input(
    client, coordinator_a, campaign
):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("entry_create", args=["achievement"]), achievement_post(member_count="3")
    )
    html = response.content.decode()
    assert "人数（3）必须与所列成员数（2）一致" in html and 'value="降低基站退服率"' in html
    assert not QcAchievement.objects.exists()


def test_bad_postcode_and_phone_are_explained_in_chinese(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("entry_create", args=["achievement"]),
        achievement_post(postcode="0300", phone="12345"),
    )
    html = response.content.decode()
    assert "邮编须为6位数字" in html and "请输入11位手机号码" in html and 'value="李四"' in html


def test_a_crafted_post_cannot_choose_another_unit(client, coordinator_a, unit_b, campaign):
    client.force_login(coordinator_a)
    client.post(
        reverse("entry_create", args=["achievement"]),
        achievement_post(member_unit=str(unit_b.pk), status="received"),
    )
    achievement = QcAchievement.objects.get()
    assert (achievement.member_unit, achievement.status) == (coordinator_a.member_unit, "draft")


@pytest.mark.parametrize("url_name", ["entry_detail", "entry_edit"])
def test_another_units_entry_is_not_found(client, coordinator_b, campaign, unit_a, url_name):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_b)
    assert client.get(reverse(url_name, args=["achievement", entry.pk])).status_code == 404


@pytest.mark.parametrize(
    "url_name", ["entry_submit", "entry_withdraw", "entry_delete", "entry_receive", "entry_return"]
)
def test_another_units_entry_cannot_be_acted_on(client, coordinator_b, campaign, unit_a, url_name):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_b)
    response = client.post(reverse(url_name, args=["achievement", entry.pk]))
    assert response.status_code in (403, 404)
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT


def test_another_units_file_is_not_found(client, coordinator_b, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    client.force_login(coordinator_b)
    url = reverse("material_download", args=[entry.pk, "slides"])
    assert client.get(url).status_code == 404


def test_judges_see_no_entries(client, judge, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(judge)
    assert client.get(reverse("entry_detail", args=["achievement", entry.pk])).status_code == 403


def test_own_file_downloads_with_its_original_name(client, coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    client.force_login(coordinator_a)
    response = client.get(reverse("material_download", args=[entry.pk, "slides"]))
    body = b"".join(response.streaming_content)
    assert (
        body,
        "%E5%8F%91%E8%A1%A8%E6%9D%90%E6%96%99.pdf" in response["Content-Disposition"],
    ) == (
        PDF,
        True,
    )


def upload(client, entry, kind, name, content):
    return client.post(
        reverse("material_upload", args=[entry.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_upload_checks_the_content_not_the_name(client, coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    response = upload(client, entry, "slides", "slides.pdf", b"MZ\x90\x00 not a pdf at all")
    assert "请上传PDF、Office或WPS文档" in response.content.decode()
    assert not AchievementFile.objects.exists()


def test_upload_stores_under_a_random_name_and_keeps_the_original(
    client, coordinator_a, campaign, unit_a
):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    upload(client, entry, "record_book", "../../记录本.pdf", PDF)
    stored = AchievementFile.objects.get()
    assert stored.original_name == "记录本.pdf"
    assert re.fullmatch(r"achievements/\d+/[0-9a-f]{32}\.pdf", stored.file.name)


def test_upload_larger_than_the_limit_is_refused(client, settings, coordinator_a, campaign, unit_a):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "report": 1}
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    response = upload(client, entry, "report", "big.pdf", PDF + b"0" * (1024 * 1024))
    assert "文件超过 1 MB" in response.content.decode()


def test_images_are_reencoded_without_metadata(client, coordinator_a, campaign, unit_a):
    image = Image.new("RGB", (20, 10), "red")
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    upload(client, entry, "record_book", "scan.jpg", raw.getvalue())
    stored = AchievementFile.objects.get()
    with stored.file.open("rb") as handle:
        data = handle.read()
    assert (b"secret description" in raw.getvalue(), b"secret description" in data) == (True, False)


def test_docx_is_recognised_by_its_parts(client, coordinator_a, campaign, unit_a):
    import zipfile

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    upload(client, entry, "report", "report.bin", raw.getvalue())
    assert AchievementFile.objects.get().file.name.endswith(".docx")


def test_submitting_through_the_page_assigns_the_serial(client, coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    client.force_login(coordinator_a)
    response = client.post(reverse("entry_submit", args=["achievement", entry.pk]), follow=True)
    assert f"{campaign.year}-QC-001" in response.content.decode()


def test_stale_form_is_refused_and_keeps_what_was_typed(client, coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, member_count=0)
    client.force_login(coordinator_a)
    data = achievement_post(
        version=str(entry.version),
        topic="我的新课题",
        **{"members-TOTAL_FORMS": "0", "member_count": "0"},
    )
    other = QcAchievement.objects.get(pk=entry.pk)
    other.contact = "他人改的联系人"
    services.save_entry(entry=other, user=coordinator_a)
    response = client.post(reverse("entry_edit", args=["achievement", entry.pk]), data)
    html = response.content.decode()
    assert 'id="stale-edit"' in html and 'value="我的新课题"' in html
    entry.refresh_from_db()
    assert entry.topic == "降低基站退服率"


def test_statistics_form_is_one_per_unit(client, coordinator_a, campaign, unit_a):
    stats = ActivityStatisticsFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    response = client.get(reverse("entry_create", args=["statistics"]))
    assert response["Location"] == reverse("entry_detail", args=["statistics", stats.pk])


#: Every field of each paper form (附件2–7, ../shared/spec/forms.md) in the paper's own words, so
#: that a coordinator can transcribe a paper draft box by box.
PAPER_LABELS = {
    "achievement": [
        "QC小组名称",
        "人数",
        "课题名称",
        "课题类型",
        "企业名称（以公章为准）",
        "邮编",
        "通讯地址",
        "联系人",
        "企业内主管部门",
        "电话",
        "小组活动指导者",
        "传真",
        "QC小组简介",
        "主要活动过程与效果",
        "所在部门",
        "成立日期",
        "登记注册号",
    ],
    "enterprise": [
        "企业名称",
        "电话",
        "通讯地址",
        "邮编",
        "经验事迹简介（700字以内）",
        "推荐单位、部门意见",
    ],
    "promoter": [
        "姓名",
        "性别",
        "职务",
        "所在单位",
        "电话",
        "通讯地址",
        "邮编",
        "本人主要事迹和绩效（700字以内）",
        "所在单位意见",
        "推荐单位意见",
    ],
    "team": [
        "班组名称",
        "人数",
        "企业名称（公章为准）",
        "通讯地址",
        "邮政编码",
        "企业内主管部门",
        "直接联系人",
        "联系电话",
        "班组工作完成率%",
        "质量考核合格率%",
        "产品/服务不合格率%",
        "年质量、安全事故数",
        "年顾客投诉数",
        "产品/服务一次合格率",
        "成员参与改进活动率%",
        "质量成本（万元/年）",
    ],
    "statistics": [
        "QC小组/质量信得过班组工作归口部门",
        "负责人",
        "联系电话",
        "通信地址",
        "邮政编码",
        "电子邮箱",
        "发表评审",
        "现场评审",
        "与QC小组合开",
        "单位举办",
    ],
}
#: The paper's column heads of the member lists (附件5, 附件6).
PAPER_MEMBER_HEADS = {
    "achievement": ["成员姓名", "年龄", "职务（或职称）", "成员分工情况"],
    "team": ["成员姓名", "年龄", "性别", "职称", "职责分工"],
}


def field_labels(html):
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    return {re.sub(r"<[^>]+>|\*", "", label).strip() for label in labels}


@pytest.mark.parametrize("kind", sorted(PAPER_LABELS))
def test_every_form_labels_its_fields_in_the_papers_words(client, coordinator_a, campaign, kind):
    client.force_login(coordinator_a)
    html = client.get(reverse("entry_create", args=[kind])).content.decode()
    assert set(PAPER_LABELS[kind]) <= field_labels(html)
    heads = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", html, re.S)
    assert PAPER_MEMBER_HEADS.get(kind, []) == [
        h for h in heads if h in PAPER_MEMBER_HEADS.get(kind, [])
    ]


def test_the_statistics_form_states_the_papers_rates(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    html = client.get(reverse("entry_create", args=["statistics"])).content.decode()
    assert "本年度QC小组普及率=参加QC小组人数/职工总数×100%" in html
    assert "本年度QC小组成果率=取得成果小组数/QC小组注册数×100%" in html


def test_a_job_title_and_a_sort_order_are_told_apart(client, coordinator_a, staff_user, campaign):
    """English has one word for both; the catalogue keeps them apart by context."""
    client.force_login(coordinator_a)
    promoter = client.get(reverse("entry_create", args=["promoter"])).content.decode()
    assert "职务" in field_labels(promoter) and "排序" not in field_labels(promoter)
    with override("zh-hans"):
        assert str(MemberUnit._meta.get_field("position").verbose_name) == "排序"
        assert str(ExcellentPromoter._meta.get_field("position").verbose_name) == "职务"


def make_dossier(campaign, unit, n):
    for _ in range(n):
        complete(QcAchievementFactory(campaign=campaign, member_unit=unit), members=2)
        ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit)
        ExcellentPromoterFactory(campaign=campaign, member_unit=unit)
        TrustedTeamFactory(campaign=campaign, member_unit=unit)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_unit_dashboard_query_count_is_constant(client, coordinator_a, campaign, unit_a):
    client.force_login(coordinator_a)
    make_dossier(campaign, unit_a, 1)
    few = count_queries(client, reverse("dashboard"))
    make_dossier(campaign, unit_a, 6)
    assert count_queries(client, reverse("dashboard")) == few


def test_staff_list_query_count_is_constant(client, staff_user, campaign, unit_a, unit_b):
    client.force_login(staff_user)
    make_dossier(campaign, unit_a, 1)
    few = count_queries(client, reverse("entry_list"))
    make_dossier(campaign, unit_b, 8)
    assert count_queries(client, reverse("entry_list")) == few


def test_staff_list_filters_by_unit_form_status_and_search(
    client, staff_user, campaign, unit_a, unit_b
):
    QcAchievementFactory(campaign=campaign, member_unit=unit_a, group_name="光网QC小组")
    QcAchievementFactory(campaign=campaign, member_unit=unit_b, group_name="基站QC小组")
    ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(staff_user)
    html = client.get(
        reverse("entry_list"),
        {"unit": unit_a.pk, "form": "achievement", "status": "draft", "q": "光网"},
    ).content.decode()
    assert ("光网QC小组" in html, "基站QC小组" in html, "共 1 项申报" in html) == (
        True,
        False,
        True,
    )


def test_staff_list_paginates(client, staff_user, campaign, unit_a):
    for _ in range(55):
        ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(staff_user)
    html = client.get(reverse("entry_list"), {"page": 2}).content.decode()
    assert "2 / 2" in html and html.count('href="/submissions/enterprise/') == 5


def test_staff_return_an_entry_and_the_unit_sees_the_reason(
    client, staff_user, coordinator_a, campaign, unit_a
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    client.force_login(staff_user)
    client.post(reverse("entry_return", args=["achievement", entry.pk]), {"reason": "缺少公章"})
    client.force_login(coordinator_a)
    html = client.get(reverse("entry_detail", args=["achievement", entry.pk])).content.decode()
    assert "已退回修改" in html and "缺少公章" in html


def test_staff_see_the_history_coordinators_do_not(
    client, staff_user, coordinator_a, campaign, unit_a
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    url = reverse("entry_detail", args=["achievement", entry.pk])
    client.force_login(staff_user)
    staff_html = client.get(url).content.decode()
    client.force_login(coordinator_a)
    unit_html = client.get(url).content.decode()
    assert ('data-testid="history"' in staff_html, 'data-testid="history"' in unit_html) == (
        True,
        False,
    )


def test_unit_summary_lists_submitted_entries_and_team_member_total(
    client, coordinator_a, campaign, unit_a
):
    from submissions.models import TrustedTeamMember

    team = TrustedTeamFactory(campaign=campaign, member_unit=unit_a, member_count=2)
    for name in ("甲", "乙"):
        TrustedTeamMember.objects.create(
            team=team, name=name, age=30, sex="male", title="技师", duty="装维"
        )
    services.submit(entry=team, user=coordinator_a)
    ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a, name="草稿企业")
    client.force_login(coordinator_a)
    html = client.get(reverse("unit_summary")).content.decode()
    total = re.search(r'data-testid="team-member-total">(\d+)<', html).group(1)
    assert (total, "甲、乙" in html, "草稿企业" in html) == ("2", True, False)


def test_home_page_quota_counts_submitted_achievements(client, coordinator_a, quota_a):
    entry = complete(
        QcAchievementFactory(campaign=quota_a.campaign, member_unit=quota_a.member_unit)
    )
    services.submit(entry=entry, user=coordinator_a)
    html = client.get(reverse("home")).content.decode()
    row = re.search(r"山西联通 .*?</tr>", html, re.S).group(0)
    assert re.findall(r'<td class="num">(.*?)</td>', row) == ["10", "1", "9"]


def test_enterprise_over_700_characters_keeps_the_text(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    text = "字" * 701
    response = client.post(
        reverse("entry_create", args=["enterprise"]),
        {
            "name": "某企业",
            "phone": "0351-1234567",
            "address": "太原",
            "postcode": "030001",
            "experience": text,
            "recommendation_opinion": "同意",
            "contact": "李明",
        },
    )
    html = response.content.decode()
    assert "不超过700字（不计空格），当前701字" in html and text in html
    assert not ExcellentEnterprise.objects.exists()


@pytest.mark.parametrize(
    "model",
    [
        "qcachievement",
        "excellententerprise",
        "excellentpromoter",
        "trustedteam",
        "activitystatistics",
    ],
)
def test_admin_lists_and_opens_every_form(client, admin_user, campaign, unit_a, model):
    factories = {
        "qcachievement": QcAchievementFactory,
        "excellententerprise": ExcellentEnterpriseFactory,
        "excellentpromoter": ExcellentPromoterFactory,
        "trustedteam": TrustedTeamFactory,
        "activitystatistics": ActivityStatisticsFactory,
    }
    entry = factories[model](campaign=campaign, member_unit=unit_a)
    client.force_login(admin_user)
    pages = [
        reverse(f"admin:submissions_{model}_changelist"),
        reverse(f"admin:submissions_{model}_change", args=[entry.pk]),
        reverse(f"admin:submissions_{model}_history", args=[entry.pk]),
    ]
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]


def test_admin_action_receives_through_the_service(
    client, admin_user, coordinator_a, campaign, unit_a
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    client.force_login(admin_user)
    client.post(
        reverse("admin:submissions_qcachievement_changelist"),
        {"action": "mark_received", "_selected_action": [entry.pk]},
    )
    entry.refresh_from_db()
    assert entry.status == Status.RECEIVED


def test_dashboard_offers_submit_per_editable_entry_and_says_what_is_missing(
    client, coordinator_a, campaign, unit_a
):
    ready = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    unfinished = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    html = client.get(reverse("dashboard")).content.decode()
    assert (
        f'data-testid="submit-achievement-{ready.pk}"' in html,
        f'data-testid="submit-achievement-{unfinished.pk}"' in html,
        "缺 3 项" in html,
    ) == (True, True, True)


def test_submit_from_the_dashboard_rechecks_and_refuses_an_unfinished_entry(
    client, coordinator_a, campaign, unit_a
):
    unfinished = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("entry_submit", args=["achievement", unfinished.pk]), follow=True
    )
    unfinished.refresh_from_db()
    assert (unfinished.status, "请上传：原始记录本。" in response.content.decode()) == (
        Status.DRAFT,
        True,
    )


def test_a_zip_that_python_cannot_read_is_refused_not_a_500(
    client, coordinator_a, campaign, unit_a
):
    import zipfile

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(raw.getvalue())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 99  # "version needed to extract": 9.9, which zipfile refuses
    data[central + 10] = 99  # an unknown compression method
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    response = upload(client, entry, "report", "report.docx", bytes(data))
    assert response.status_code == 200 and not AchievementFile.objects.exists()


def test_an_edit_without_its_version_is_refused(client, coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, member_count=0)
    client.force_login(coordinator_a)
    data = achievement_post(topic="无版本", **{"members-TOTAL_FORMS": "0", "member_count": "0"})
    data.pop("version")
    response = client.post(reverse("entry_edit", args=["achievement", entry.pk]), data)
    entry.refresh_from_db()
    assert (response.status_code, entry.topic) == (200, "降低基站退服率")


def test_after_a_stale_refusal_saving_again_goes_through(client, coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, member_count=0)
    client.force_login(coordinator_a)
    url = reverse("entry_edit", args=["achievement", entry.pk])
    data = achievement_post(
        version=str(entry.version),
        topic="我的版本",
        **{"members-TOTAL_FORMS": "0", "member_count": "0"},
    )
    other = QcAchievement.objects.get(pk=entry.pk)
    other.contact = "他人改的联系人"
    services.save_entry(entry=other, user=coordinator_a)
    refused = client.post(url, data).content.decode()
    for name in ("version", "base_version"):
        data[name] = re.search(rf'name="{name}" value="(\d+)"', refused).group(1)
    assert client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert (entry.topic, entry.contact) == ("我的版本", "他人改的联系人")


def test_editing_after_submission_in_another_tab_keeps_the_typed_form(
    client, coordinator_a, campaign, unit_a
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a), members=0)
    client.force_login(coordinator_a)
    services.submit(entry=entry, user=coordinator_a)
    data = achievement_post(
        version=str(entry.version),
        topic="迟到的修改",
        **{"members-TOTAL_FORMS": "0", "member_count": "0"},
    )
    html = client.post(reverse("entry_edit", args=["achievement", entry.pk]), data).content.decode()
    assert "已提交的申报不能修改" in html and 'value="迟到的修改"' in html


def test_a_coordinator_without_unit_is_forbidden(client, campaign):
    from portal.models import User

    lost = User.objects.create_user("lost", password="x")
    client.force_login(lost)
    assert [
        client.get(reverse("unit_summary")).status_code,
        client.get(reverse("entry_create", args=["achievement"])).status_code,
    ] == [403, 403]


def test_admin_cannot_change_a_submitted_entry_or_its_members(
    client, admin_user, coordinator_a, campaign, unit_a
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    client.force_login(admin_user)
    url = reverse("admin:submissions_qcachievement_change", args=[entry.pk])
    assert client.post(url, {"topic": "改了"}).status_code == 403
