"""Every document of the registry: labels and values in the PDF, the Word tables, the workbook."""

import io
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.registry import REGISTRY
from submissions import services
from submissions.models import QcGroupMember, TrustedTeamMember
from tests.factories import (
    ActivityStatisticsFactory,
    ExcellentEnterpriseFactory,
    ExcellentPromoterFactory,
    QcAchievementFactory,
    TrustedTeamFactory,
)
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db

LABELS = {
    "attachment-2": [
        "附件2",
        "山西省通信行业优秀质量管理小组成果报告单",
        "单位、部门（章）",
        "总编号",
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
        "一式二份",
    ],
    "attachment-3": [
        "附件3",
        "山西省通信行业质量管理小组活动优秀企业报告单",
        "企业名称",
        "电话",
        "通讯地址",
        "邮编",
        "经验事迹简介（700字以内）",
        "推荐单位、部门意见",
        "（公章）",
        "一式一份",
    ],
    "attachment-4": [
        "附件4",
        "山西省通信行业质量管理小组活动优秀推进者报告单",
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
        "文字通顺清楚",
    ],
    "attachment-5": [
        "附件5",
        "山西省通信行业优秀 QC 小组注册登记表",
        "单位（章）",
        "课题类型",
        "小组名称",
        "所在部门",
        "成立日期",
        "登记注册号",
        "组长姓名",
        "性别",
        "职务",
        "成员姓名",
        "年龄",
        "职务（或职称）",
        "成员分工情况",
        "此表必须打印",
    ],
    "attachment-6": [
        "附件6",
        "山西省通信行业质量信得过班组报告单",
        "推荐单位（章）",
        "总编号",
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
        "年培训人数/时数",
        "成员参与改进活动率%",
        "质量成本（万元/年）",
        "班组长姓名",
        "成员姓名",
        "职称",
        "职责分工",
        "班组基础管理情况",
        "近三年取得荣誉情况",
    ],
    "attachment-7": [
        "附件7",
        "山西省通信行业质量管理小组/质量信得过班组活动统计表",
        "推荐市、行业",
        "总编号",
        "统 计 项 目",
        "单位",
        "数量",
        "成果发表会次数",
        "诊断师数",
        "班组评审及交流形式",
        "发表评审",
        "现场评审",
        "与 QC 小组合开",
        "单位举办",
        "QC 小组工作总结",
        "负责人",
        "电子邮箱",
        "务必扣除省直部门直属企业数",
    ],
}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def compact(text):
    return re.sub(r"\s+", "", text)


def embedded_fonts(content: bytes) -> set[str]:
    """The fonts a PDF embeds (what `pdffonts` lists with emb=yes)."""
    fonts = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    fonts.add(str(descendant.get_object()["/BaseFont"]))
    return fonts


@pytest.fixture
def dossier(campaign, unit_a, coordinator_a):
    achievement = complete(
        QcAchievementFactory(
            campaign=campaign,
            member_unit=unit_a,
            group_name="光网先锋QC小组",
            topic="缩短宽带修复时长",
        ),
        members=3,
    )
    services.submit(entry=achievement, user=coordinator_a)
    team = TrustedTeamFactory(
        campaign=campaign, member_unit=unit_a, team_name="装维一班", member_count=3
    )
    for name in ("甲乙", "丙丁", "戊己"):
        TrustedTeamMember.objects.create(
            team=team, name=name, age=30, sex="male", title="技师", duty="装维"
        )
    return {
        "attachment-2": (
            achievement,
            ["光网先锋QC小组", "缩短宽带修复时长", "问题解决型", "李明", "13812345678"],
        ),
        "attachment-5": (achievement, ["光网先锋QC小组", "网络运维中心", "2019年3月1日", "组员"]),
        "attachment-3": (
            ExcellentEnterpriseFactory(
                campaign=campaign, member_unit=unit_a, experience="成效显著的经验"
            ),
            ["成效显著的经验", "0351-1234567"],
        ),
        "attachment-4": (
            ExcellentPromoterFactory(campaign=campaign, member_unit=unit_a, name="赵推进"),
            ["赵推进", "质量部主任", "13912345678"],
        ),
        "attachment-6": (team, ["装维一班", "甲乙", "丙丁", "戊己", "12/48", "2020年省级先进班组"]),
        "attachment-7": (
            ActivityStatisticsFactory(campaign=campaign, member_unit=unit_a),
            ["20.00", "50.00", "企业发展部", "□发表评审"],
        ),
    }


def download(client, slug, fmt, **params):
    response = client.get(reverse("document", args=[slug, fmt]), params)
    assert response.status_code == 200, response.status_code
    return response


