from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal import services
from portal.models import Campaign
from portal.permissions import Role
from submissions.quotas import achievement_quota_table
from tests.factories import (
    CampaignFactory,
    DeadlineExtensionFactory,
    MemberUnitFactory,
    QuotaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_second_current_campaign_is_refused_by_the_database(campaign):
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignFactory(is_current=True)


def test_make_current_leaves_exactly_one_current_campaign(campaign):
    newer = CampaignFactory(is_current=False)
    services.make_current(campaign=newer)
    assert list(Campaign.objects.filter(is_current=True)) == [newer]


def test_current_is_none_without_a_current_campaign():
    CampaignFactory(is_current=False)
    assert Campaign.objects.current() is None


def test_statistics_period_must_not_end_before_it_starts(campaign):
    campaign.statistics_period_end = campaign.statistics_period_start - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert error.value.messages == ["统计期的结束日期不能早于开始日期。"]


def test_review_before_the_deadline_is_refused(campaign):
    campaign.preliminary_review_date = campaign.submission_deadline.date() - timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert list(error.value.message_dict) == ["preliminary_review_date"]


def test_deadline_for_a_unit_is_the_campaigns_without_extension(campaign, unit_a):
    assert campaign.deadline_for(unit_a) == campaign.submission_deadline


def test_latest_extension_sets_the_units_deadline(campaign, unit_a, unit_b, staff_user):
    later = campaign.submission_deadline + timedelta(days=5)
    DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a)
    services.grant_extension(
        campaign=campaign,
        member_unit=unit_a,
        new_deadline=later,
        reason="盖章延误",
        granted_by=staff_user,
    )
    assert (campaign.deadline_for(unit_a), campaign.deadline_for(unit_b)) == (
        later,
        campaign.submission_deadline,
    )


def test_extension_before_the_campaign_deadline_is_refused(campaign, unit_a, staff_user):
    with pytest.raises(ValidationError) as error:
        services.grant_extension(
            campaign=campaign,
            member_unit=unit_a,
            new_deadline=campaign.submission_deadline - timedelta(hours=1),
            reason="太早",
            granted_by=staff_user,
        )
    assert list(error.value.message_dict) == ["new_deadline"]


def test_extension_needs_a_reason(campaign, unit_a, staff_user):
    with pytest.raises(ValidationError) as error:
        services.grant_extension(
            campaign=campaign,
            member_unit=unit_a,
            new_deadline=campaign.submission_deadline + timedelta(days=1),
            reason="  ",
            granted_by=staff_user,
        )
    assert "reason" in error.value.message_dict


def test_quota_usage_lists_every_active_unit_with_its_limit(campaign, quota_a, unit_b):
    MemberUnitFactory(short_name="停用单位", is_active=False)
    usage = {
        row.label: (row.limit, row.used, row.left) for row in achievement_quota_table(campaign)
    }
    assert usage == {"山西联通": (10, 0, 10), "山西移动": (None, 0, None)}


def test_one_quota_per_unit_and_campaign(quota_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        QuotaFactory(campaign=quota_a.campaign, member_unit=quota_a.member_unit)


def test_a_coordinator_must_belong_to_a_unit():
    user = UserFactory.build(username="lost", member_unit=None, role=Role.COORDINATOR)
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert list(error.value.message_dict) == ["member_unit"]


def test_staff_belong_to_no_unit(unit_a):
    user = UserFactory.build(username="mixed", member_unit=unit_a, role=Role.STAFF)
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert list(error.value.message_dict) == ["member_unit"]


@pytest.mark.parametrize(
    ("role", "admin_site"),
    [(Role.ADMIN, True), (Role.STAFF, False), (Role.JUDGE, False), (Role.COORDINATOR, False)],
)
def test_only_the_admin_role_enters_the_admin_site(role, admin_site, unit_a):
    user = UserFactory(role=role, member_unit=unit_a if role == Role.COORDINATOR else None)
    assert (user.is_staff, user.is_superuser) == (admin_site, admin_site)


def test_createsuperuser_makes_an_admin():
    from portal.models import User

    user = User.objects.create_superuser("root", "root@example.com", "x")
    assert user.role == Role.ADMIN
