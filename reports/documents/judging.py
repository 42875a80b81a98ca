"""Judging's documents: a judge's signed score sheet, the results table, the upward lists."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from judging.aggregation import shown
from judging.models import (
    RecommendationBody,
    ResultsVersion,
    Rubric,
    ScoreSheet,
    SheetStatus,
    UpwardRecommendation,
)
from judging.results import standings, tier_label
from portal.models import User
from portal.permissions import STAFF_ROLES, Role
from reports.registry import STAFF_AND_CHIEF, Access, Document, register
from reports.render import add_member_table, add_paragraph, new_word_document, save_docx
from reports.sheets import MemberTable
from reports.xlsx import add_table_sheet, new_workbook, save_workbook, write_row


@register
class JudgeScoreSheet(Document):
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
                tables.append(
                    {
                        "title": str(rubric),
                        "header": [
                            "总编号",
                            "小组名称",
                            *(f"{c.name}（{c.max_points.normalize():f}）" for c in criteria),
                            "合计",
                        ],
                        "rows": rows,
                    }
                )
        return {
            "title": "评委评分表",
            "campaign": data["campaign"],
            "judge": data["judge"],
            "tables": tables,
        }


def _published_row(row) -> list:
    return [
        row.rank or "",
        row.unit_name,
        row.group_name,
        row.topic,
        row.topic_type_label,
        row.material,
        row.presentation,
        row.final,
        row.tier_label,
    ]


def _working_rows(campaign) -> list:
    return [
        [
            s.rank or "",
            s.key.member_unit.short_name,
            s.key.group_name,
            s.key.topic,
            s.key.get_topic_type_display(),
            shown(s.material),
            shown(s.presentation),
            shown(s.final),
            tier_label(s.tier),
        ]
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
    foot; before publication, the working figures of the ranking, marked as such."""

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
            return {"campaign": campaign, "version": None, "rows": _working_rows(campaign)}
        rows = [_published_row(row) for row in version.standings.all()]
        return {"campaign": campaign, "version": version, "rows": rows}

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
        return {
            "title": "评审结果表",
            "campaign": data["campaign"],
            "version": data["version"],
            "foot": self.foot(data),
            "header": RESULT_HEADER,
            "rows": data["rows"],
        }

    def xlsx(self, data):
        workbook = new_workbook()
        sheet = add_table_sheet(workbook, "评审结果", RESULT_HEADER, data["rows"])
        write_row(sheet, sheet.max_row + 2, [self.foot(data)])
        return save_workbook(workbook)


RECOMMENDATION_HEADER = ["序号", "单位", "小组名称", "课题名称", "课题类型", "最终得分", "奖项"]


@register
class UpwardLists(Document):
    slug = "upward-recommendations"
    title = "向上推荐名单"
    formats = ("xlsx", "docx")
    scope = "campaign"
    access = STAFF_AND_CHIEF

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        version = ResultsVersion.objects.live(campaign)
        if version is not None:
            by_key = {r.achievement_id: (r.final, r.tier_label) for r in version.standings.all()}
        else:
            by_key = {s.key.pk: (shown(s.final), tier_label(s.tier)) for s in standings(campaign)}
        lists = []
        for body, label in RecommendationBody.choices:
            chosen = (
                UpwardRecommendation.objects.filter(achievement__campaign=campaign, body=body)
                .select_related("achievement__member_unit")
                .order_by("achievement__serial_seq")
            )
            rows = []
            for number, recommendation in enumerate(chosen, start=1):
                a = recommendation.achievement
                final, tier = by_key.get(a.pk, ("", ""))
                rows.append(
                    [
                        number,
                        a.member_unit.short_name,
                        a.group_name,
                        a.topic,
                        a.get_topic_type_display(),
                        final,
                        tier,
                    ]
                )
            lists.append((str(label), rows))
        return {"campaign": campaign, "lists": lists}

    def stem(self, data):
        return f"向上推荐名单-{data['campaign'].year}"

    def xlsx(self, data):
        workbook = new_workbook()
        for label, rows in data["lists"]:
            add_table_sheet(workbook, f"推荐{label}", RECOMMENDATION_HEADER, rows)
        return save_workbook(workbook)

    def docx(self, data):
        document = new_word_document()
        for label, rows in data["lists"]:
            add_paragraph(
                document,
                f"{data['campaign'].year}年推荐{label}的优秀QC小组成果名单",
                size=14,
                bold=True,
                space_after=6,
            )
            add_member_table(
                document,
                MemberTable(
                    header=RECOMMENDATION_HEADER,
                    rows=[[str(v) for v in row] for row in rows],
                    widths=[7, 15, 22, 30, 10, 8, 8],
                ),
            )
            add_paragraph(document, "")
        return save_docx(document)