@pytest.mark.parametrize("slug", sorted(LABELS))
def test_filled_pdf_has_every_paper_label_and_the_values(client, coordinator_a, dossier, slug):
    entry, values = dossier[slug]
    client.force_login(coordinator_a)
    text = compact(pdf_text(download(client, slug, "pdf", pk=entry.pk).content))
    missing = [
        item
        for item in LABELS[slug] + values + [entry.member_unit.full_name]
        if compact(item) not in text
    ]
    assert missing == []


@pytest.mark.parametrize("slug", sorted(LABELS))
def test_blank_pdf_has_the_labels_and_an_embedded_cjk_font(client, campaign, slug):
    content = download(client, slug, "pdf", blank=1).content
    fonts = embedded_fonts(content)
    assert [
        label for label in LABELS[slug] if compact(label) not in compact(pdf_text(content))
    ] == []
    assert any("CJK" in font for font in fonts), fonts


def test_pages_are_numbered_the_official_way(client, campaign):
    text = pdf_text(download(client, "attachment-6", "pdf", blank=1).content)
    assert "— 1 —" in text and "— 2 —" in text


def test_a_long_member_list_repeats_its_header_on_every_page(
    client, coordinator_a, campaign, unit_a
):
    achievement = QcAchievementFactory(campaign=campaign, member_unit=unit_a, member_count=60)
    for n in range(60):
        QcGroupMember.objects.create(
            achievement=achievement, name=f"成员{n:02d}", age=30, position="员工", role="组员"
        )
    client.force_login(coordinator_a)
    reader = PdfReader(
        io.BytesIO(download(client, "attachment-5", "pdf", pk=achievement.pk).content)
    )
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    assert all("成员姓名" in page for page in pages)
    assert "成员59" in pages[-1]


def test_long_texts_flow_onto_further_pages(client, coordinator_a, campaign, unit_a):
    long = "。".join(f"第{n}段活动记录，按PDCA循环推进并检查效果" for n in range(400))
    achievement = QcAchievementFactory(campaign=campaign, member_unit=unit_a, activity_summary=long)
    client.force_login(coordinator_a)
    reader = PdfReader(
        io.BytesIO(download(client, "attachment-2", "pdf", pk=achievement.pk).content)
    )
    text = compact("".join(page.extract_text() for page in reader.pages))
    assert len(reader.pages) >= 3 and "第399段活动记录" in text


def test_word_copy_has_the_paper_table(client, coordinator_a, dossier):
    achievement, _values = dossier["attachment-2"]
    client.force_login(coordinator_a)
    document = WordDocument(
        io.BytesIO(download(client, "attachment-2", "docx", pk=achievement.pk).content)
    )
    grid = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in grid.rows][:3] == [
        ["QC小组名称", "光网先锋QC小组", "人数", "3"],
        ["课题名称", "缩短宽带修复时长", "课题类型", "问题解决型"],
        ["企业名称（以公章为准）", achievement.member_unit.full_name, "邮编", "030001"],
    ]
    assert document.tables[1].cell(0, 0).text.startswith("QC小组简介")


def test_word_member_table_repeats_its_header_row(client, coordinator_a, dossier):
    achievement, _values = dossier["attachment-5"]
    client.force_login(coordinator_a)
    document = WordDocument(
        io.BytesIO(download(client, "attachment-5", "docx", pk=achievement.pk).content)
    )
    members = document.tables[2]
    header_xml = members.rows[0]._tr.xml
    assert "tblHeader" in header_xml
    assert [cell.text for cell in members.rows[0].cells] == [
        "成员姓名",
        "年龄",
        "职务（或职称）",
        "成员分工情况",
    ]
    assert len(members.rows) == 4


def test_trusted_team_word_copy_prints_two_members_per_row(client, coordinator_a, dossier):
    team, _values = dossier["attachment-6"]
    client.force_login(coordinator_a)
    document = WordDocument(
        io.BytesIO(download(client, "attachment-6", "docx", pk=team.pk).content)
    )
    members = next(t for t in document.tables if t.rows[0].cells[0].text == "成员姓名")
    assert [cell.text for cell in members.rows[1].cells] == [
        "甲乙",
        "30",
        "男",
        "技师",
        "装维",
        "丙丁",
        "30",
        "男",
        "技师",
        "装维",
    ]


@pytest.mark.parametrize("slug", sorted(LABELS))
def test_blank_word_copy_opens_and_has_the_labels(client, campaign, slug):
    document = WordDocument(io.BytesIO(download(client, slug, "docx", blank=1).content))
    text = compact(
        "\n".join(p.text for p in document.paragraphs)
        + "\n".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
    )
    assert [label for label in LABELS[slug] if compact(label) not in text] == []


