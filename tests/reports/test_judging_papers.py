"""The judging papers and the presentation-day documents stay faithful and legible at any length:
read from the real PDF, Word and workbook files, with 45 entries of long names and rare
characters (䶮 𠮷 𡈽)."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import load_workbook
from pypdf import PdfReader

from judging.defaults import install_default_rubrics
from judging.models import (
    Attendee,
    Criterion,
    PublishedNomination,
    PublishedStanding,
    RecommendationBody,
    ResultsVersion,
    Round,
    Rubric,
    Score,
    ScoreSheet,
    SheetStatus,
    UpwardRecommendation,
)
from reports.sheets import display_width
from submissions.models import TopicType
from tests.factories import JudgeFactory, MemberUnitFactory, QcAchievementFactory
from tests.judging_helpers import publish_competition

pytestmark = pytest.mark.django_db

RARE = "䶮𠮷𡈽"
TIERS = ["一等奖", "二等奖", "三等奖", "优秀奖"]


def pages_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def lines_of(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.splitlines()]


def on_one_line(text: str, lines: list[str]) -> bool:
    return any(text in line for line in lines)


def is_landscape(content: bytes) -> bool:
    box = PdfReader(io.BytesIO(content)).pages[0].mediabox
    return float(box.width) > float(box.height)


def download(client, slug, fmt, **params):
    response = client.get(reverse("document", args=[slug, fmt]), params)
    assert response.status_code == 200, response.status_code
    return response.content


@pytest.fixture
def many(campaign, unit_a):
    """45 achievements of both topic types, with long group names and topics in rare
    characters, numbered 2026-QC-001 on, and a unit with a long short name."""
    install_default_rubrics(campaign)
    long_unit = MemberUnitFactory(
        short_name="中国铁塔山西分公司", full_name="中国铁塔股份有限公司山西省分公司"
    )
    entries = []
    for n in range(45):
        entry = QcAchievementFactory(
            campaign=campaign,
            member_unit=long_unit if n % 3 == 0 else unit_a,
            group_name=f"{RARE}智慧运维与网络质量提升攻关QC小组第{n}组",
            topic=f"提高{RARE}偏远山区基站在雨雪冰冻天气下的供电保障能力与退服恢复及时率（{n}）",
            topic_type=TopicType.INNOVATIVE if n % 2 else TopicType.PROBLEM_SOLVING,
        )
        entry.serial_number = f"2026-QC-{n + 1:03d}"
        entry.serial_seq = n + 1
        entry.save()
        entries.append(entry)
    return entries


# The judge's score sheet.


@pytest.fixture
def judge_sheet(client, campaign, many):
    """A judge's submitted sheets of both rounds for every entry, and the sheet as a PDF."""
    judge = JudgeFactory(username="judge_long", name=f"欧阳{RARE}")
    scores = []
    for round_ in (Round.MATERIAL, Round.PRESENTATION):
        for n, entry in enumerate(many):
            sheet = ScoreSheet.objects.create(
                judge=judge, achievement=entry, round=round_, status=SheetStatus.SUBMITTED
            )
            criteria = Criterion.objects.filter(
                rubric__campaign=campaign, rubric__round=round_, rubric__topic_type=entry.topic_type
            )
            scores += [
                Score(sheet=sheet, criterion=c, points=c.max_points - Decimal(n % 3) / 2)
                for c in criteria
            ]
    Score.objects.bulk_create(scores)
    client.force_login(judge)
    content = download(client, "judge-score-sheet", "pdf")
    return judge, content


def test_score_sheet_keeps_every_serial_number_and_maximum_on_one_line(judge_sheet, campaign, many):
    judge, content = judge_sheet
    lines = lines_of(pages_of(content))
    maxima = {
        f"（{c.max_points.normalize():f}）"
        for c in Criterion.objects.filter(rubric__campaign=campaign)
    }
    assert is_landscape(content)
    assert [e.serial_number for e in many if not on_one_line(e.serial_number, lines)] == []
    assert sorted(m for m in maxima if not on_one_line(m, lines)) == []


def test_score_sheet_names_the_judge_on_every_page(judge_sheet):
    judge, content = judge_sheet
    pages = pages_of(content)
    assert len(pages) > 3
    assert [n for n, page in enumerate(pages, 1) if f"评委：{judge}" not in page] == []


