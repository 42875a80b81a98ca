"""附件2–7 as ``Sheet`` data, in the paper's order and with its labels, filled or blank.

The labels are the official form's own Chinese text, not interface strings: a printed copy is
stamped and handed in as the paper original, whatever language the screen shows.
"""

from decimal import Decimal

from reports.sheets import Grid, L, LongText, MemberTable, Sheet, V

BLANK_MEMBER_ROWS = 10
UNIT_SEAL = "单位、部门（章）："


def show(entry, name):
    """A field's printable value: choices by label, dates in Chinese, blank for a blank form."""
    if entry is None:
        return ""
    value = getattr(entry, name)
    if value is None:
        return ""
    field = entry._meta.get_field(name)
    if field.choices:
        return getattr(entry, f"get_{name}_display")()
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "strftime"):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _unit(entry):
    return entry.member_unit.full_name if entry is not None else ""


def _serial(entry):
    return "总编号：" + (entry.serial_number if entry is not None else "")


def _stem(attachment, entry):
    if entry is None:
        return f"{attachment}-空白"
    return f"{attachment}-{entry.serial_number or f'草稿{entry.pk}'}"


def _members(entry, header, widths, values, blank_rows=BLANK_MEMBER_ROWS):
    if entry is None:
        rows = [[""] * len(header) for _ in range(blank_rows)]
    else:
        rows = [[str(v) for v in values(member)] for member in entry.members.all()]
    return MemberTable(header=header, rows=rows, widths=widths)


def achievement_sheet(entry=None) -> Sheet:
    """附件2 山西省通信行业优秀质量管理小组成果报告单."""
    e = entry
    return Sheet(
        attachment="附件2",
        title="山西省通信行业优秀质量管理小组成果报告单",
        header_left=UNIT_SEAL + _unit(e),
        header_right=_serial(e),
        blocks=[
            Grid(
                widths=[20, 38, 14, 28],
                rows=[
                    [
                        L("QC小组名称"),
                        V(show(e, "group_name")),
                        L("人数"),
                        V(show(e, "member_count")),
                    ],
                    [L("课题名称"), V(show(e, "topic")), L("课题类型"), V(show(e, "topic_type"))],
                    [
                        L("企业名称（以公章为准）"),
                        V(show(e, "company_name")),
                        L("邮编"),
                        V(show(e, "postcode")),
                    ],
                    [L("通讯地址"), V(show(e, "address")), L("联系人"), V(show(e, "contact"))],
                    [
                        L("企业内主管部门"),
                        V(show(e, "department_in_charge")),
                        L("电话"),
                        V(show(e, "phone")),
                    ],
                    [L("小组活动指导者"), V(show(e, "instructor")), L("传真"), V(show(e, "fax"))],
                ],
            ),
            LongText("QC小组简介：", show(e, "group_profile"), min_lines=8),
            LongText("主要活动过程与效果：", show(e, "activity_summary"), min_lines=12),
        ],
        notes=["注：企业名称（以公章为准）、小组名称须用正楷写全称，填写内容简明扼要，一式二份。"],
        stem=_stem("附件2", e),
    )


def registration_sheet(entry=None) -> Sheet:
    """附件5 山西省通信行业优秀 QC 小组注册登记表."""
    e = entry
    topic_type = show(e, "topic_type") if e is not None else "问题解决型 / 创新型"
    return Sheet(
        attachment="附件5",
        title="山西省通信行业优秀 QC 小组注册登记表",
        header_left="单位(章)：" + _unit(e),
        header_right="课题类型：" + topic_type,
        blocks=[
            Grid(
                widths=[25, 25, 25, 25],
                rows=[
                    [L("小组名称"), L("所在部门"), L("成立日期"), L("登记注册号")],
                    [
                        V(show(e, "group_name")),
                        V(show(e, "department")),
                        V(show(e, "founded_on") or "年　月　日"),
                        V(show(e, "registration_number")),
                    ],
                ],
            ),
            Grid(
                widths=[16, 20, 12, 16, 12, 24],
                rows=[
                    [
                        L("组长姓名"),
                        V(show(e, "leader_name")),
                        L("性别"),
                        V(show(e, "leader_sex")),
                        L("职务"),
                        V(show(e, "leader_position")),
                    ]
                ],
            ),
            _members(
                e,
                ["成员姓名", "年龄", "职务(或职称)", "成员分工情况"],
                [22, 12, 28, 38],
                lambda m: [m.name, m.age, m.position, m.role],
            ),
        ],
        notes=["注：此表必须打印，单位盖章。课题类型必须注明：问题解决型、创新型。一式一份。"],
        stem=_stem("附件5", e),
    )


