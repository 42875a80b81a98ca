"""附件7 活动统计表."""

from reports.paper_forms.common import (
    file_stem,
    serial_line,
    show,
    unit_name,
)
from reports.sheets import Cell, Grid, L, LongText, Sheet, V

#: A ticked box. ☑ is in neither Noto CJK nor 宋体; ■ is in both (GB 2312), and Chinese forms use
#: it for a marked choice.
TICKED, UNTICKED = "■", "□"


def _tick(entry, name):
    return TICKED if entry is not None and getattr(entry, name) else UNTICKED


def statistics_sheet(entry=None, campaign=None) -> Sheet:
    """附件7 山西省通信行业质量管理小组/质量信得过班组活动统计表."""
    e = entry
    campaign = campaign or (e.campaign if e is not None else None)
    period = ""
    if campaign is not None:
        start, end = campaign.statistics_period_start, campaign.statistics_period_end
        period = (
            f"（{start.year}年{start.month}月{start.day}日——{end.year}年{end.month}月{end.day}日）"
        )

    def pair(a, b):
        return f"{show(e, a)} / {show(e, b)}" if e is not None else "/"

    def rate(value):
        return "" if e is None or value is None else f"{value}"

    items = [
        ("本年度市、行业召开 QC 小组成果发表会次数", "次", show(e, "presentation_meetings")),
        (
            "本年度本市、行业质协组织的培训/交流次数与人数",
            "次/人",
            pair("training_sessions", "training_participants"),
        ),
        ("历年来已登记注册 QC 小组累计数", "万个", show(e, "registered_groups_total")),
        ("本年度已登记注册 QC 小组数", "个", show(e, "registered_groups")),
        ("本年度 QC 小组普及率=参加 QC 小组人数/职工总数×100%", "%", rate(e and e.popularity_rate)),
        ("本年度坚持活动的 QC 小组数", "个", show(e, "active_groups")),
        ("本年度 QC 小组创可计算的经济价值", "万元", show(e, "economic_value")),
        ("本年度 QC 小组成果率=取得成果小组数/QC 小组注册数×100%", "%", rate(e and e.result_rate)),
        ("本年度企业对 QC 小组活动经费投入（培训、交流、书籍等费用）", "万元", show(e, "funding")),
        ("本年度企业对 QC 小组活动奖励费用", "万元", show(e, "rewards")),
        ("本年度 QC 小组成员提合理化建议数", "条", show(e, "suggestions")),
        (
            "具备省级/国家级 QC 小组活动诊断师数",
            "人/人",
            pair("diagnosticians_provincial", "diagnosticians_national"),
        ),
        ("本年度推荐质量信得过班组数", "个", show(e, "teams_recommended")),
        ("历年推荐质量信得过班组累计数", "个", show(e, "teams_recommended_total")),
        (
            "本年度对质量信得过班组活动投入费用（培训、交流、规范化等）",
            "万元",
            show(e, "team_funding"),
        ),
        ("对质量信得过班组奖励费用", "万元", show(e, "team_rewards")),
    ]
    forms = [
        f"{_tick(e, name)}{label}"
        for name, label in [
            ("review_by_presentation", "发表评审"),
            ("review_on_site", "现场评审"),
            ("review_with_qc_groups", "与 QC 小组合开"),
            ("review_by_unit", "单位举办"),
        ]
    ]
    rows = [[L("统 计 项 目"), L("单位"), L("数量")]]
    rows += [[V(label), V(unit), V(value)] for label, unit, value in items]
    rows += [
        [Cell(pieces=["班组评审及交流形式（在□上打√）：", *forms], span=3)],
        [V("QC 小组工作总结"), V("另附页（3000 字以内）", span=2)],
        [V("质量信得过班组建设工作总结"), V("另附页（2000 字以内）", span=2)],
    ]
    return Sheet(
        attachment="附件7",
        title="山西省通信行业质量管理小组/质量信得过班组活动统计表",
        subtitle=period,
        header_left="推荐市、行业：" + unit_name(e),
        header_right=serial_line(e),
        blocks=[
            Grid(widths=[70, 9, 21], rows=rows),
            Grid(
                widths=[22, 28, 20, 30],
                rows=[
                    [
                        L("QC 小组/质量信得过班组工作归口部门", span=2),
                        V(show(e, "responsible_department"), span=2),
                    ],
                    [L("负责人"), V(show(e, "head")), L("联系电话"), V(show(e, "phone"))],
                    [L("通信地址"), V(show(e, "address"), span=3)],
                    [L("邮政编码"), V(show(e, "postcode")), L("电子邮箱"), V(show(e, "email"))],
                ],
            ),
        ],
        notes=[
            "注：(1)本统计表来自企业统计数据资料。(2)各市统计数字，务必扣除省直部门直属企业数。"
        ],
        annex=[
            LongText("QC 小组工作总结（3000 字以内）：", show(e, "qc_summary"), min_lines=34),
            LongText(
                "质量信得过班组建设工作总结（2000 字以内）：", show(e, "team_summary"), min_lines=34
            ),
        ],
        stem=file_stem("附件7", e),
    )
