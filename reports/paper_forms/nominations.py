"""附件3 优秀企业 and 附件4 优秀推进者."""

from reports.paper_forms.common import (
    UNIT_SEAL,
    file_stem,
    serial_line,
    show,
    unit_name,
)
from reports.sheets import Grid, L, LongText, Sheet, V


def enterprise_sheet(entry=None) -> Sheet:
    """附件3 山西省通信行业质量管理小组活动优秀企业报告单."""
    e = entry
    return Sheet(
        attachment="附件3",
        title="山西省通信行业质量管理小组活动优秀企业报告单",
        header_left=UNIT_SEAL + unit_name(e),
        header_right=serial_line(e),
        blocks=[
            Grid(
                widths=[16, 46, 12, 26],
                rows=[
                    [L("企业名称"), V(show(e, "name")), L("电话"), V(show(e, "phone"))],
                    [L("通讯地址"), V(show(e, "address")), L("邮编"), V(show(e, "postcode"))],
                ],
            ),
            LongText("经验事迹简介（700字以内）：", show(e, "experience"), min_lines=18),
            LongText(
                "推荐单位、部门意见：", show(e, "recommendation_opinion"), min_lines=5, seal=True
            ),
        ],
        notes=["注：企业名称（以公章为准）须用正楷写全称，填写内容简明扼要，一式一份。"],
        stem=file_stem("附件3", e),
    )


def promoter_sheet(entry=None) -> Sheet:
    """附件4 山西省通信行业质量管理小组活动优秀推进者报告单."""
    e = entry
    return Sheet(
        attachment="附件4",
        title="山西省通信行业质量管理小组活动优秀推进者报告单",
        header_left=UNIT_SEAL + unit_name(e),
        header_right=serial_line(e),
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
                ],
            ),
            LongText("本人主要事迹和绩效（700字以内）：", show(e, "deeds"), min_lines=11),
            LongText("所在单位意见", show(e, "own_unit_opinion"), min_lines=3, seal=True),
            LongText("推荐单位意见", show(e, "recommending_unit_opinion"), min_lines=3, seal=True),
        ],
        notes=[
            "注：姓名、单位名称（以公章为准）须用正楷写全称，填写内容简明扼要，文字通顺清楚，一式一份。"
        ],
        stem=file_stem("附件4", e),
    )