def enterprise_sheet(entry=None) -> Sheet:
    """附件3 山西省通信行业质量管理小组活动优秀企业报告单."""
    e = entry
    return Sheet(
        attachment="附件3",
        title="山西省通信行业质量管理小组活动优秀企业报告单",
        header_left=UNIT_SEAL + _unit(e),
        header_right=_serial(e),
        blocks=[
            Grid(
                widths=[16, 46, 12, 26],
                rows=[
                    [L("企业名称"), V(show(e, "name")), L("电话"), V(show(e, "phone"))],
                    [L("通讯地址"), V(show(e, "address")), L("邮编"), V(show(e, "postcode"))],
                ],
            ),
            LongText("经验事迹简介（700字以内）：", show(e, "experience"), min_lines=16),
            LongText(
                "推荐单位、部门意见：", show(e, "recommendation_opinion"), min_lines=5, seal=True
            ),
        ],
        notes=["注：企业名称（以公章为准）须用正楷写全称，填写内容简明扼要，一式一份。"],
        stem=_stem("附件3", e),
    )


def promoter_sheet(entry=None) -> Sheet:
    """附件4 山西省通信行业质量管理小组活动优秀推进者报告单."""
    e = entry
    return Sheet(
        attachment="附件4",
        title="山西省通信行业质量管理小组活动优秀推进者报告单",
        header_left=UNIT_SEAL + _unit(e),
        header_right=_serial(e),
        blocks=[
            Grid(
                widths=[14, 22, 10, 16, 10, 28],
                rows=[
                    [
                        L("姓名"),
                        V(show(e, "name")),
                        L("性别"),
                        V(show(e, "sex")),
                        L("职务"),
                        V(show(e, "position")),
                    ],
                    [
                        L("所在单位"),
                        V(show(e, "unit_name"), span=3),
                        L("电话"),
                        V(show(e, "phone")),
                    ],
                    [
                        L("通讯地址"),
                        V(show(e, "address"), span=3),
                        L("邮编"),
                        V(show(e, "postcode")),
                    ],
                    [L("从事质量管理小组工作年限", span=2), V(show(e, "qc_years"), span=4)],
                ],
            ),
            LongText("本人主要事迹和绩效（700字以内）：", show(e, "deeds"), min_lines=16),
            LongText("所在单位意见", show(e, "own_unit_opinion"), min_lines=4, seal=True),
            LongText("推荐单位意见", show(e, "recommending_unit_opinion"), min_lines=4, seal=True),
        ],
        notes=[
            "注：姓名、单位名称（以公章为准）须用正楷写全称，填写内容简明扼要，文字通顺清楚，一式一份。"
        ],
        stem=_stem("附件4", e),
    )


def _pairs(members):
    """附件6 prints two members per row."""
    rows = []
    for index in range(0, len(members), 2):
        left = members[index]
        right = members[index + 1] if index + 1 < len(members) else ["", "", "", "", ""]
        rows.append(left + right)
    return rows


