"""附件8 on paper, Word and Excel with long data; the staff workbook's 资格核对; print setup."""

import io
import itertools
from decimal import Decimal

import pytest
from docx import Document as WordDocument
from docx.shared import Mm, Pt
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.documents.summary import Names
from reports.registry import REGISTRY
from reports.sheets import display_width
from submissions.models import Status, TrustedTeamMember
from tests.factories import (
    ExcellentEnterpriseFactory,
    ExcellentPromoterFactory,
    MemberUnitFactory,
    QcAchievementFactory,
    TrustedTeamFactory,
)
from tests.reports.test_reports import compact, download

pytestmark = pytest.mark.django_db

#: Rare characters (CJK Extension A and B) and long names, as real member lists have them.
RARE_NAMES = ["刘䶮", "𠮷田", "𡈽垚", "欧阳娜娜", "阿不都热合曼·买买提"]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"
GIVEN = "伟芳秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂"


def unique_names():
    """Three-character names, all different, none a part of another (nor of a rare name)."""
    for surname, first, second in itertools.product(SURNAMES, GIVEN, GIVEN):
        yield surname + first + second


@pytest.fixture
def province(campaign):
    """Six units, each with many achievements, promoters and 16-member trusted teams."""
    names = unique_names()
    units = [
        MemberUnitFactory(
            short_name=f"会员{n}", full_name=f"中国通信服务股份有限公司山西省第{n}分公司"
        )
        for n in range(6)
    ]
    teams, people = [], set()
    for position, unit in enumerate(units):
        submitted = {"campaign": campaign, "member_unit": unit, "status": Status.SUBMITTED}
        for n in range(9):
            QcAchievementFactory(
                **submitted,
                serial_seq=n,
                group_name=f"网络优化与客户感知提升联合攻关QC小组{position}-{n}",
                member_count=10,
            )
        ExcellentEnterpriseFactory(**submitted)
        promoter = ExcellentPromoterFactory(**submitted, name=next(names), contact=next(names))
        people |= {promoter.name, promoter.contact}
        for n in range(4):
            team = TrustedTeamFactory(
                **submitted,
                serial_seq=n,
                team_name=f"装维服务质量信得过班组{position}-{n}",
                leader_name=next(names),
                member_count=16,
            )
            team.names = RARE_NAMES + [next(names) for _ in range(16 - len(RARE_NAMES))]
            TrustedTeamMember.objects.bulk_create(
                TrustedTeamMember(
                    team=team, name=name, age=30, sex="male", title="技师", duty="装维", order=i
                )
                for i, name in enumerate(team.names)
            )
            teams.append(team)
            people |= {team.leader_name, *team.names}
    return {"campaign": campaign, "units": units, "teams": teams, "people": people}


def page_lines(content: bytes) -> list[list[str]]:
    """Each PDF page's text, line by line as printed."""
    return [page.extract_text().splitlines() for page in PdfReader(io.BytesIO(content)).pages]


def test_summary_pdf_never_splits_a_name_nor_ends_a_page_with_a_heading(
    client, staff_user, province
):
    client.force_login(staff_user)
    pages = page_lines(download(client, "attachment-8", "pdf").content)
    lines = [line for page in pages for line in page]
    split = [name for name in province["people"] if not any(name in line for line in lines)]
    text = compact("".join(lines))
    assert split == []
    assert len(pages) > 5 and text.count("班组人数总计") == 1 and "班组人数总计384" in text
    assert "附件8：[申报材料打印格式]" in text and "编号：" in text
    for page in pages:
        for index, line in enumerate(page):
            if line.startswith(("一、", "二、", "三、", "四、")):
                assert "序号" in "".join(page[index + 1 :]), line


@pytest.mark.parametrize(
    ("achievements", "heading"),
    # Counts that left the heading alone at the foot of a page before it was kept with its table.
    [(15, "二、"), (10, "三、"), (25, "四、")],
)
def test_a_heading_never_ends_a_page(client, staff_user, campaign, unit_a, achievements, heading):
    entry = {"campaign": campaign, "member_unit": unit_a, "status": Status.SUBMITTED}
    for n in range(achievements):
        QcAchievementFactory(
            **entry, company_name="中国通信服务股份有限公司", group_name=f"小组{n}", member_count=10
        )
    for _ in range(3):
        ExcellentEnterpriseFactory(**entry, name="企业", phone="0351", contact="李明")
        ExcellentPromoterFactory(
            **entry, name="赵推进", unit_name="单位", phone="139", contact="李明"
        )
    for _ in range(2):
        team = TrustedTeamFactory(
            **entry, company_name="单位", team_name="班组", leader_name="班长", member_count=2
        )
        for name in ("甲甲", "乙乙"):
            TrustedTeamMember.objects.create(
                team=team, name=name, age=30, sex="male", title="技师", duty="装维"
            )
    client.force_login(staff_user)
    pages = page_lines(download(client, "attachment-8", "pdf").content)
    page = next(lines for lines in pages if any(line.startswith(heading) for line in lines))
    after = page[next(i for i, line in enumerate(page) if line.startswith(heading)) + 1 :]
    assert "序号" in "".join(after)


