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
