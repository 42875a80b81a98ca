"""Querysets scoped to the user (another unit's row is not found) and Django's own pages by role."""

import pytest
from django.urls import reverse

from portal.models import DeadlineExtension, MemberUnit, Quota, User
from tests.factories import DeadlineExtensionFactory

pytestmark = pytest.mark.django_db

#: Django's own pages, which the project's URL matrix (tests/website/test_url_matrix.py)
#: leaves out: the admin site (admins only) and the password change (anyone logged in).
ADMIN_ONLY = ["admin:index", "admin:portal_campaign_changelist", "admin:portal_user_changelist"]


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "judge", "staff", "admin"])
@pytest.mark.parametrize("url_name", [*ADMIN_ONLY, "password_change"])
def test_djangos_own_pages_by_role(client, personas, campaign, role, url_name):
    if role != "anonymous":
        client.force_login(personas[role])
    response = client.get(reverse(url_name))
    if role == "anonymous" or (url_name in ADMIN_ONLY and role != "admin"):
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 200


def test_coordinator_sees_only_own_units_rows(coordinator_a, quota_a, quota_b):
    DeadlineExtensionFactory(campaign=quota_a.campaign, member_unit=quota_b.member_unit)
    assert (
        list(Quota.objects.for_user(coordinator_a)),
        list(MemberUnit.objects.for_user(coordinator_a)),
        list(DeadlineExtension.objects.for_user(coordinator_a)),
    ) == ([quota_a], [coordinator_a.member_unit], [])


def test_staff_see_every_units_rows(staff_user, quota_a, quota_b):
    assert set(Quota.objects.for_user(staff_user)) == {quota_a, quota_b}


def test_judges_see_no_unit_rows(judge, quota_a):
    assert list(Quota.objects.for_user(judge)) == []


def test_anonymous_users_see_no_accounts(coordinator_a):
    from django.contrib.auth.models import AnonymousUser

    assert list(User.objects.for_user(AnonymousUser())) == []


def test_coordinator_sees_accounts_of_own_unit_only(coordinator_a, coordinator_b):
    assert list(User.objects.for_user(coordinator_a)) == [coordinator_a]


def test_inactive_staff_account_has_no_rights(client, staff_user):
    staff_user.is_active = False
    staff_user.save()
    assert list(Quota.objects.for_user(staff_user)) == []