def test_summary_workbook_cells_and_types(client, coordinator_a, dossier):
    client.force_login(coordinator_a)
    workbook = load_workbook(io.BytesIO(download(client, "attachment-8", "xlsx").content))
    sheet = workbook.worksheets[0]
    # Below the paper's attachment, title, unit and section lines.
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)] == [
        ["序号", "企业名称", "小组名称", "小组人数"],
        [1, "中国联合网络通信有限公司山西省分公司", "光网先锋QC小组", 3],
    ]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A6", "A5:D6")


def test_spreadsheet_text_never_becomes_a_formula(client, coordinator_a, campaign, unit_a):
    evil = '=HYPERLINK("http://evil.example/","点我")'
    achievement = complete(
        QcAchievementFactory(campaign=campaign, member_unit=unit_a, group_name=evil)
    )
    services.submit(entry=achievement, user=coordinator_a)
    client.force_login(coordinator_a)
    workbook = load_workbook(io.BytesIO(download(client, "attachment-8", "xlsx").content))
    cell = workbook.worksheets[0]["C6"]
    assert (cell.value, cell.data_type) == (evil, "s")


def test_summary_pdf_numbers_sections_and_totals_team_members(
    client, coordinator_a, dossier, campaign
):
    team, _values = dossier["attachment-6"]
    services.submit(entry=team, user=coordinator_a)
    client.force_login(coordinator_a)
    text = compact(pdf_text(download(client, "attachment-8", "pdf").content))
    for item in [
        "推荐汇总表",
        "一、优秀质量管理小组活动成果",
        "四、全省通信行业质量信得过班组",
        "甲乙、丙丁、戊己",
        "班组人数总计3",
        "印发",
    ]:
        assert compact(item) in text, item


def test_province_summary_is_for_staff_only(client, staff_user, judge, dossier, unit_b):
    client.force_login(judge)
    assert client.get(reverse("document", args=["attachment-8", "pdf"])).status_code == 403
    client.force_login(staff_user)
    workbook = load_workbook(io.BytesIO(download(client, "attachment-8", "xlsx").content))
    assert workbook.worksheets[0]["C6"].value == "光网先锋QC小组"


def test_another_units_document_is_not_found(client, coordinator_b, dossier):
    achievement, _values = dossier["attachment-2"]
    client.force_login(coordinator_b)
    for fmt in ("pdf", "docx", "html"):
        response = client.get(
            reverse("document", args=["attachment-2", fmt]), {"pk": achievement.pk}
        )
        assert response.status_code == 404


def test_a_unit_summary_never_shows_other_units(client, coordinator_b, dossier, unit_b):
    client.force_login(coordinator_b)
    workbook = load_workbook(
        io.BytesIO(
            download(
                client, "attachment-8", "xlsx", unit=dossier["attachment-2"][0].member_unit_id
            ).content
        )
    )
    assert workbook.worksheets[0].max_row == 5  # the paper's lines and the header row


def test_filled_documents_need_a_login_blank_ones_do_not(client, dossier):
    achievement, _values = dossier["attachment-2"]
    filled = client.get(reverse("document", args=["attachment-2", "pdf"]), {"pk": achievement.pk})
    blank = client.get(reverse("document", args=["attachment-2", "pdf"]), {"blank": 1})
    assert (filled.status_code, "login" in filled["Location"], blank.status_code) == (
        302,
        True,
        200,
    )