def test_summary_word_copy_keeps_names_whole_and_totals_in_the_table(client, staff_user, province):
    client.force_login(staff_user)
    document = WordDocument(io.BytesIO(download(client, "attachment-8", "docx").content))
    paragraphs = [p.text for p in document.paragraphs]
    teams = document.tables[-1]
    total = teams.rows[-1].cells
    assert "附件8：　[申报材料打印格式]" in paragraphs
    assert "单位、部门（章）：全省各会员单位\t编号：" in paragraphs
    assert not any("班组人数总计" in text for text in paragraphs)
    assert [cell.text for cell in total] == ["班组人数总计"] * 4 + ["384"]
    assert total[0]._tc.grid_span == 4
    headings = [
        p for p in document.paragraphs if p.text.startswith(("一、", "二、", "三、", "四、"))
    ]
    assert len(headings) == 4 and all(p.paragraph_format.keep_with_next for p in headings)
    assert all("cantSplit" in row._tr.xml for row in teams.rows)
    # Word breaks Chinese anywhere: each line of names must fit its cell, so it never has to.
    room = teams.columns[4].width - Mm(4)
    lines = [line for row in teams.rows[1:-1] for line in row.cells[4].text.split("\n")]
    assert all(display_width(line) * Pt(10.5) / 2 <= room for line in lines)
    members = [name for team in province["teams"] for name in team.names]
    leaders = {row.cells[3].text for row in teams.rows[1:-1]}
    assert [name for name in members if not any(name in line for line in lines)] == []
    assert leaders == {team.leader_name for team in province["teams"]}


def test_summary_workbook_has_the_paper_header_above_a_proper_table(client, staff_user, province):
    client.force_login(staff_user)
    workbook = load_workbook(io.BytesIO(download(client, "attachment-8", "xlsx").content))
    titles = []
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "附件8：　[申报材料打印格式]" and rows[1][0] == "推荐汇总表"
        assert (rows[2][0], rows[2][-1]) == ("单位、部门（章）：全省各会员单位", "编号：")
        assert rows[4][0] == "序号" and rows[5][0] == 1
        assert (sheet.freeze_panes, sheet.print_title_rows) == ("A6", "$5:$5")
        assert sheet.auto_filter.ref.startswith("A5:")
        titles.append(rows[3][0])
    teams = [row for row in workbook.worksheets[-1].iter_rows(values_only=True) if any(row)]
    assert titles == [
        "一、优秀质量管理小组活动成果",
        "二、质量管理小组活动优秀企业",
        "三、全省质量管理小组活动优秀推进者",
        "四、全省通信行业质量信得过班组",
    ]
    assert (teams[-2][0], teams[-2][-1]) == ("班组人数总计", 384)
    assert teams[-1][0].endswith("印发") and "刘䶮、𠮷田、𡈽垚" in teams[5][-1]


def test_every_workbook_prints_on_a4_as_wide_as_the_page(admin_user, province):
    checked = []
    for slug, document in REGISTRY.items():
        if "xlsx" not in document.formats:
            continue
        data = document.gather(user=admin_user, campaign=province["campaign"])
        workbook = load_workbook(io.BytesIO(document.render(data, "xlsx").content))
        for sheet in workbook.worksheets:
            setup = sheet.page_setup
            checked.append((slug, sheet.title, setup.orientation))
            assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), slug
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, slug
            assert sheet.print_title_rows, slug
    orientation = {title: way for _slug, title, way in checked}
    assert {"staff-workbook", "statistics-province", "attachment-8"} <= {s for s, *_ in checked}
    assert (orientation["附件2 QC小组成果"], orientation["名额使用"]) == ("landscape", "portrait")


def test_staff_workbook_checks_what_the_forms_no_longer_print(client, staff_user, campaign, unit_a):
    entry = {"campaign": campaign, "member_unit": unit_a, "status": Status.SUBMITTED}
    # Saved directly: the forms refuse these, but an entry saved before a rule still shows.
    ExcellentPromoterFactory(**entry, name="赵推进", serial_number="2030-TJ-001", qc_years=8)
    ExcellentPromoterFactory(**entry, name="钱新手", qc_years=Decimal("4.5"))
    TrustedTeamFactory(**entry, team_name="装维一班", accidents_last_two_years=0)
    TrustedTeamFactory(
        **entry, team_name="装维二班", accidents_last_two_years=2, provincial_award=False
    )
    client.force_login(staff_user)
    workbook = load_workbook(io.BytesIO(download(client, "staff-workbook", "xlsx").content))
    rows = list(workbook["资格核对"].iter_rows(values_only=True))
    assert rows[0] == (
        "类别",
        "单位",
        "总编号",
        "状态",
        "推进者/班组",
        "核对项",
        "填报内容",
        "是否符合",
        "不符合的规定",
    )
    found = {(row[4], row[5]): row for row in rows[1:]}
    assert found["赵推进", "从事质量管理小组工作年限"][:4] == (
        "附件4 优秀推进者",
        "山西联通",
        "2030-TJ-001",
        "已提交",
    )
    assert [found[key][6:8] for key in sorted(found)] == [
        ("是", "符合"),
        (0, "符合"),
        ("否", "不符合"),
        (2, "不符合"),
        (8, "符合"),
        (4.5, "不符合"),
    ]
    assert "五年以上" in found["钱新手", "从事质量管理小组工作年限"][8]
    assert found["装维二班", "近二年质量、安全、环保事故数"][8].startswith("附件1")


def test_a_name_too_long_for_a_line_wraps_instead_of_running_out_of_its_cell():
    names = Names(("张伟", "欧阳" + "䶮" * 48))
    assert names.printed_pieces() == [("张伟、", True), ("欧阳" + "䶮" * 48, False)]
