"""Judging's documents: a judge's signed score sheet and the results table (the upward lists
are ``reports.documents.upward``)."""

from collections import Counter

from django.http import Http404
from django.shortcuts import get_object_or_404

from judging.aggregation import shown
from judging.models import (
    JudgingSettings,
    RankingScope,
    ResultsVersion,
    Rubric,
    ScoreSheet,
    SheetStatus,
)
from judging.results import standings, tier_label
from portal.models import User
from portal.permissions import STAFF_ROLES, Role
from reports.registry import STAFF_AND_CHIEF, Access, Document, register
from reports.sheets import table_widths
from reports.xlsx import add_table_sheet, new_workbook, save_workbook, write_row
from submissions.models import TopicType

#: How a shared rank is printed after the number (judging.md: a tie that remains is shown).
TIE_MARK = "（并列）"
#: Numbering of the results table's sections, as an official document numbers its parts.
SECTION_NUMBERS = "一二三四五六七八九十"
#: Number format of scores in workbooks: two decimals as printed (judging.md).
SCORE_FORMAT = "0.00"


@register
class JudgeScoreSheet(Document):
    """A judge's submitted scores, one table per rubric, on A4 landscape: a rubric of seven
    criteria has ten columns, which portrait would squeeze the group names out of."""

    slug = "judge-score-sheet"
    title = "评委评分表"
    formats = ("html", "pdf")
    scope = "judge"
    #: A judge prints their own (on the panel or not); staff any judge's (?pk= the account).
    access = Access(roles=(Role.JUDGE, *STAFF_ROLES))
    template = "reports/judge_sheet.html"

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        if pk is None:  # staff did not say whose
            raise Http404
        if pk == user.pk and user.role == Role.JUDGE:
            judge = user
        else:
            judge = get_object_or_404(User, pk=pk, role=Role.JUDGE)
        sheets = (
            ScoreSheet.objects.filter(
                judge=judge, achievement__campaign=campaign, status=SheetStatus.SUBMITTED
            )
            .select_related("achievement")
            .prefetch_related("scores")
            .order_by("round", "achievement__topic_type", "achievement__serial_seq")
        )
        rubrics = Rubric.objects.filter(campaign=campaign).prefetch_related("criteria")
        return {
            "campaign": campaign,
            "judge": judge,
            "sheets": list(sheets),
            "rubrics": list(rubrics),
        }

    def stem(self, data):
        return f"评分表-{data['campaign'].year}-{data['judge']}"

    def context(self, data):
        tables = []
        for rubric in data["rubrics"]:
            criteria = list(rubric.criteria.all())
            rows = []
            for sheet in data["sheets"]:
                if sheet.round != rubric.round or sheet.achievement.topic_type != rubric.topic_type:
                    continue
                points = {score.criterion_id: score.points for score in sheet.scores.all()}
                rows.append(
                    [
                        sheet.achievement.serial_number,
                        sheet.achievement.group_name,
                        *(points.get(c.pk, "") for c in criteria),
                        sheet.total,
                    ]
                )
            if rows:
                header = [
                    "总编号",
                    "小组名称",
                    *(f"{c.name}（{c.max_points.normalize():f}）" for c in criteria),
                    "合计",
                ]
                tables.append(
                    {
                        "title": str(rubric),
                        "header": header,
                        "widths": table_widths(header, rows),
                        "rows": rows,
                    }
                )
        judge = data["judge"]
        unit = f"（{judge.member_unit.full_name}）" if judge.member_unit else ""
        return {
            "title": "评委评分表",
            "campaign": data["campaign"],
            "judge": judge,
            "judge_line": f"评委：{judge}{unit}",
            "tables": tables,
        }


def rank_label(rank: int | None, tied: bool) -> int | str:
    """A rank as every copy of the results prints it: the number, "3（并列）" when another entry
    of its ranking group shares it, blank for an entry without a final score."""
    if rank is None:
        return ""
    return f"{rank}{TIE_MARK}" if tied else rank


def _sections(typed_rows, per_type: bool) -> list[dict]:
    """The results in their ranking groups, as ranks restart in each: one section per topic
    type (问题解决型 first, as the notice lists them, headed "一、问题解决型") when the campaign
    ranks per type, else one section without a heading. ``typed_rows`` are (topic type, row)
    with the rank first in the row; a rank two rows of a section share is marked as a tie."""
    groups = {}
    for topic_type, row in typed_rows:
        groups.setdefault(topic_type if per_type else "", []).append(row)
    order = {topic_type: n for n, topic_type in enumerate(TopicType.values)}
    sections = []
    for number, key in enumerate(sorted(groups, key=lambda key: order.get(key, len(order)))):
        rows = groups[key]
        shared = Counter(row[0] for row in rows if row[0] is not None)
        sections.append(
            {
                "heading": f"{SECTION_NUMBERS[number]}、{rows[0][4]}" if per_type else "",
                "rows": [[rank_label(row[0], shared[row[0]] > 1), *row[1:]] for row in rows],
            }
        )
    return sections


