import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import CampaignContact, DeadlineExtension, Phase, User
from portal.permissions import Role
from tests.factories import PASSWORD, MemberUnitFactory, QuotaFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_notices_essentials_in_chinese(client, campaign, quota_a):
    CampaignContact.objects.create(campaign=campaign, name="赵进", phone="18603456030")
    html = client.get(reverse("home")).content.decode()
    for text in [
        campaign.title,
        campaign.notice_number,
        campaign.venue,
        "赵进 18603456030",
        "qc@example.com",
        "报送材料",
        timezone.localtime(campaign.submission_deadline).strftime("%Y-%m-%d %H:%M"),
        'data-countdown="',
        "山西联通",
    ]:
        assert text in html, text


def test_home_lists_quota_limit_used_and_left_per_unit(client, campaign, quota_a, unit_b):
    html = client.get(reverse("home")).content.decode()
    rows = re.findall(
        r"<tr>\s*<td>(\S+) .*?</td>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>",
        html,
        re.S,
    )
    assert rows == [("山西联通", "10", "0", "10"), ("山西移动", "不限", "0", "—")]


def test_home_query_count_does_not_grow_with_units(client, campaign, django_assert_max_num_queries):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("home")).status_code == 200
        return len(ctx.captured_queries)

    QuotaFactory(campaign=campaign)
    few = count()
    for _ in range(20):
        QuotaFactory(campaign=campaign)
    assert count() == few


def test_home_without_a_campaign_says_so(client, db):
    assert "目前没有" in client.get(reverse("home")).content.decode()


def test_past_campaign_stays_readable(client, campaign):
    campaign.is_current = False
    campaign.phase = Phase.ARCHIVED
    campaign.save()
    response = client.get(reverse("campaign_detail", args=[campaign.year]))
    assert campaign.title in response.content.decode()


def test_unknown_campaign_year_is_404(client, campaign):
    assert client.get(reverse("campaign_detail", args=[1999])).status_code == 404


def test_user_text_is_escaped(client, campaign):
    QuotaFactory(campaign=campaign, member_unit=MemberUnitFactory(short_name="<script>x</script>"))
    html = client.get(reverse("home")).content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_english_is_available(client, campaign):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "What to submit" in client.get(reverse("home")).content.decode()


def test_coordinator_dashboard_shows_unit_deadline_and_quota(client, coordinator_a, quota_a):
    client.force_login(coordinator_a)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="coordinator-dashboard"' in html and "山西联通" in html
    assert 'data-testid="staff-dashboard"' not in html


def test_coordinator_dashboard_shows_the_extended_deadline(
    client, coordinator_a, quota_a, staff_user
):
    later = quota_a.campaign.submission_deadline + timedelta(days=3)
    DeadlineExtension.objects.create(
        campaign=quota_a.campaign,
        member_unit=coordinator_a.member_unit,
        new_deadline=later,
        reason="r",
    )
    client.force_login(coordinator_a)
    html = client.get(reverse("dashboard")).content.decode()
    assert timezone.localtime(later).strftime("%Y-%m-%d %H:%M") in html and "已延期" in html


@pytest.mark.parametrize(
    ("role", "marker"),
    [("staff", "staff-dashboard"), ("judge", "judge-dashboard"), ("admin", "admin-dashboard")],
)
def test_dashboard_differs_per_role(client, personas, campaign, role, marker):
    client.force_login(personas[role])
    html = client.get(reverse("dashboard")).content.decode()
    markers = set(re.findall(r'data-testid="(\w+-dashboard)"', html))
    expected = {"staff-dashboard", "admin-dashboard"} if role == "admin" else {marker}
    assert markers == expected


def test_staff_create_a_unit_account_and_its_owner_sets_a_password(
    client, staff_user, unit_a, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_create"),
            {
                "username": "newcoord",
                "name": "新联系人",
                "email": "new@example.com",
                "phone": "13800000000",
                "role": Role.COORDINATOR,
                "member_unit": unit_a.pk,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="newcoord")
    assert (user.member_unit, user.has_usable_password()) == (unit_a, False)
    assert mail.outbox[0].to == ["new@example.com"]
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    client.logout()
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "Qc-portal-2026!", "new_password2": "Qc-portal-2026!"})
    user.refresh_from_db()
    assert user.check_password("Qc-portal-2026!")


