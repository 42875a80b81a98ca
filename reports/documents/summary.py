"""附件8 推荐汇总表 for one unit, or province-wide for staff: HTML, PDF, DOCX and XLSX."""

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment, Font

from portal.models import MemberUnit
from reports.registry import UNITS_AND_STAFF, Document, register
from reports.sheets import (
    MAX_WHOLE_UNITS,
    MemberTable,
    content_widths,
    display_width,
    whole,
    wrap_pieces,
)
from reports.word import (
    add_member_table,
    add_paragraph,
    header_line,
    new_word_document,
    running_header,
    save_docx,
)
from reports.xlsx import add_table_sheet, new_workbook, save_workbook, write_row
from submissions.summary import recommendation_summary

#: The paper's lines above the table (notice, 附件8), each format prints them.
ATTACHMENT = "附件8：　[申报材料打印格式]"
TITLE = "推荐汇总表"
NUMBER = "编号："
TEAM_TOTAL = "班组人数总计"

SECTIONS = [
    ("一、优秀质量管理小组活动成果", ["序号", "企业名称", "小组名称", "小组人数"]),
    ("二、质量管理小组活动优秀企业", ["序号", "企业名称", "联系电话", "联系人"]),
    (
        "三、全省质量管理小组活动优秀推进者",
        ["序号", "推进者姓名", "所在单位名称", "联系电话", "联系人"],
    ),
    (
        "四、全省通信行业质量信得过班组",
        ["序号", "单位名称（以公章为准）", "班组名称", "班组长", "成员名单"],
    ),
]

#: Half-width units on a line of A4 portrait's 156 mm, for the column widths: 72 at the PDF's
#: 11 pt (a digit is 0.56 em in Noto Serif CJK), fewer for percentages rounded to whole numbers,
#: so that a name or a phone number always has its room, in the PDF and in Word (10.5 pt).
LINE_UNITS = 70
#: A Word cell's margins (0.19 cm each side, rounded up) and the width of a half-width character
#: at 10.5 pt: how many characters a Word cell holds on one line.
WORD_CELL_MARGINS = Mm(4)
WORD_HALF_UNIT = Pt(10.5) / 2


@dataclass(frozen=True)
class Names:
    """People's names in one cell (a promoter, a contact, a team leader, a member list).

    Each name is printed whole, never split across two lines (张/伟); a list reads 甲、乙、丙 and
    may break only after a 、.
    """

    names: tuple[str, ...]

    def __str__(self):
        return "、".join(self.names)

    def pieces(self):
        """Each name with the 、 that follows it: the runs a line may not break."""
        return [name + "、" for name in self.names[:-1]] + list(self.names[-1:])

    def printed_pieces(self):
        """(piece, whether it is kept on one line): a name too long for any line (50 characters)
        wraps like text rather than run out of its cell (``reports.sheets.MAX_WHOLE_UNITS``)."""
        return [(piece, display_width(piece) <= MAX_WHOLE_UNITS) for piece in self.pieces()]


@dataclass
class Section:
    title: str
    header: list[str]
    rows: list[list]
    #: 班组人数总计, printed as the table's last row (section 四 only).
    total: int | None = None
    widths: list[int] = field(init=False)

    def __post_init__(self):
        self.widths = column_widths(self.header, self.rows)


def column_widths(header, rows) -> list[int]:
    """Relative column widths from the content, every name fitting on one line.

    ``content_widths`` keeps Latin and number runs whole; a name must stay whole too, so each
    (with its 、) is measured as one such run of its width.
    """

    def measured(value):
        if isinstance(value, Names):
            return " ".join(whole(piece) for piece in value.pieces())
        return value

    return content_widths(
        [header, *([measured(value) for value in row] for row in rows)], line_units=LINE_UNITS
    )


def sections(summary) -> list[Section]:
    """The four sections' rows, numbered from 1 in each, as the paper lists them."""

    def numbered(rows):
        return [[index, *row] for index, row in enumerate(rows, start=1)]

    rows = [
        numbered([[a.company_name, a.group_name, a.member_count] for a in summary.achievements]),
        numbered([[e.name, e.phone, Names((e.contact,))] for e in summary.enterprises]),
        numbered(
            [
                [Names((p.name,)), p.unit_name, p.phone, Names((p.contact,))]
                for p in summary.promoters
            ]
        ),
        numbered(
            [
                [
                    t.company_name,
                    t.team_name,
                    Names((t.leader_name,)),
                    Names(tuple(m.name for m in t.members.all())),
                ]
                for t in summary.teams
            ]
        ),
    ]
    totals = [None, None, None, summary.team_member_total]
    return [
        Section(title, header, section_rows, total)
        for (title, header), section_rows, total in zip(SECTIONS, rows, totals, strict=True)
    ]


