"""Staff's workbooks: every entry with every field, quota usage, missing materials, the paper-only
eligibility answers, and 附件7 province-wide with totals."""

from django.core.exceptions import ValidationError

from portal.models import MemberUnit
from reports.registry import STAFF_ONLY, Document, register
from reports.xlsx import add_table_sheet, new_workbook, save_workbook, write_row
from submissions.kinds import KINDS
from submissions.models import ActivityStatistics, Status
from submissions.models.statistics import rate
from submissions.overview import entries_of
from submissions.quotas import achievement_quota_table


def _cell(entry, field):
    """A typed cell: numbers stay numbers, dates dates, choices their label, booleans 是/否."""
    value = getattr(entry, field.name)
    if field.choices:
        return getattr(entry, f"get_{field.name}_display")()
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "pk"):
        return str(value)
    return value


def _entries(kind, campaign):
    """Every entry of one form in the campaign, whatever its status, unit by unit."""
    return (
        kind.model.objects.filter(campaign=campaign)
        .select_related("member_unit")
        .order_by("member_unit__position", "member_unit_id", "serial_seq", "pk")
    )


def entry_table(kind, campaign):
    """Header and rows of one form: bookkeeping first, then every field the unit typed."""
    fields = [
        f
        for f in kind.model._meta.fields
        if f.editable and f.name not in ("id", "campaign", "member_unit")
    ]
    derived = kind.model.derived_fields  # 附件7: 普及率 and 成果率, after the typed counts
    header = [
        "单位",
        "总编号",
        "状态",
        "提交时间",
        *(str(f.verbose_name) for f in fields),
        *(str(label) for _name, label in derived),
    ]
    queryset = _entries(kind, campaign)
    if kind.members:
        queryset = queryset.prefetch_related("members")
        header.append("成员名单")
    rows = []
    for entry in queryset:
        row = [
            entry.member_unit.short_name,
            entry.serial_number,
            entry.get_status_display(),
            entry.submitted_at,
            *(_cell(entry, f) for f in fields),
            *(getattr(entry, name) for name, _label in derived),
        ]
        if kind.members:
            row.append("、".join(member.name for member in entry.members.all()))
        rows.append(row)
    return header, rows


#: What 附件1 asks of a nominee that the printed 附件4 and 附件6 no longer show: the promoter's
#: years of QC group work (five or more) and the trusted team's two eligibility answers.
ELIGIBILITY = [
    ("promoter", ["qc_years"]),
    ("team", ["accidents_last_two_years", "provincial_award"]),
]
ELIGIBILITY_HEADER = [
    "类别",
    "单位",
    "总编号",
    "状态",
    "推进者/班组",
    "核对项",
    "填报内容",
    "是否符合",
    "不符合的规定",
]


def rule_failures(entry) -> dict[str, list[str]]:
    """The notice's rules the entry breaks, field by field, in its model's own words.

    The rules live in the model's ``clean`` (it refuses such an entry when the unit saves it);
    asking it again here keeps them written once, and still shows an entry saved before a rule.
    """
    try:
        entry.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def eligibility_rows(campaign):
    """One row per nominee and checked answer: what the unit gave and whether 附件1 holds."""
    rows = []
    for slug, names in ELIGIBILITY:
        kind = KINDS[slug]
        for entry in _entries(kind, campaign):
            failures = rule_failures(entry)
            for name in names:
                field = entry._meta.get_field(name)
                rows.append(
                    [
                        f"{kind.attachment} {kind.label}",
                        entry.member_unit.short_name,
                        entry.serial_number,
                        entry.get_status_display(),
                        str(entry),
                        str(field.verbose_name),
                        _cell(entry, field),
                        "不符合" if name in failures else "符合",
                        "\n".join(failures.get(name, [])),
                    ]
                )
    return rows


