"""Every URL × every role: logged out → login, wrong role → 403, another unit's row → not found."""

import pytest
from django.urls import reverse

from portal.models import DeadlineExtension, MemberUnit, Quota, User
from tests.factories import DeadlineExtensionFactory

pytestmark = pytest.mark.django_db

PUBLIC = ["home", "campaign_list"]
ANY_LOGGED_IN = ["dashboard", "password_change"]
STAFF_ONLY = ["account_list", "account_create", "extension_list"]
ADMIN_ONLY = ["admin:index", "admin:portal_campaign_changelist", "admin:portal_user_changelist"]

ALLOWED = {
    "anonymous": set(PUBLIC),
    "coordinator": set(PUBLIC + ANY_LOGGED_IN),
    "judge": set(PUBLIC + ANY_LOGGED_IN),
    "staff": set(PUBLIC + ANY_LOGGED_IN + STAFF_ONLY),
    "admin": set(PUBLIC + ANY_LOGGED_IN + STAFF_ONLY + ADMIN_ONLY),
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("url_name", PUBLIC + ANY_LOGGED_IN + STAFF_ONLY + ADMIN_ONLY)
def test_url_role_matrix(client, personas, campaign, role, url_name):
    if role != "anonymous":
        client.force_login(personas[role])
    response = client.get(reverse(url_name))
    if url_name in ALLOWED[role]:
        expected = 200
    elif role == "anonymous" or url_name in ADMIN_ONLY:
        expected = 302  # to the login page (the admin site has its own)
    else:
        expected = 403
    assert response.status_code == expected
    if expected == 302:
        assert "login" in response["Location"]


@pytest.mark.parametrize("role", ["coordinator", "judge"])
def test_advance_phase_is_forbidden_to_non_staff(client, personas, campaign, role):
    client.force_login(personas[role])
    assert client.post(reverse("move_phase")).status_code == 403


def test_advance_phase_sends_anonymous_users_to_login(client, campaign):
    response = client.post(reverse("move_phase"))
    assert response.status_code == 302 and "login" in response["Location"]


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