def word_lines(names: Names, capacity: int) -> str:
    """The names as lines of at most ``capacity`` half-width units, broken between names only.

    Word and WPS break Chinese text between any two characters and know no nowrap, but never
    break a line that fits its cell: so no name is split.
    """
    return "\n".join(wrap_pieces(names.pieces(), capacity, separator=""))


def _keep_with_next(paragraphs):
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _word_table(document, section: Section):
    """One section's table: its heading kept with the header and first row, 班组人数总计 as its
    last row (``add_member_table`` keeps each row on one page)."""
    heading = add_paragraph(document, section.title, bold=True, space_after=2)
    heading.paragraph_format.keep_with_next = True
    page = document.sections[0]
    usable = page.page_width - page.left_margin - page.right_margin
    capacity = [
        int((usable * width / 100 - WORD_CELL_MARGINS) / WORD_HALF_UNIT) for width in section.widths
    ]
    rows = [
        [
            word_lines(value, room) if isinstance(value, Names) else str(value)
            for value, room in zip(row, capacity, strict=True)
        ]
        for row in section.rows
    ]
    if section.total is not None:
        rows.append([TEAM_TOTAL, *[""] * (len(section.header) - 2), str(section.total)])
    add_member_table(document, MemberTable(header=section.header, rows=rows, widths=section.widths))
    table = document.tables[-1]
    _keep_with_next(paragraph for cell in table.rows[0].cells for paragraph in cell.paragraphs)
    if section.total is not None:
        cells = table.rows[-1].cells
        label = cells[0].merge(cells[-2])
        # Merging gathers the blank cells' empty paragraphs under the label.
        for blank in label.paragraphs[1:]:
            blank._element.getparent().remove(blank._element)


def _sheet_header(sheet, section: Section):
    """The paper's lines above an XLSX table: each spans the table's width."""
    last = len(section.header)
    for row in (1, 2, 4):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=last - 1)
    sheet["A2"].font = Font(bold=True, size=16)
    sheet["A2"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[2].height = 30
    sheet["A4"].font = Font(bold=True)
    sheet.cell(row=3, column=last).alignment = Alignment(horizontal="right", vertical="top")


@register
class RecommendationSummaryDocument(Document):
    slug = "attachment-8"
    title = "附件8 推荐汇总表"
    formats = ("html", "pdf", "docx", "xlsx")
    scope = "unit"
    #: A unit its own; staff one unit's (?unit=) or the province's.
    access = UNITS_AND_STAFF
    template = "reports/summary.html"

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        member_unit = get_object_or_404(MemberUnit, pk=unit) if unit else None
        summary = recommendation_summary(campaign, member_unit)
        return {"campaign": campaign, "unit": member_unit, "sections": sections(summary)}

    def stem(self, data):
        who = data["unit"].short_name if data["unit"] else "全省"
        return f"附件8-推荐汇总表-{data['campaign'].year}-{who}"

    def unit_line(self, data):
        name = data["unit"].full_name if data["unit"] else "全省各会员单位"
        return f"单位、部门（章）：{name}"

    def issued(self, data):
        issued = data["campaign"].issue_date
        return f"山西省通信行业协会　{issued.year}年{issued.month}月{issued.day}日印发"

    def context(self, data):
        return {
            "title": TITLE,
            "attachment": ATTACHMENT,
            "unit_line": self.unit_line(data),
            "number": NUMBER,
            "sections": data["sections"],
            "team_total": TEAM_TOTAL,
            "issued": self.issued(data),
        }

    def docx(self, data):
        document = new_word_document()
        add_paragraph(document, ATTACHMENT, size=12)
        add_paragraph(
            document, TITLE, size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4
        )
        running_header(document, self.unit_line(data), f"{TITLE} {NUMBER}")
        header_line(
            document, document, self.unit_line(data), NUMBER
        ).paragraph_format.space_after = Pt(3)
        for section in data["sections"]:
            _word_table(document, section)
        add_paragraph(document, self.issued(data), align=WD_ALIGN_PARAGRAPH.RIGHT)
        return save_docx(document)

    def xlsx(self, data):
        workbook = new_workbook()
        for section in data["sections"]:
            columns = len(section.header)
            sheet = add_table_sheet(
                workbook,
                section.title.split("、", 1)[1],
                section.header,
                section.rows,
                above=[
                    [ATTACHMENT],
                    [TITLE],
                    [self.unit_line(data), *[""] * (columns - 2), NUMBER],
                    [section.title],
                ],
            )
            _sheet_header(sheet, section)
            if section.total is not None:
                row = sheet.max_row + 1
                write_row(sheet, row, [TEAM_TOTAL, *[""] * (columns - 2), section.total])
                sheet.merge_cells(
                    start_row=row, start_column=1, end_row=row, end_column=columns - 1
                )
        row = sheet.max_row + 2
        write_row(sheet, row, [self.issued(data)])
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="right")
        return save_workbook(workbook)