def _published_rows(version) -> list:
    return [
        (
            row.topic_type,
            [
                row.rank,
                row.unit_name,
                row.group_name,
                row.topic,
                row.topic_type_label,
                row.material,
                row.presentation,
                row.final,
                row.tier_label,
            ],
        )
        for row in version.standings.all()
    ]


def _working_rows(campaign) -> list:
    return [
        (
            s.key.topic_type,
            [
                s.rank,
                s.key.member_unit.short_name,
                s.key.group_name,
                s.key.topic,
                s.key.get_topic_type_display(),
                shown(s.material),
                shown(s.presentation),
                shown(s.final),
                tier_label(s.tier),
            ],
        )
        for s in standings(campaign)
    ]


RESULT_HEADER = [
    "名次",
    "单位",
    "小组名称",
    "课题名称",
    "课题类型",
    "材料评审得分",
    "发表评审得分",
    "最终得分",
    "奖项",
]
#: Columns of the results table: the rank, the topic type and the tier never wrap.
RESULT_WHOLE = (0, 4, 8)
#: The score columns (1-based, as in a workbook).
RESULT_SCORE_COLUMNS = (6, 7, 8)


def _version_to_print(campaign, number):
    """The version asked for (by its number, passed as ``?pk=``: staff only, which ``check``
    sees to), else the live one, else None."""
    versions = ResultsVersion.objects.filter(campaign=campaign).select_related(
        "published_by", "withdrawn_by"
    )
    if number:
        return get_object_or_404(versions, number=number)
    return versions.filter(withdrawn_at__isnull=True).first()


@register
class ResultsTable(Document):
    """The published version's figures as stored, with its number and SHA-256 in every page's
    foot; before publication, the working figures of the ranking, marked as such. Sections
    follow the ranking groups (the ranking scope the figures were computed with)."""

    slug = "results"
    title = "评审结果表"
    formats = ("html", "pdf", "xlsx")
    scope = "campaign"
    #: Staff and the chief judge; only staff pick a version (?pk= its number).
    access = STAFF_AND_CHIEF
    template = "reports/results.html"

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        version = _version_to_print(campaign, pk)
        if version is None:
            scope = JudgingSettings.of(campaign).ranking_scope
            rows = _working_rows(campaign)
        else:
            scope = version.settings_used.get("ranking_scope", RankingScope.PER_TYPE)
            rows = _published_rows(version)
        sections = _sections(rows, per_type=scope == RankingScope.PER_TYPE)
        return {"campaign": campaign, "version": version, "sections": sections}

    def stem(self, data):
        version = data["version"]
        suffix = f"-第{version.number}版" if version else "-工作稿"
        return f"评审结果-{data['campaign'].year}{suffix}"

    def foot(self, data) -> str:
        version = data["version"]
        if version is None:
            return "未公布的工作稿，不作为正式结果"
        withdrawn = "（已撤回）" if version.withdrawn_at else ""
        return f"第{version.number}版{withdrawn} · SHA-256 {version.digest}"

    def context(self, data):
        rows = [row for section in data["sections"] for row in section["rows"]]
        return {
            "title": "评审结果表",
            "campaign": data["campaign"],
            "version": data["version"],
            "foot": self.foot(data),
            "header": RESULT_HEADER,
            "widths": table_widths(RESULT_HEADER, rows, whole_columns=RESULT_WHOLE),
            "sections": data["sections"],
        }

    def xlsx(self, data):
        """One sheet: each section's heading on a merged row above its rows, scores as numbers."""
        rows, headings = [], {}
        for section in data["sections"]:
            if section["heading"]:
                headings[len(rows) + 2] = section["heading"]
                rows.append([None] * len(RESULT_HEADER))
            rows += section["rows"]
        workbook = new_workbook()
        sheet = add_table_sheet(workbook, "评审结果", RESULT_HEADER, rows)
        for index, heading in headings.items():
            write_row(sheet, index, [heading], bold=True)
            sheet.merge_cells(
                start_row=index, start_column=1, end_row=index, end_column=len(RESULT_HEADER)
            )
        for line in sheet.iter_rows(
            min_row=2, min_col=RESULT_SCORE_COLUMNS[0], max_col=RESULT_SCORE_COLUMNS[-1]
        ):
            for cell in line:
                cell.number_format = SCORE_FORMAT
        write_row(sheet, sheet.max_row + 2, [self.foot(data)])
        return save_workbook(workbook)
