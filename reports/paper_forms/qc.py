"""附件2 成果报告单 and 附件5 注册登记表."""

from reports.paper_forms.common import (
    UNIT_SEAL,
    file_stem,
    member_table,
    serial_line,
    show,
    unit_name,
)
from reports.sheets import Grid, L, LongText, Sheet, V


def achievement_sheet(entry=None) -> Sheet:
    """附件2 山西省通信行业优秀质量管理小组成果报告单."""
    e = entry
    return Sheet(
        attachment="附件2",
        title="山西省通信行业优秀质量管理小组成果报告单",
        header_left=UNIT_SEAL + unit_name(e),
        header_right=serial_line(e),
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
            LongText("主要活动过程与效果：", show(e, "activity_summary"), min_lines=13),
        ],
        notes=["注：企业名称（以公章为准）、小组名称须用正楷写全称，填写内容简明扼要，一式二份。"],
        stem=file_stem("附件2", e),
    )


def registration_sheet(entry=None) -> Sheet:
    """附件5 山西省通信行业优秀 QC 小组注册登记表."""
    e = entry
    topic_type = show(e, "topic_type") if e is not None else "问题解决型 / 创新型"
    return Sheet(
        attachment="附件5",
        title="山西省通信行业优秀 QC 小组注册登记表",
        header_left="单位（章）：" + unit_name(e),
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
            member_table(
                e,
                ["成员姓名", "年龄", "职务（或职称）", "成员分工情况"],
                [22, 12, 28, 38],
                lambda m: [m.name, m.age, m.position, m.role],
                blank_rows=15,
            ),
        ],
        notes=["注：此表必须打印，单位盖章。课题类型必须注明：问题解决型、创新型。一式一份。"],
        stem=file_stem("附件5", e),
    )