def team_sheet(entry=None) -> Sheet:
    """附件6 山西省通信行业质量信得过班组报告单."""
    e = entry
    header = ["成员姓名", "年龄", "性别", "职称", "职责分工"] * 2
    if e is None:
        member_rows = [[""] * 10 for _ in range(6)]
    else:
        member_rows = _pairs(
            [[m.name, str(m.age), m.get_sex_display(), m.title, m.duty] for m in e.members.all()]
        )
    training = f"{show(e, 'trained_people')} / {show(e, 'training_hours')}" if e else "/"
    metric = [13, 12] * 4
    profile = [
        ("1．班组成员组成，班组职责，主要工作内容、班组文化和愿景。", "profile_composition"),
        ("2．班组基础管理情况。", "profile_management"),
        ("3．班组成员专业知识、技能培训、工具方法应用能力。", "profile_skills"),
        ("4．班组质量改进和创新能力。", "profile_improvement"),
        ("5．班组管理特色、业绩及评价结果。", "profile_features"),
        ("6．近三年取得荣誉情况，包括班组集体和个人荣誉。", "profile_honours"),
    ]
    award = show(e, "provincial_award")
    if e is not None and e.award_description:
        award += f"（{e.award_description}）"
    return Sheet(
        attachment="附件6",
        title="山西省通信行业质量信得过班组报告单",
        header_left="推荐单位（章）：" + _unit(e),
        header_right=_serial(e),
        blocks=[
            Grid(
                widths=metric,
                rows=[
                    [
                        L("班组名称"),
                        V(show(e, "team_name"), span=5),
                        L("人数"),
                        V(show(e, "member_count")),
                    ],
                    [L("企业名称（公章为准）"), V(show(e, "company_name"), span=7)],
                    [
                        L("通讯地址"),
                        V(show(e, "address"), span=5),
                        L("邮政编码"),
                        V(show(e, "postcode")),
                    ],
                    [
                        L("企业内主管部门"),
                        V(show(e, "department_in_charge")),
                        L("直接联系人"),
                        V(show(e, "contact")),
                        L("联系电话"),
                        V(show(e, "phone"), span=3),
                    ],
                    [
                        L("班组工作完成率%"),
                        V(show(e, "completion_rate")),
                        L("质量考核合格率%"),
                        V(show(e, "pass_rate")),
                        L("产品/服务不合格率%"),
                        V(show(e, "defect_rate")),
                        L("年质量、安全事故数"),
                        V(show(e, "accidents_per_year")),
                    ],
                    [
                        L("年顾客投诉数"),
                        V(show(e, "complaints_per_year")),
                        L("产品/服务一次合格率"),
                        V(show(e, "first_pass_rate")),
                        L("年培训人数/时数"),
                        V(training),
                        L("成员参与改进活动率%"),
                        V(show(e, "improvement_participation")),
                    ],
                    [L("质量成本（万元/年）"), V(show(e, "quality_cost"), span=7)],
                    [
                        L("班组长姓名"),
                        V(show(e, "leader_name")),
                        L("性别"),
                        V(show(e, "leader_sex")),
                        L("年龄"),
                        V(show(e, "leader_age")),
                        L("职务"),
                        V(show(e, "leader_position")),
                    ],
                ],
            ),
            MemberTable(header=header, rows=member_rows, widths=[12, 7, 7, 11, 13] * 2),
            Grid(
                widths=[30, 20, 30, 20],
                rows=[
                    [
                        L("近二年质量、安全、环保事故数"),
                        V(show(e, "accidents_last_two_years")),
                        L("改进小组近二年获省以上QC成果"),
                        V(award),
                    ]
                ],
            ),
            *(LongText(label, show(e, name), min_lines=4) for label, name in profile),
        ],
        notes=[
            "注：1.申报材料要求：①填写申报表，提交纸质版原件一份加盖公章和 WPS 电子版一份（不需公章）。"
            "②班组创建材料 WPS 文本格式电子版，字数 5000 字以内。",
            "2.注意事项：企业名称（以公章为准）、班组名称须用正楷写全称，填写内容简明扼要准确无误。",
        ],
        stem=_stem("附件6", e),
    )


def _tick(entry, name):
    return "☑" if entry is not None and getattr(entry, name) else "□"


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
    forms = "　".join(
        f"{_tick(e, name)}{label}"
        for name, label in [
            ("review_by_presentation", "发表评审"),
            ("review_on_site", "现场评审"),
            ("review_with_qc_groups", "与 QC 小组合开"),
            ("review_by_unit", "单位举办"),
        ]
    )
    rows = [[L("统 计 项 目"), L("单位"), L("数量")]]
    rows += [[V(label), V(unit), V(value)] for label, unit, value in items]
    rows += [
        [V("班组评审及交流形式（在□上打√）"), V(forms, span=2)],
        [V("QC 小组工作总结"), V("另附页（3000 字以内）", span=2)],
        [V("质量信得过班组建设工作总结"), V("另附页（2000 字以内）", span=2)],
    ]
    return Sheet(
        attachment="附件7",
        title="山西省通信行业质量管理小组/质量信得过班组活动统计表",
        subtitle=period,
        header_left="推荐市、行业：" + _unit(e),
        header_right=_serial(e),
        blocks=[
            Grid(widths=[66, 12, 22], rows=rows),
            Grid(
                widths=[22, 28, 20, 30],
                rows=[
                    [
                        L("QC 小组/质量信得过班组工作归口部门"),
                        V(show(e, "responsible_department"), span=3),
                    ],
                    [L("负责人"), V(show(e, "head")), L("联系电话"), V(show(e, "phone"))],
                    [L("通信地址"), V(show(e, "address"), span=3)],
                    [L("邮政编码"), V(show(e, "postcode")), L("电子邮箱"), V(show(e, "email"))],
                ],
            ),
            LongText("QC 小组工作总结（3000 字以内）：", show(e, "qc_summary"), min_lines=10),
            LongText(
                "质量信得过班组建设工作总结（2000 字以内）：", show(e, "team_summary"), min_lines=10
            ),
        ],
        notes=[
            "注：(1)本统计表来自企业统计数据资料。(2)各市统计数字，务必扣除省直部门直属企业数。"
        ],
        stem=_stem("附件7", e),
    )