def test_score_sheet_never_leaves_a_rubric_title_alone_at_a_page_foot(judge_sheet, campaign):
    """A rubric's title is on a page only with rows of its table after it."""
    judge, content = judge_sheet
    titles = [str(rubric) for rubric in Rubric.objects.filter(campaign=campaign)]
    serial = re.compile(r"2026-QC-\d{3}")
    for page in pages_of(content):
        for title in titles:
            if title in page:
                assert serial.search(page[page.index(title) :]), (title, page[-200:])


# The results table.


@pytest.fixture
def many_published(campaign, many, staff_user):
    """A published version of the 45 entries, ranked per topic type with ties (two entries on
    each score), as stored: the document prints what was published."""
    version = ResultsVersion.objects.create(
        campaign=campaign,
        number=1,
        published_by=staff_user,
        settings_used={"ranking_scope": "per_type"},
        digest="ab" * 32,
    )
    rows = []
    for topic_type in (TopicType.INNOVATIVE, TopicType.PROBLEM_SOLVING):
        of_type = [e for e in many if e.topic_type == topic_type]
        for position, entry in enumerate(of_type):
            final = Decimal("95.50") - position // 2
            rows.append(
                PublishedStanding(
                    version=version,
                    position=len(rows) + 1,
                    achievement=entry,
                    member_unit=entry.member_unit,
                    serial_number=entry.serial_number,
                    unit_name=entry.member_unit.short_name,
                    unit_full_name=entry.member_unit.full_name,
                    group_name=entry.group_name,
                    topic=entry.topic,
                    topic_type=topic_type,
                    topic_type_label=str(TopicType(topic_type).label),
                    material=final - 1,
                    presentation=final + 1,
                    final=final,
                    rank=position // 2 * 2 + 1,
                    tier=["first", "second", "third", "excellence"][min(position // 6, 3)],
                )
            )
    PublishedStanding.objects.bulk_create(rows)
    return version


def test_results_pdf_is_landscape_in_sections_with_ties_and_whole_figures(
    client, staff_user, many_published
):
    client.force_login(staff_user)
    content = download(client, "results", "pdf")
    pages = pages_of(content)
    text = "\n".join(pages)
    lines = lines_of(pages)
    scores = {
        str(value)
        for row in many_published.standings.all()
        for value in (row.material, row.presentation, row.final)
    }
    assert is_landscape(content)
    assert text.index("一、问题解决型") < text.index("二、创新型")
    assert "1（并列）" in text and "3（并列）" in text
    assert sorted(s for s in scores if not on_one_line(s, lines)) == []
    assert [
        t for t in [*TIERS, "问题解决型", "创新型", "3（并列）"] if not on_one_line(t, lines)
    ] == []
    assert all("ab" * 32 in page and "第1版" in page for page in pages)


def test_results_rank_restarts_per_section_and_only_shared_ranks_are_ties(
    client, staff_user, many_published
):
    client.force_login(staff_user)
    html = download(client, "results", "html").decode()
    sections = html.split('class="section"')[1:]
    firsts = [re.search(r"<tbody><tr><td>([^<]*)</td>", section).group(1) for section in sections]
    assert firsts == ["1（并列）", "1（并列）"]
    # 23 entries of 问题解决型: the last one ranks alone.
    assert "<td>23</td>" in sections[0] and "23（并列）" not in sections[0]


def test_results_workbook_has_the_sections_the_tie_mark_and_typed_scores(
    client, staff_user, many_published
):
    client.force_login(staff_user)
    sheet = load_workbook(io.BytesIO(download(client, "results", "xlsx")))["评审结果"]
    first_column = [row[0].value for row in sheet.iter_rows(min_row=2)]
    data_rows = [row for row in sheet.iter_rows(min_row=2) if isinstance(row[5].value, float | int)]
    assert first_column[0] == "一、问题解决型" and "二、创新型" in first_column
    assert first_column[1] == "1（并列）" and 23 in first_column
    assert len(data_rows) == 45
    assert {cell.number_format for row in data_rows for cell in row[5:8]} == {"0.00"}
    assert any("ab" * 32 in str(cell) for cell in first_column)


def test_a_real_tie_is_printed_as_a_tie_in_every_copy(client, staff_user, competition):
    """Scored, signed and published as on the day: two 创新型 entries with the same scores."""
    campaign, judges, entries = competition
    for entry in entries[1::2]:
        entry.topic_type = TopicType.INNOVATIVE
        entry.save()
    publish_competition(campaign, judges, entries, staff_user, [20, 18, 10, 18], [14, 12, 9, 12])
    client.force_login(staff_user)
    text = "\n".join(pages_of(download(client, "results", "pdf")))
    sheet = load_workbook(io.BytesIO(download(client, "results", "xlsx")))["评审结果"]
    ranks = [row[0].value for row in sheet.iter_rows(min_row=2, max_row=6)]
    assert "一、问题解决型" in text and "二、创新型" in text
    assert ranks == ["一、问题解决型", 1, 2, "二、创新型", "1（并列）"]
    assert "1（并列）" in text


# The upward recommendation lists.


@pytest.fixture
def upward_docx(client, staff_user, many, many_published):
    for entry in many:
        for body in RecommendationBody.values:
            UpwardRecommendation.objects.create(achievement=entry, body=body)
    client.force_login(staff_user)
    content = download(client, "upward-recommendations", "docx")
    return WordDocument(io.BytesIO(content))


def text_width_pt(text: str, size: float = 10.5) -> float:
    """The width of a one-line text at ``size`` points: a Chinese character a full em, Latin
    letters and figures half of one (宋体 and Times New Roman, as render.py sets them)."""
    return display_width(text) * size / 2


def test_upward_list_columns_hold_their_figures_and_words_on_one_line(upward_docx):
    """Word's cell margins are 0.19 cm a side; what is left holds the column's longest number,
    score, topic type, tier and header."""
    margins = Pt(2 * 5.4)
    for table in upward_docx.tables:
        header, *rows = table.rows
        assert len(rows) == 45
        for column in (0, 4, 5, 6):
            width = table.columns[column].width - margins
            texts = [header.cells[column].text, *(row.cells[column].text for row in rows)]
            longest = max(texts, key=display_width)
            assert Pt(text_width_pt(longest)) <= width, (longest, width)


def test_upward_lists_end_with_the_issuer_the_date_and_the_seal(upward_docx):
    section = upward_docx.sections[0]
    paragraphs = [p for p in upward_docx.paragraphs if p.text.strip()]
    closing = [p.text for p in paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT]
    assert section.page_width > section.page_height
    assert closing == ["山西省通信行业协会", "（盖章）", "年　　月　　日"] * 2
    assert paragraphs[-1].text == "年　　月　　日"


def test_the_closing_lines_go_with_the_lists_last_row(upward_docx):
    """Never a page with only （盖章） and the date: the last row and every closing line but the
    last keep with what follows."""
    for table in upward_docx.tables:
        last = table.rows[-1]
        assert all(p.paragraph_format.keep_with_next for c in last.cells for p in c.paragraphs)
    closing = [p for p in upward_docx.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.RIGHT]
    for issuer, seal, date in zip(closing[::3], closing[1::3], closing[2::3], strict=True):
        assert issuer.paragraph_format.keep_with_next and seal.paragraph_format.keep_with_next
        assert not date.paragraph_format.keep_with_next


# Certificates, the sign-in sheet and the running order.


def test_the_enterprise_certificate_names_the_enterprise_once(client, staff_user, campaign, unit_a):
    version = ResultsVersion.objects.create(
        campaign=campaign, number=1, published_by=staff_user, settings_used={}, digest="0" * 64
    )
    for position, (kind, name) in enumerate(
        [("excellententerprise", unit_a.full_name), ("excellentpromoter", "赵推进")], start=1
    ):
        PublishedNomination.objects.create(
            version=version,
            position=position,
            kind=kind,
            object_id=position,
            member_unit=unit_a,
            name=name,
            unit_name=unit_a.short_name,
            unit_full_name=unit_a.full_name,
        )
    client.force_login(staff_user)
    enterprise, promoter = [
        "".join(p.split()) for p in pages_of(download(client, "certificates", "pdf"))
    ]
    assert enterprise.count(unit_a.full_name) == 1 and "优秀企业" in enterprise
    assert f"{unit_a.full_name}赵推进" in promoter


def test_the_sign_in_sheet_leaves_room_to_sign(client, staff_user, campaign, unit_a):
    for n in range(45):
        Attendee.objects.create(
            campaign=campaign,
            member_unit=unit_a,
            name=f"欧阳{RARE}{n}",
            position="网络运维中心副主任",
            phone="13812345678",
            role="presenter",
        )
    client.force_login(staff_user)
    html = download(client, "sign-in-sheet", "html").decode()
    widths = [int(w) for w in re.findall(r'<col style="width: (\d+)%">', html)]
    content = download(client, "sign-in-sheet", "pdf")
    lines = lines_of(pages_of(content))
    assert len(widths) == 6 and sum(widths) == 100 and widths[-1] >= 25
    assert all(on_one_line(f"欧阳{RARE}{n}", lines) for n in range(45))