def test_staff_cannot_create_an_admin(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("account_create"),
        {"username": "evil", "name": "x", "email": "e@example.com", "role": Role.ADMIN},
    )
    assert response.status_code == 200 and not User.objects.filter(username="evil").exists()


def test_account_form_keeps_what_was_typed_and_explains_in_chinese(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("account_create"),
        {
            "username": "coordx",
            "name": "王五",
            "email": "wang@example.com",
            "role": Role.COORDINATOR,
        },
    )
    html = response.content.decode()
    assert "单位联络员必须属于一个会员单位" in html and 'value="wang@example.com"' in html


def test_staff_grant_an_extension(client, staff_user, campaign, unit_a):
    client.force_login(staff_user)
    new_deadline = timezone.localtime(campaign.submission_deadline + timedelta(days=2))
    client.post(
        reverse("extension_list"),
        {
            "member_unit": unit_a.pk,
            "new_deadline": new_deadline.strftime("%Y-%m-%dT%H:%M"),
            "reason": "公章延误",
        },
    )
    extension = DeadlineExtension.objects.get()
    assert (extension.granted_by, extension.member_unit) == (staff_user, unit_a)


def test_extension_too_early_is_refused_beside_the_field(client, staff_user, campaign, unit_a):
    client.force_login(staff_user)
    early = timezone.localtime(campaign.submission_deadline - timedelta(days=2))
    response = client.post(
        reverse("extension_list"),
        {
            "member_unit": unit_a.pk,
            "new_deadline": early.strftime("%Y-%m-%dT%H:%M"),
            "reason": "原因",
        },
    )
    assert "延期必须晚于本届的截止时间" in response.content.decode()
    assert not DeadlineExtension.objects.exists()


def test_login_page_logs_in_and_lands_on_the_dashboard(client, coordinator_a, campaign):
    response = client.post(reverse("login"), {"username": "coord_a", "password": PASSWORD})
    assert response["Location"] == reverse("dashboard")


def test_repeated_failed_logins_are_throttled(client, coordinator_a, campaign):
    for _ in range(5):
        client.post(reverse("login"), {"username": "coord_a", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "coord_a", "password": PASSWORD})
    assert response.status_code == 429 and "登录失败次数过多" in response.content.decode()


def test_password_reset_mails_a_link(client, coordinator_a):
    client.post(reverse("password_reset"), {"email": coordinator_a.email})
    assert mail.outbox[0].to == [coordinator_a.email] and "/accounts/reset/" in mail.outbox[0].body


def test_logout_returns_home(client, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:portal_campaign_changelist",
        "admin:portal_campaign_add",
        "admin:portal_memberunit_changelist",
        "admin:portal_quota_changelist",
        "admin:portal_deadlineextension_changelist",
        "admin:portal_deadlineextension_add",
        "admin:portal_user_changelist",
        "admin:portal_user_add",
    ],
)
def test_admin_pages_work_in_chinese(client, admin_user, quota_a, url_name):
    client.force_login(admin_user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200 and "会员单位" in response.content.decode()


def test_admin_edit_page_of_a_campaign(client, admin_user, campaign):
    client.force_login(admin_user)
    response = client.get(reverse("admin:portal_campaign_change", args=[campaign.pk]))
    assert "提交截止时间" in response.content.decode()


def test_an_english_browser_still_gets_chinese(client, campaign):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "报送材料" in html


@pytest.mark.parametrize("url_name", ["account_list", "extension_list", "dashboard", "home"])
def test_staff_pages_query_count_does_not_grow_with_rows(client, staff_user, campaign, url_name):
    from tests.factories import DeadlineExtensionFactory, UserFactory

    client.force_login(staff_user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(url_name)).status_code == 200
        return len(ctx.captured_queries)

    def add_rows():
        unit = MemberUnitFactory()
        UserFactory(member_unit=unit)
        DeadlineExtensionFactory(campaign=campaign, member_unit=unit)
        QuotaFactory(campaign=campaign, member_unit=unit)

    add_rows()
    few = count()
    for _ in range(15):
        add_rows()
    assert count() == few


def test_the_service_refuses_staff_creating_an_admin(staff_user):
    from django.core.exceptions import ValidationError

    from portal import services as portal_services

    with pytest.raises(ValidationError):
        portal_services.create_account(
            creator=staff_user,
            username="sneaky",
            name="x",
            email="x@example.com",
            phone="",
            role=Role.ADMIN,
            member_unit=None,
            base_url="http://testserver/",
        )
