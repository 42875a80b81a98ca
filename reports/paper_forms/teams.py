"""附件6 质量信得过班组报告单."""

from reports.paper_forms.common import (
    file_stem,
    serial_line,
    show,
    unit_name,
)
from reports.sheets import Grid, Heading, L, LongText, MemberTable, Sheet, V


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
    return Sheet(
        attachment="附件6",
        title="山西省通信行业质量信得过班组报告单",
        header_left="推荐单位（章）：" + unit_name(e),
        header_right=serial_line(e),
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
                ],
            ),
            # The paper's fifth row has five measures, one more than the rows around it.
            Grid(
                widths=[10] * 10,
                rows=[
                    [
                        L("班组工作完成率%"),
                        V(show(e, "completion_rate")),
                        L("质量考核合格率%"),
                        V(show(e, "pass_rate")),
                        L("产品/服务不合格率%"),
                        V(show(e, "defect_rate")),
                        L("年质量、安全事故数"),
                        V(show(e, "accidents_per_year")),
                        L("年顾客投诉数"),
                        V(show(e, "complaints_per_year")),
                    ]
                ],
            ),
            Grid(
                widths=metric,
                rows=[
                    [
                        L("产品/服务一次合格率"),
                        V(show(e, "first_pass_rate")),
                        L("年培训人数/时数"),
                        V(training),
                        L("成员参与改进活动率%"),
                        V(show(e, "improvement_participation")),
                        L("质量成本（万元/年）"),
                        V(show(e, "quality_cost")),
                    ],
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
            Heading("质量信得过班组简介及活动结果（另附纸）："),
            *(LongText(label, show(e, name), min_lines=3) for label, name in profile),
        ],
        notes=[
            "注：1.申报材料要求：①填写申报表，提交纸质版原件一份加盖公章和 WPS 电子版一份（不需公章）。"
            "②班组创建材料 WPS 文本格式电子版，字数 5000 字以内。",
            "2.注意事项：企业名称（以公章为准）、班组名称须用正楷写全称，填写内容简明扼要准确无误。",
        ],
        stem=file_stem("附件6", e),
    )
