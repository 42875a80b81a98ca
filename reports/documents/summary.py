"""附件8 推荐汇总表 for one unit, or province-wide for staff: HTML, PDF, DOCX and XLSX."""

from django.shortcuts import get_object_or_404
from docx.enum.text import WD_ALIGN_PARAGRAPH

from portal.models import MemberUnit
from reports.registry import UNITS_AND_STAFF, Document, register
from reports.render import (
    add_member_table,
    add_paragraph,
    add_sheet,
    new_word_document,
    save_docx,
)
from reports.sheets import MemberTable, Sheet
from reports.xlsx import add_table_sheet, new_workbook, save_workbook, write_row
from submissions.summary import recommendation_summary

SECTIONS = [
    ("一、优秀质量管理小组活动成果", ["序号", "企业名称", "小组名称", "小组人数"], [8, 42, 38, 12]),
    ("二、质量管理小组活动优秀企业", ["序号", "企业名称", "联系电话", "联系人"], [8, 52, 24, 16]),
    (
        "三、全省质量管理小组活动优秀推进者",
        ["序号", "推进者姓名", "所在单位名称", "联系电话", "联系人"],
        [8, 16, 42, 20, 14],
    ),
    (
        "四、全省通信行业质量信得过班组",
        ["序号", "单位名称（以公章为准）", "班组名称", "班组长", "成员名单"],
        [8, 30, 20, 12, 30],
    ),
]


def section_rows(summary):
    """The four sections' rows, numbered from 1 in each, as the paper lists them."""

    def numbered(rows):
        return [[index, *row] for index, row in enumerate(rows, start=1)]

    return [
        numbered([[a.company_name, a.group_name, a.member_count] for a in summary.achievements]),
        numbered([[e.name, e.phone, e.contact] for e in summary.enterprises]),
        numbered([[p.name, p.unit_name, p.phone, p.contact] for p in summary.promoters]),
        numbered(
            [
                [
                    t.company_name,
                    t.team_name,
                    t.leader_name,
                    "、".join(m.name for m in t.members.all()),
                ]
                for t in summary.teams
            ]
        ),
    ]


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
        return {"campaign": campaign, "unit": member_unit, "summary": summary}

    def stem(self, data):
        who = data["unit"].short_name if data["unit"] else "全省"
        return f"附件8-推荐汇总表-{data['campaign'].year}-{who}"

    def unit_label(self, data):
        return data["unit"].full_name if data["unit"] else "全省各会员单位"

    def context(self, data):
        return {
            "title": "推荐汇总表",
            "campaign": data["campaign"],
            "unit_label": self.unit_label(data),
            "sections": [
                (title, header, widths, rows)
                for (title, header, widths), rows in zip(
                    SECTIONS, section_rows(data["summary"]), strict=True
                )
            ],
            "team_member_total": data["summary"].team_member_total,
        }

    def docx(self, data):
        document = new_word_document()
        sheet = Sheet(
            attachment="附件8",
            title="推荐汇总表",
            header_left="单位、部门（章）：" + self.unit_label(data),
            header_right="编号：",
            blocks=[],
        )
        add_sheet(document, sheet)
        for (title, header, widths), rows in zip(
            SECTIONS, section_rows(data["summary"]), strict=True
        ):
            add_paragraph(document, title, bold=True, space_after=2)
            add_member_table(
                document,
                MemberTable(header=header, rows=[[str(v) for v in r] for r in rows], widths=widths),
            )
        add_paragraph(document, f"班组人数总计：{data['summary'].team_member_total}", space_after=6)
        issued = data["campaign"].issue_date
        add_paragraph(
            document,
            f"山西省通信行业协会　{issued.year}年{issued.month}月{issued.day}日印发",
            align=WD_ALIGN_PARAGRAPH.RIGHT,
        )
        return save_docx(document)

    def xlsx(self, data):
        workbook = new_workbook()
        for (title, header, _widths), rows in zip(
            SECTIONS, section_rows(data["summary"]), strict=True
        ):
            add_table_sheet(workbook, title.split("、", 1)[1], header, rows)
        teams = workbook.worksheets[-1]
        write_row(
            teams,
            teams.max_row + 1,
            ["", "", "", "班组人数总计", data["summary"].team_member_total],
        )
        return save_workbook(workbook)
