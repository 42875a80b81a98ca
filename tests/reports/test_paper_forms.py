"""附件2–7 at any length: every page carries the unit and 总编号, seals stay with the text they
close, the rows are the paper's, and the Word copy behaves like the PDF."""

import io
import re
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from pypdf import PdfReader

from reports.paper_forms import enterprise_sheet
from reports.render import render_html, render_pdf
from reports.sheets import LongText, wrap_pieces
from reports.word import header_line, new_word_document, sheets_to_docx
from submissions.models import QcGroupMember, TrustedTeamMember
from tests.factories import (
    ActivityStatisticsFactory,
    ExcellentEnterpriseFactory,
    ExcellentPromoterFactory,
    QcAchievementFactory,
    TrustedTeamFactory,
)

pytestmark = pytest.mark.django_db

RARE = "䶮𠮷𡈽"
UNIT = "中国联合网络通信有限公司山西省分公司"


def answer(chars, tag="甲", paragraph=120):
    """About ``chars`` characters of Chinese in paragraphs, with rare characters, ending in a
    recognisable last sentence 「{tag}文末」."""
    body = ("按PDCA循环推进质量改进" + RARE + "，成效显著。") * (chars // 20 + 1)
    body = body[: max(chars - 4, 0)]
    paragraphs = [body[i : i + paragraph] for i in range(0, len(body), paragraph)]
    return "\n".join(paragraphs) + f"{tag}文末。"


def compact(text):
    return re.sub(r"\s+", "", text)


def pdf_pages(content: bytes) -> list[str]:
    return [compact(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


def download(client, slug, fmt, **params):
    response = client.get(reverse("document", args=[slug, fmt]), params)
    assert response.status_code == 200, response.status_code
    return response.content


def word(content: bytes):
    return WordDocument(io.BytesIO(content))


def table_texts(document):
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


@pytest.fixture
def long_entries(campaign, unit_a):
    """One entry of each form with the longest answers the paper allows and 16 members."""
    achievement = QcAchievementFactory(
        campaign=campaign,
        member_unit=unit_a,
        serial_number="2031-QC-007",
        group_name=f"光网{RARE}QC小组",
        group_profile=answer(700, "简介"),
        activity_summary=answer(2500, "过程"),
        member_count=16,
    )
    for n in range(16):
        QcGroupMember.objects.create(
            achievement=achievement, name=f"成员{n:02d}", age=30, position="员工", role="组员"
        )
    team = TrustedTeamFactory(
        campaign=campaign,
        member_unit=unit_a,
        serial_number="2031-BZ-007",
        member_count=16,
        **{
            name: answer(700, name)
            for name in (
                "profile_composition",
                "profile_management",
                "profile_skills",
                "profile_improvement",
                "profile_features",
                "profile_honours",
            )
        },
    )
    for n in range(16):
        TrustedTeamMember.objects.create(
            team=team, name=f"队员{n:02d}", age=30, sex="male", title="技师", duty="装维"
        )
    return {
        "attachment-2": achievement,
        "attachment-3": ExcellentEnterpriseFactory(
            campaign=campaign,
            member_unit=unit_a,
            serial_number="2031-QY-007",
            experience=answer(700, "经验"),
            recommendation_opinion=answer(700, "推荐"),
        ),
        "attachment-4": ExcellentPromoterFactory(
            campaign=campaign,
            member_unit=unit_a,
            serial_number="2031-TJ-007",
            deeds=answer(700, "事迹"),
        ),
        "attachment-6": team,
        "attachment-7": ActivityStatisticsFactory(
            campaign=campaign,
            member_unit=unit_a,
            serial_number="2031-TJB-007",
            qc_summary=answer(3000, "QC总结"),
            team_summary=answer(2000, "班组总结"),
            review_by_presentation=True,
        ),
    }


@pytest.mark.parametrize(
    "slug", ["attachment-2", "attachment-3", "attachment-4", "attachment-6", "attachment-7"]
)
def test_every_page_of_a_long_form_names_the_unit_and_the_serial(
    client, coordinator_a, long_entries, slug
):
    entry = long_entries[slug]
    client.force_login(coordinator_a)
    pages = pdf_pages(download(client, slug, "pdf", pk=entry.pk))
    assert len(pages) >= 2
    assert [n for n, page in enumerate(pages, 1) if UNIT not in page] == []
    assert [n for n, page in enumerate(pages, 1) if entry.serial_number not in page] == []
    # Page 1 shows them once, above the table: the running header starts on page 2.
    assert pages[0].count(entry.serial_number) == 1


@pytest.mark.parametrize(
    ("slug", "label"), [("attachment-6", "推荐单位（章）"), ("attachment-7", "推荐市、行业")]
)
def test_blank_forms_repeat_the_header_on_every_page(client, campaign, slug, label):
    pages = pdf_pages(download(client, slug, "pdf", blank=1))
    assert len(pages) >= 2
    assert [n for n, page in enumerate(pages, 1) if label not in page or "总编号" not in page] == []


def test_several_sheets_in_one_pdf_each_head_their_own_pages(campaign, unit_a):
    sheets = [
        enterprise_sheet(
            ExcellentEnterpriseFactory(
                campaign=campaign,
                member_unit=unit_a,
                serial_number=serial,
                experience=answer(2500, serial),
            )
        )
        for serial in ("2031-QY-001", "2031-QY-002")
    ]
    pages = pdf_pages(render_pdf(render_html("reports/sheet.html", {"sheets": sheets})))
    first = [page for page in pages if "2031-QY-001" in page]
    second = [page for page in pages if "2031-QY-002" in page]
    assert len(first) >= 2 and len(second) >= 2
    assert len(first) + len(second) == len(pages)


@pytest.mark.parametrize("length", [500, 620, 700, 760])
def test_the_seal_shares_a_page_with_the_end_of_its_text(
    client, coordinator_a, campaign, unit_a, length
):
    entry = ExcellentEnterpriseFactory(
        campaign=campaign,
        member_unit=unit_a,
        serial_number="2031-QY-009",
        experience=answer(length, "经验"),
        recommendation_opinion=answer(length, "推荐"),
    )
    client.force_login(coordinator_a)
    pages = pdf_pages(download(client, "attachment-3", "pdf", pk=entry.pk))
    seal_pages = [page for page in pages if "（公章）" in page]
    assert len(seal_pages) == 1
    seal_page = seal_pages[0]
    assert "推荐文末" in seal_page
    # More than the last words: the lines before the seal are on its page too.
    before = seal_page.split("推荐文末")[0]
    assert len(before.split("一式一份")[-1]) > 40 or "推荐单位、部门意见" in seal_page


def test_a_short_opinion_box_is_never_split(client, coordinator_a, long_entries):
    entry = long_entries["attachment-4"]
    client.force_login(coordinator_a)
    pages = pdf_pages(download(client, "attachment-4", "pdf", pk=entry.pk))
    for label, text in (("所在单位意见", "同意。"), ("推荐单位意见", "同意推荐。")):
        [page] = [page for page in pages if label in page]
        box = page.split(label, 1)[1]
        assert box.startswith(text) and "（公章）" in box and "年月日" in box


def test_the_promoter_form_has_no_row_the_paper_does_not_have(client, coordinator_a, long_entries):
    entry = long_entries["attachment-4"]
    client.force_login(coordinator_a)
    text = "".join(pdf_pages(download(client, "attachment-4", "pdf", pk=entry.pk)))
    cells = "".join(
        map("".join, table_texts(word(download(client, "attachment-4", "docx", pk=entry.pk))))
    )
    assert "工作年限" not in text and "工作年限" not in cells


def test_trusted_team_rows_follow_the_paper(client, coordinator_a, long_entries):
    entry = long_entries["attachment-6"]
    client.force_login(coordinator_a)
    text = "".join(pdf_pages(download(client, "attachment-6", "pdf", pk=entry.pk)))
    order = [
        "班组名称",
        "企业名称（公章为准）",
        "通讯地址",
        "企业内主管部门",
        "班组工作完成率%",
        "年质量、安全事故数",
        "年顾客投诉数",
        "产品/服务一次合格率",
        "成员参与改进活动率%",
        "质量成本（万元/年）",
        "班组长姓名",
        "成员姓名",
        "质量信得过班组简介及活动结果（另附纸）：",
        "1．班组成员组成",
        "6．近三年取得荣誉情况",
    ]
    positions = [text.find(label) for label in order]
    assert -1 not in positions and positions == sorted(positions)
    assert "近二年" not in text and "改进小组" not in text

    rows = table_texts(word(download(client, "attachment-6", "docx", pk=entry.pk)))
    labels = [[text for text in row if text] for row in rows]
    fifth = next(row for row in labels if "班组工作完成率%" in row)
    sixth = next(row for row in labels if "产品/服务一次合格率" in row)
    assert fifth[-2:] == ["年顾客投诉数", "1"]
    assert sixth[-2:] == ["质量成本（万元/年）", "3.5"]
    assert labels.index(fifth) + 1 == labels.index(sixth)
    heading = labels.index(["质量信得过班组简介及活动结果（另附纸）："])
    assert labels[heading + 1][0].startswith("1．班组成员组成")
    assert not any("近二年" in cell for row in labels for cell in row)


def test_statistics_summaries_follow_the_table_and_its_note_on_pages_of_their_own(
    client, coordinator_a, long_entries
):
    entry = long_entries["attachment-7"]
    client.force_login(coordinator_a)
    pages = pdf_pages(download(client, "attachment-7", "pdf", pk=entry.pk))
    note = next(n for n, page in enumerate(pages) if "务必扣除省直部门直属企业数" in page)
    qc = next(n for n, page in enumerate(pages) if "QC小组工作总结（3000字以内）：" in page)
    team = next(
        n for n, page in enumerate(pages) if "质量信得过班组建设工作总结（2000字以内）：" in page
    )
    assert note == 0 and qc > note and team > qc
    assert pages[qc].startswith(pages[qc].split("另附页")[0]) and "另附页" in pages[qc]
    assert "另附页" in pages[team] and "QC总结文末" in "".join(pages[qc:team])
    assert "班组总结文末" in "".join(pages[team:])


def test_a_checkbox_never_parts_from_its_label(client, coordinator_a, long_entries):
    entry = long_entries["attachment-7"]
    client.force_login(coordinator_a)
    reader = PdfReader(io.BytesIO(download(client, "attachment-7", "pdf", pk=entry.pk)))
    lines = [line.replace(" ", "") for line in reader.pages[0].extract_text().splitlines()]
    for label in ("■发表评审", "□现场评审", "□与QC小组合开", "□单位举办"):
        assert any(label in line for line in lines), label
    document = word(download(client, "attachment-7", "docx", pk=entry.pk))
    [cell] = {
        cell._tc: cell
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        if "单位举办" in cell.text
    }.values()
    assert all(
        any(piece in paragraph.text for paragraph in cell.paragraphs)
        for piece in ("■发表评审", "□现场评审", "□与 QC 小组合开", "□单位举办")
    )
    assert "☑" not in cell.text


def test_pieces_wrap_between_never_inside():
    pieces = ["□发表评审", "□现场评审", "□与 QC 小组合开", "□单位举办"]
    lines = wrap_pieces(pieces, 24)
    assert lines == ["□发表评审　□现场评审", "□与 QC 小组合开", "□单位举办"]


def test_every_paragraph_of_an_answer_is_its_own_indented_paragraph(
    client, coordinator_a, long_entries
):
    entry = long_entries["attachment-3"]
    client.force_login(coordinator_a)
    html = download(client, "attachment-3", "html", pk=entry.pk).decode()
    body = html.split('class="long-body"', 1)[1].split("</div>", 1)[0]
    assert body.count("<p>") == len(LongText("", entry.experience).paragraphs) > 3
    assert "<br>" not in body


def test_registration_form_uses_the_papers_full_width_brackets(client, campaign):
    text = "".join(pdf_pages(download(client, "attachment-5", "pdf", blank=1)))
    assert "单位（章）" in text and "单位(章)" not in text


def test_rare_characters_reach_the_pdf(client, coordinator_a, long_entries):
    entry = long_entries["attachment-2"]
    client.force_login(coordinator_a)
    text = "".join(pdf_pages(download(client, "attachment-2", "pdf", pk=entry.pk)))
    assert all(char in text for char in RARE) and "过程文末" in text


# --- Word ---------------------------------------------------------------------------------


def test_word_sheet_has_a_running_header_after_its_first_page(client, coordinator_a, long_entries):
    entry = long_entries["attachment-3"]
    client.force_login(coordinator_a)
    document = word(download(client, "attachment-3", "docx", pk=entry.pk))
    [section] = document.sections
    assert section.different_first_page_header_footer
    assert UNIT in section.header.paragraphs[0].text
    assert entry.serial_number in section.header.paragraphs[0].text
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    for footer in (section.footer, section.first_page_footer):
        assert "PAGE" in footer._element.xml


def test_word_sheets_each_have_their_own_section_and_header(campaign, unit_a):
    entries = [
        ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a, serial_number=serial)
        for serial in ("2031-QY-001", "2031-QY-002")
    ]
    document = word(sheets_to_docx([enterprise_sheet(entry) for entry in entries]))
    assert len(document.sections) == 2
    second = document.sections[1]
    assert not second.header.is_linked_to_previous
    assert second.different_first_page_header_footer
    assert "2031-QY-002" in second.header.paragraphs[0].text
    assert "2031-QY-001" in document.sections[0].header.paragraphs[0].text


def test_word_core_properties_name_the_association(client, campaign):
    document = word(download(client, "attachment-2", "docx", blank=1))
    properties = document.core_properties
    assert (properties.author, properties.last_modified_by) == ("山西省通信行业协会",) * 2
    assert properties.title == "山西省通信行业优秀质量管理小组成果报告单"
    now = datetime.now(UTC)
    for moment in (properties.created, properties.modified):
        assert abs((now - moment.replace(tzinfo=UTC)).total_seconds()) < 300


def test_word_seal_keeps_with_the_text_and_clears_the_border(client, coordinator_a, long_entries):
    entry = long_entries["attachment-3"]
    client.force_login(coordinator_a)
    document = word(download(client, "attachment-3", "docx", pk=entry.pk))
    opinion = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("推荐单位"))
    seal, last_text = opinion.rows[-1], opinion.rows[-2]
    assert "（公章）" in seal.cells[0].text
    assert seal._tr.trPr.find(qn("w:cantSplit")) is not None
    assert all(p.paragraph_format.keep_with_next for p in last_text.cells[0].paragraphs)
    assert all(p.paragraph_format.right_indent for p in seal.cells[0].paragraphs)
    label = opinion.rows[0].cells[0].paragraphs[0]
    assert label.paragraph_format.keep_with_next


def test_word_short_opinion_box_is_kept_whole(client, coordinator_a, long_entries):
    entry = long_entries["attachment-4"]
    client.force_login(coordinator_a)
    document = word(download(client, "attachment-4", "docx", pk=entry.pk))
    box = next(t for t in document.tables if t.rows[0].cells[0].text == "所在单位意见")
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in box.rows)
    assert all(
        p.paragraph_format.keep_with_next for row in box.rows[:-1] for p in row.cells[0].paragraphs
    )


