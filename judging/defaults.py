"""The default rubrics of judging.md (after T/CAQ 10201-2020); staff edit them per campaign."""

from django.db import transaction

from judging.models import Criterion, JudgingSettings, Round, Rubric
from submissions.models import TopicType

MATERIAL = [
    ("活动记录真实完整", "原始记录本记录及时、真实、完整，有现场凭证", 30),
    ("活动程序规范", "按质量管理小组活动程序开展，步骤完整、逻辑清楚", 30),
    ("统计方法运用恰当", "统计工具选用正确、运用恰当，数据可信", 20),
    ("成果效益真实可信", "效果经数据验证，效益计算实事求是", 20),
]

DEFAULT_RUBRICS = {
    (Round.MATERIAL, TopicType.PROBLEM_SOLVING): MATERIAL,
    (Round.MATERIAL, TopicType.INNOVATIVE): MATERIAL,
    (Round.PRESENTATION, TopicType.PROBLEM_SOLVING): [
        ("选题", "选题与目标或现场问题紧密结合，理由充分，课题具体", 10),
        ("现状调查与目标设定", "现状调查以数据为依据，目标可测量、有依据", 15),
        ("原因分析与要因确认", "原因分析全面，要因经现场数据确认", 20),
        ("对策制定与实施", "按5W1H制定对策，逐项实施并检查", 20),
        ("效果检查", "目标达成，效果以数据验证，效益计算实事求是", 15),
        ("巩固措施与总结", "标准化、经验总结和下一步课题", 10),
        ("发表", "清楚、图表直观、按时，答辩得当", 10),
    ],
    (Round.PRESENTATION, TopicType.INNOVATIVE): [
        ("选题", "需求明确，借鉴的创意注明出处", 15),
        ("设定目标及可行性论证", "目标量化，可行性有数据论证", 10),
        ("提出方案并确定最佳方案", "提出多个方案，依据事实比较选定", 25),
        ("制定对策与对策实施", "依据最佳方案制定对策，逐项实施并检查", 20),
        ("效果检查", "目标达成，效果经验证", 10),
        ("标准化与总结", "形成标准，总结并提出下一步打算", 10),
        ("发表", "清楚、图表直观、按时，答辩得当", 10),
    ],
}


@transaction.atomic
def install_default_rubrics(campaign) -> None:
    """Give ``campaign`` its judging settings and the four default rubrics it lacks; what exists
    is left as it is."""
    JudgingSettings.of(campaign)
    for (round_, topic_type), criteria in DEFAULT_RUBRICS.items():
        rubric, created = Rubric.objects.get_or_create(
            campaign=campaign, round=round_, topic_type=topic_type
        )
        if created:
            Criterion.objects.bulk_create(
                Criterion(
                    rubric=rubric, order=order, name=name, guidance=guidance, max_points=points
                )
                for order, (name, guidance, points) in enumerate(criteria)
            )
