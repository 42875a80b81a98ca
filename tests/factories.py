from datetime import date, timedelta

import factory
from django.utils import timezone

from portal.models import Campaign, DeadlineExtension, MemberUnit, Quota, User
from portal.permissions import Role

PASSWORD = "correct-horse-battery"


class MemberUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberUnit
        django_get_or_create = ["short_name"]

    short_name = factory.Sequence(lambda n: f"会员单位{n}")
    full_name = factory.LazyAttribute(lambda unit: f"{unit.short_name}有限公司")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda c: f"{c.year}年全省通信行业优秀质量管理小组成果交流会")
    notice_number = factory.LazyAttribute(lambda c: f"晋通行字〔{c.year}〕22号")
    issue_date = factory.LazyFunction(timezone.localdate)
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    preliminary_review_date = factory.LazyAttribute(
        lambda c: timezone.localdate(c.submission_deadline) + timedelta(days=1)
    )
    presentation_at = factory.LazyAttribute(lambda c: c.submission_deadline + timedelta(days=10))
    venue = "三晋（山西）邮电大厦 3层"
    statistics_period_start = date(2020, 6, 1)
    statistics_period_end = date(2021, 5, 31)
    contact_email = "qc@example.com"
    is_current = True


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quota

    campaign = factory.SubFactory(CampaignFactory)
    member_unit = factory.SubFactory(MemberUnitFactory)
    achievement_limit = 10


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = Role.COORDINATOR
    member_unit = factory.SubFactory(MemberUnitFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class StaffFactory(UserFactory):
    role = Role.STAFF
    member_unit = None


class AdminFactory(UserFactory):
    role = Role.ADMIN
    member_unit = None


class JudgeFactory(UserFactory):
    role = Role.JUDGE
    member_unit = None


class DeadlineExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineExtension

    campaign = factory.SubFactory(CampaignFactory)
    member_unit = factory.SubFactory(MemberUnitFactory)
    new_deadline = factory.LazyAttribute(
        lambda e: e.campaign.submission_deadline + timedelta(days=3)
    )
    reason = "材料需要补盖公章"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    campaign = factory.SubFactory(CampaignFactory)
    member_unit = factory.SubFactory(MemberUnitFactory)


class QcAchievementFactory(EntryFactory):
    class Meta:
        model = "submissions.QcAchievement"

    group_name = factory.Sequence(lambda n: f"网络优化QC小组{n}")
    member_count = 0
    topic = "降低基站退服率"
    topic_type = "problem_solving"
    company_name = factory.LazyAttribute(lambda a: a.member_unit.full_name)
    postcode = "030001"
    address = "太原市并州路1号"
    contact = "李明"
    department_in_charge = "网络部"
    phone = "13812345678"
    instructor = "王工"
    group_profile = "小组成立于2019年。"
    activity_summary = "按PDCA开展活动，目标达成。"
    department = "网络运维中心"
    founded_on = date(2019, 3, 1)
    registration_number = factory.Sequence(lambda n: f"SX-QC-{n:04d}")
    leader_name = "张三"
    leader_sex = "male"
    leader_position = "班长"


class QcGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "submissions.QcGroupMember"

    achievement = factory.SubFactory(QcAchievementFactory)
    name = factory.Sequence(lambda n: f"组员{n}")
    age = 35
    position = "工程师"
    role = "数据收集"


class ExcellentEnterpriseFactory(EntryFactory):
    class Meta:
        model = "submissions.ExcellentEnterprise"

    name = factory.LazyAttribute(lambda e: e.member_unit.full_name)
    phone = "0351-1234567"
    address = "太原市并州路1号"
    postcode = "030001"
    experience = "推进QC小组活动成效显著。"
    recommendation_opinion = "同意推荐。"
    contact = "李明"


class ExcellentPromoterFactory(EntryFactory):
    class Meta:
        model = "submissions.ExcellentPromoter"

    name = "赵推进"
    sex = "female"
    position = "质量部主任"
    unit_name = factory.LazyAttribute(lambda e: e.member_unit.full_name)
    phone = "13912345678"
    address = "太原市并州路1号"
    postcode = "030001"
    qc_years = 8
    deeds = "长期推动QC小组活动。"
    own_unit_opinion = "同意。"
    recommending_unit_opinion = "同意推荐。"
    contact = "李明"


class TrustedTeamFactory(EntryFactory):
    class Meta:
        model = "submissions.TrustedTeam"

    team_name = factory.Sequence(lambda n: f"装维班{n}")
    member_count = 0
    company_name = factory.LazyAttribute(lambda e: e.member_unit.full_name)
    address = "太原市并州路1号"
    postcode = "030001"
    department_in_charge = "客户服务部"
    contact = "钱联系"
    phone = "0351-7654321"
    completion_rate = 100
    pass_rate = 99.5
    defect_rate = 0.5
    accidents_per_year = 0
    complaints_per_year = 1
    first_pass_rate = 98
    trained_people = 12
    training_hours = 48
    improvement_participation = 100
    quality_cost = 3.5
    leader_name = "孙班长"
    leader_sex = "male"
    leader_age = 40
    leader_position = "班长"
    profile_composition = "班组共12人。"
    profile_management = "制度健全。"
    profile_skills = "定期培训。"
    profile_improvement = "开展QC活动。"
    profile_features = "服务标准化。"
    profile_honours = "2020年省级先进班组。"
    accidents_last_two_years = 0
    provincial_award = True


class ActivityStatisticsFactory(EntryFactory):
    class Meta:
        model = "submissions.ActivityStatistics"

    presentation_meetings = 2
    training_sessions = 3
    training_participants = 120
    registered_groups_total = 0.15
    registered_groups = 80
    participants = 600
    employees = 3000
    active_groups = 75
    economic_value = 320.5
    groups_with_results = 40
    funding = 12
    rewards = 6
    suggestions = 150
    diagnosticians_provincial = 3
    diagnosticians_national = 1
    teams_recommended = 2
    teams_recommended_total = 9
    team_funding = 4
    team_rewards = 2
    qc_summary = "全年QC小组活动扎实推进。"
    team_summary = "班组建设稳步开展。"
    responsible_department = "企业发展部"
    head = "周主任"
    phone = "0351-2222333"
    address = "太原市并州路1号"
    postcode = "030001"
    email = "qc@example.com"


def seat_panel(campaign, judges, chief=None):
    """Seat ``judges`` on the campaign's panel (the first one chief unless told otherwise)."""
    from judging.models import PanelMember

    for judge in judges:
        PanelMember.objects.create(
            campaign=campaign, judge=judge, is_chief=judge == (chief or judges[0])
        )