def test_statistics_word_copy_puts_the_summaries_after_the_note(
    client, coordinator_a, long_entries
):
    entry = long_entries["attachment-7"]
    client.force_login(coordinator_a)
    document = word(download(client, "attachment-7", "docx", pk=entry.pk))
    body = document.element.body
    texts = ["".join(t.text for t in node.iter(qn("w:t"))) for node in body.iterchildren()]
    note = next(n for n, text in enumerate(texts) if "务必扣除" in text)
    summary = next(n for n, text in enumerate(texts) if "QC 小组工作总结（3000 字以内）：" in text)
    assert note < summary and texts[summary - 1] == "另附页"
    heading = document.paragraphs[[p.text for p in document.paragraphs].index("另附页")]
    assert heading.paragraph_format.page_break_before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_header_and_the_seal_like_the_pdf(
    client, coordinator_a, long_entries, tmp_path
):
    entry = long_entries["attachment-3"]
    client.force_login(coordinator_a)
    source = tmp_path / "a3.docx"
    source.write_bytes(download(client, "attachment-3", "docx", pk=entry.pk))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = pdf_pages((tmp_path / "a3.pdf").read_bytes())
    assert len(pages) >= 2
    assert [n for n, page in enumerate(pages, 1) if entry.serial_number not in page] == []
    assert pages[0].count(entry.serial_number) == 1
    [seal_page] = [page for page in pages if "（公章）" in page]
    assert "推荐文末" in seal_page


def test_a_long_unit_name_puts_the_serial_number_on_a_line_of_its_own_in_word():
    """A tab stop would let Word wrap 「总编号：2027-QC-001」 wherever the unit's name ends."""
    document = new_word_document()
    short = header_line(document, document, "单位、部门（章）：山西联通", "总编号：2027-QC-001")
    assert short.text == "单位、部门（章）：山西联通\t总编号：2027-QC-001"
    right = header_line(
        document, document, "单位、部门（章）：" + "山西" * 40, "总编号：2027-QC-001"
    )
    assert right.text == "总编号：2027-QC-001" and right.alignment == WD_ALIGN_PARAGRAPH.RIGHT
