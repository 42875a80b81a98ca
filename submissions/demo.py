"""Demo entries for `manage.py seed_demo`, so that a newcomer sees a unit's dossier at once."""

from datetime import date

from django.core.files.base import ContentFile

from submissions import services
from submissions.models import (
    AchievementFile,
    ActivityStatistics,
    ExcellentEnterprise,
    QcAchievement,
    QcGroupMember,
)

#: A one-page PDF, enough to stand for an uploaded material.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _achievement(campaign, unit, user, group_name, topic, topic_type, members):
    achievement = QcAchievement(
        campaign=campaign,
        member_unit=unit,
        group_name=group_name,
        member_count=len(members),
        topic=topic,
        topic_type=topic_type,
        company_name=unit.full_name,
        postcode="030001",
        address="太原市并州路1号",
        contact=user.name,
        department_in_charge="网络部",
        phone="0351-1234567",
        instructor="王工程师",
        group_profile="小组由一线维护人员组成，平均年龄35岁，2019年注册。",
        activity_summary="按PDCA循环开展活动：现状调查、原因分析、要因确认、对策实施，目标全部达成。",
        department="网络运行维护中心",
        founded_on=date(2019, 3, 1),
        registration_number=f"SX-{unit.pk:02d}-{len(group_name):03d}",
        leader_name=members[0][0],
        leader_sex="male",
        leader_position="班长",
    )
    services.save_entry(entry=achievement, user=user)
    for order, (name, age, position, role) in enumerate(members):
        QcGroupMember.objects.create(
            achievement=achievement, name=name, age=age, position=position, role=role, order=order
        )
    return achievement


def _attach_materials(achievement):
    for kind in AchievementFile.Kind:
        AchievementFile.objects.create(
            achievement=achievement,
            kind=kind,
            file=ContentFile(DEMO_PDF, name=f"demo-{achievement.pk}-{kind}.pdf"),
            original_name=f"{achievement.group_name}-{kind.label}.pdf",
            content_type="application/pdf",
            size=len(DEMO_PDF),
        )


def create_demo_entries(*, campaign, units, coordinators) -> None:
    """A submitted and a draft achievement and an enterprise of 山西联通; 山西移动's statistics."""
    unicom, mobile = units["山西联通"], units["山西移动"]
    unicom_user, mobile_user = coordinators["unicom"], coordinators["mobile"]
    submitted = _achievement(
        campaign,
        unicom,
        unicom_user,
        "光网先锋QC小组",
        "缩短家庭宽带故障修复时长",
        "problem_solving",
        [
            ("张伟", 41, "班长", "组长"),
            ("李娜", 33, "工程师", "数据分析"),
            ("赵磊", 28, "助理工程师", "现场实施"),
        ],
    )
    _attach_materials(submitted)
    services.submit(entry=submitted, user=unicom_user)
    _achievement(
        campaign,
        unicom,
        unicom_user,
        "智维创新QC小组",
        "研制基站蓄电池远程核容装置",
        "innovative",
        [("王强", 37, "高级工程师", "组长"), ("刘洋", 30, "工程师", "方案设计")],
    )
    enterprise = ExcellentEnterprise(
        campaign=campaign,
        member_unit=unicom,
        name=unicom.full_name,
        phone="0351-1234567",
        address="太原市并州路1号",
        postcode="030001",
        experience="公司领导高度重视质量管理小组活动，近三年共注册QC小组120个，获全省优秀成果15项。",
        recommendation_opinion="同意推荐。",
        contact=unicom_user.name,
    )
    services.save_entry(entry=enterprise, user=unicom_user)
    services.submit(entry=enterprise, user=unicom_user)
    services.save_entry(
        entry=ActivityStatistics(
            campaign=campaign,
            member_unit=mobile,
            presentation_meetings=2,
            training_sessions=4,
            training_participants=260,
            registered_groups_total="0.12",
            registered_groups=96,
            participants=820,
            employees=5400,
            active_groups=90,
            economic_value="456.80",
            groups_with_results=48,
            funding="18.50",
            rewards="9.20",
            suggestions=310,
            diagnosticians_provincial=4,
            diagnosticians_national=1,
            teams_recommended=2,
            teams_recommended_total=11,
            team_funding="6.00",
            team_rewards="3.00",
            review_by_presentation=True,
            qc_summary="全年QC小组活动覆盖各地市分公司。",
            team_summary="质量信得过班组建设稳步推进。",
            responsible_department="企业管理部",
            head="周主任",
            phone="0351-7654321",
            address="太原市长风街1号",
            postcode="030006",
            email="qc@example.com",
        ),
        user=mobile_user,
    )