@register
class StaffWorkbook(Document):
    slug = "staff-workbook"
    title = "全部申报汇总工作簿"
    formats = ("xlsx",)
    scope = "campaign"
    access = STAFF_ONLY

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        tables = [(kind, *entry_table(kind, campaign)) for kind in KINDS.values()]
        units = list(MemberUnit.objects.active())
        checklist = []
        for unit in units:
            problems = []
            achievements = list(entries_of(KINDS["achievement"], campaign, unit))
            for achievement in achievements:
                if achievement.status != Status.WITHDRAWN:
                    problems += [
                        f"{achievement.group_name}：{p}"
                        for p in achievement.missing_for_submission()
                    ]
            statistics = [
                s for s in entries_of(KINDS["statistics"], campaign, unit) if s.holds_quota
            ]
            if not statistics:
                problems.append("活动统计表（附件7）未提交")
            submitted = sum(1 for a in achievements if a.holds_quota)
            checklist.append([unit.short_name, submitted, len(problems), "\n".join(problems)])
        return {
            "campaign": campaign,
            "tables": tables,
            "quotas": achievement_quota_table(campaign),
            "checklist": checklist,
            "eligibility": eligibility_rows(campaign),
        }

    def stem(self, data):
        return f"申报汇总-{data['campaign'].year}"

    def xlsx(self, data):
        workbook = new_workbook()
        for kind, header, rows in data["tables"]:
            add_table_sheet(
                workbook, f"{kind.attachment.split('、')[0]} {kind.label}", header, rows
            )
        add_table_sheet(
            workbook,
            "名额使用",
            ["单位", "QC成果名额", "已提交", "剩余"],
            [
                [
                    q.label,
                    "不限" if q.limit is None else q.limit,
                    q.used,
                    "" if q.left is None else q.left,
                ]
                for q in data["quotas"]
            ],
        )
        add_table_sheet(
            workbook,
            "材料核对",
            ["单位", "已提交QC成果", "缺少项数", "缺少内容"],
            data["checklist"],
        )
        add_table_sheet(workbook, "资格核对", ELIGIBILITY_HEADER, data["eligibility"])
        return save_workbook(workbook)


#: 附件7's counted items, in the paper's order, with the unit they are counted in.
STATISTICS_COLUMNS = [
    ("presentation_meetings", "成果发表会次数（次）"),
    ("training_sessions", "培训/交流次数（次）"),
    ("training_participants", "培训/交流人数（人）"),
    ("registered_groups_total", "历年注册QC小组累计数（万个）"),
    ("registered_groups", "本年度注册QC小组数（个）"),
    ("participants", "参加QC小组人数（人）"),
    ("employees", "职工总数（人）"),
    ("active_groups", "坚持活动的QC小组数（个）"),
    ("economic_value", "可计算的经济价值（万元）"),
    ("groups_with_results", "取得成果小组数（个）"),
    ("funding", "QC小组活动经费投入（万元）"),
    ("rewards", "QC小组活动奖励费用（万元）"),
    ("suggestions", "合理化建议数（条）"),
    ("diagnosticians_provincial", "省级诊断师数（人）"),
    ("diagnosticians_national", "国家级诊断师数（人）"),
    ("teams_recommended", "本年度推荐信得过班组数（个）"),
    ("teams_recommended_total", "历年推荐信得过班组累计数（个）"),
    ("team_funding", "信得过班组活动投入（万元）"),
    ("team_rewards", "信得过班组奖励费用（万元）"),
]


@register
class ProvinceStatistics(Document):
    slug = "statistics-province"
    title = "附件7 活动统计表（全省汇总）"
    formats = ("xlsx",)
    scope = "campaign"
    access = STAFF_ONLY

    def gather(self, *, user, campaign, pk=None, unit=None, blank=False):
        tables = list(
            ActivityStatistics.objects.filter(campaign=campaign)
            .counted()
            .select_related("member_unit")
            .order_by("member_unit__position", "member_unit_id")
        )
        return {"campaign": campaign, "tables": tables}

    def stem(self, data):
        return f"附件7-活动统计表-全省-{data['campaign'].year}"

    def xlsx(self, data):
        header = [
            "单位",
            *(label for _name, label in STATISTICS_COLUMNS),
            "普及率（%）",
            "成果率（%）",
        ]
        rows = [
            [
                table.member_unit.short_name,
                *(getattr(table, name) for name, _label in STATISTICS_COLUMNS),
                table.popularity_rate,
                table.result_rate,
            ]
            for table in data["tables"]
        ]
        totals = {
            name: sum(getattr(table, name) for table in data["tables"])
            for name, _label in STATISTICS_COLUMNS
        }
        workbook = new_workbook()
        sheet = add_table_sheet(workbook, "附件7 全省汇总", header, rows)
        # The province's rates come from its summed counts, never from averaged percentages.
        write_row(
            sheet,
            sheet.max_row + 1,
            [
                "合计",
                *(totals[name] for name, _label in STATISTICS_COLUMNS),
                rate(totals["participants"], totals["employees"]),
                rate(totals["groups_with_results"], totals["registered_groups"]),
            ],
            bold=True,
        )
        return save_workbook(workbook)