def test_unknown_document_or_format_is_404(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    assert [
        client.get(reverse("document", args=["attachment-9", "pdf"])).status_code,
        client.get(reverse("document", args=["attachment-2", "xlsx"]), {"blank": 1}).status_code,
    ] == [404, 404]


def test_download_name_says_what_it_is(client, coordinator_a, dossier):
    achievement, _values = dossier["attachment-2"]
    client.force_login(coordinator_a)
    response = download(client, "attachment-2", "pdf", pk=achievement.pk)
    assert response["Content-Disposition"] == (
        "attachment; filename*=UTF-8''%E9%99%84%E4%BB%B62-"
        + f"{achievement.campaign.year}-QC-001.pdf"
    )


def test_print_view_is_the_same_document_without_navigation(client, coordinator_a, dossier):
    achievement, _values = dossier["attachment-2"]
    client.force_login(coordinator_a)
    html = download(client, "attachment-2", "html", pk=achievement.pk).content.decode()
    assert "@page" in html and "navbar" not in html and "光网先锋QC小组" in html


def test_render_document_command_lists_and_renders(tmp_path, dossier):
    out = io.StringIO()
    call_command("render_document", "--list", stdout=out)
    listed = [line.split()[0] for line in out.getvalue().splitlines()]
    achievement, _values = dossier["attachment-2"]
    target = tmp_path / "a2.docx"
    call_command(
        "render_document",
        "attachment-2",
        "--pk",
        str(achievement.pk),
        "--format",
        "docx",
        "-o",
        str(target),
        stdout=io.StringIO(),
    )
    assert (
        listed == list(REGISTRY)
        and WordDocument(str(target)).tables[0].cell(0, 1).text == "光网先锋QC小组"
    )


def test_render_document_command_refuses_nonsense(dossier):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("render_document", "attachment-2", "--format", "pdf", stdout=io.StringIO())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_word_copy_with_its_tables(
    client, coordinator_a, dossier, tmp_path
):
    achievement, _values = dossier["attachment-2"]
    client.force_login(coordinator_a)
    source = tmp_path / "a2.docx"
    source.write_bytes(download(client, "attachment-2", "docx", pk=achievement.pk).content)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = compact(pdf_text((tmp_path / "a2.pdf").read_bytes()))
    assert "QC小组名称" in text and "光网先锋QC小组" in text


def test_pdf_pages_render_to_png_for_reviewers(client, coordinator_a, dossier):
    client.force_login(coordinator_a)
    target = settings.BASE_DIR / "docs" / "screenshots"
    for slug in ("attachment-2", "attachment-6"):
        entry, _values = dossier[slug]
        pdf = target / f"{slug}.pdf"
        pdf.write_bytes(download(client, slug, "pdf", pk=entry.pk).content)
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(target / slug)],
            check=True,
        )
        pdf.unlink()
    assert (target / "attachment-2-1.png").stat().st_size > 10_000


def test_staff_workbook_has_every_form_with_typed_cells(client, staff_user, dossier):
    client.force_login(staff_user)
    workbook = load_workbook(io.BytesIO(download(client, "staff-workbook", "xlsx").content))
    assert workbook.sheetnames == [
        "附件2 QC小组成果",
        "附件3 优秀企业",
        "附件4 优秀推进者",
        "附件6 质量信得过班组",
        "附件7 活动统计表",
        "名额使用",
        "材料核对",
        "资格核对",
    ]
    achievements = workbook["附件2 QC小组成果"]
    header = [cell.value for cell in achievements[1]]
    row = dict(zip(header, [cell.value for cell in achievements[2]], strict=True))
    assert (
        row["QC小组名称"],
        row["人数"],
        row["课题类型"],
        row["成立日期"].year,
        row["成员名单"].count("、"),
    ) == (
        "光网先锋QC小组",
        3,
        "问题解决型",
        2019,
        2,
    )
    assert achievements.freeze_panes == "A2" and achievements.auto_filter.ref.startswith("A1:")
    assert isinstance(row["提交时间"], __import__("datetime").datetime)


def test_staff_workbook_lists_missing_materials_per_unit(client, staff_user, dossier, unit_b):
    from tests.factories import QcAchievementFactory as Factory

    Factory(
        campaign=dossier["attachment-2"][0].campaign, member_unit=unit_b, group_name="缺材料小组"
    )
    client.force_login(staff_user)
    workbook = load_workbook(io.BytesIO(download(client, "staff-workbook", "xlsx").content))
    rows = {row[0]: row for row in workbook["材料核对"].iter_rows(min_row=2, values_only=True)}
    assert "缺材料小组：请上传：原始记录本。" in rows["山西移动"][3]
    assert rows["山西联通"][1:] == (1, 1, "活动统计表（附件7）未提交")


def test_province_statistics_recompute_rates_from_summed_counts(
    client, staff_user, coordinator_a, coordinator_b, campaign, unit_a, unit_b
):
    first = ActivityStatisticsFactory(
        campaign=campaign,
        member_unit=unit_a,
        participants=100,
        employees=1000,
        groups_with_results=1,
        registered_groups=2,
    )
    second = ActivityStatisticsFactory(
        campaign=campaign,
        member_unit=unit_b,
        participants=900,
        employees=1000,
        groups_with_results=9,
        registered_groups=10,
    )
    services.submit(entry=first, user=coordinator_a)
    services.submit(entry=second, user=coordinator_b)
    client.force_login(staff_user)
    sheet = load_workbook(
        io.BytesIO(download(client, "statistics-province", "xlsx").content)
    ).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    total = rows[-1]
    # Averaging the two rates would give 50 % and 70 %; the summed counts give 50 % and 83.33 %.
    assert (total[0], total[-2], total[-1], rows[1][-2], rows[2][-1]) == ("合计", 50, 83.33, 10, 90)


def test_staff_workbooks_are_for_staff_only(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    assert [
        client.get(reverse("document", args=[slug, "xlsx"])).status_code
        for slug in ("staff-workbook", "statistics-province")
    ] == [403, 403]
