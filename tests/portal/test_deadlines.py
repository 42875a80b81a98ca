"""A unit's deadline is the later of the campaign's and its latest extension's; staff move the
campaign's deadline and remove extensions in the portal, and every such change is logged."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from portal import services
from portal.models import CampaignEvent, DeadlineExtension, EventKind
from submissions.services import unit_may_change
from tests.factories import CampaignFactory, DeadlineExtensionFactory, MemberUnitFactory

pytestmark = pytest.mark.django_db


def chinese(message):
    """``message`` as the portal shows it (new strings are English until the catalogue has them)."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


def minute(days=0, hours=0):
    """A moment ``days`` from now, to the minute (what a datetime-local input can hold)."""
    moment = timezone.localtime() + timedelta(days=days, hours=hours)
    return moment.replace(second=0, microsecond=0)


def typed(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def shown(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def coordinator_banner(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("dashboard")).content.decode()
    return re.search(r'data-testid="coordinator-dashboard">(.*?)</div>', html, re.S).group(1)


@pytest.fixture
def moved_back(campaign, unit_a, staff_user):
    """The defect's sequence: deadline moved earlier, an extension granted, deadline moved back
    later than the extension (saved directly, as the administration did)."""
    campaign.preliminary_review_date = timezone.localdate(minute(days=20))
    campaign.presentation_at = minute(days=25)
    campaign.submission_deadline = minute(days=5)
    campaign.save()
    extension = services.grant_extension(
        campaign=campaign,
        member_unit=unit_a,
        new_deadline=minute(days=8),
        reason="公章延误",
        granted_by=staff_user,
    )
    campaign.submission_deadline = minute(days=12)
    campaign.save()
    return campaign, extension


# The rule --------------------------------------------------------------------------------------


def test_an_old_extension_never_shortens_the_units_deadline(moved_back, unit_a, unit_b):
    campaign, extension = moved_back
    campaign.refresh_from_db()
    assert campaign.submission_deadline == minute(days=12)
    assert campaign.deadline_for(unit_a) == campaign.deadline_for(unit_b) == minute(days=12)
    assert not campaign.unit_deadline(unit_a).is_extended


def test_the_unit_may_change_its_entries_until_the_campaigns_deadline(
    moved_back, unit_a, coordinator_a
):
    campaign, extension = moved_back
    after_the_extension = extension.new_deadline + timedelta(days=1)
    kwargs = {"campaign": campaign, "member_unit": unit_a, "user": coordinator_a}
    assert unit_may_change(**kwargs, at=after_the_extension)
    assert unit_may_change(**kwargs, at=campaign.submission_deadline)
    assert not unit_may_change(**kwargs, at=campaign.submission_deadline + timedelta(seconds=1))


def test_the_dashboard_shows_no_extended_badge_for_an_overridden_extension(
    client, moved_back, coordinator_a
):
    campaign, _ = moved_back
    banner = coordinator_banner(client, coordinator_a)
    assert shown(campaign.submission_deadline) in banner
    assert "已延期" not in banner


def test_an_extension_later_than_the_campaigns_deadline_is_in_force(
    client, campaign, unit_a, unit_b, coordinator_a, staff_user
):
    later = minute(days=20)
    services.grant_extension(
        campaign=campaign,
        member_unit=unit_a,
        new_deadline=later,
        reason="公章延误",
        granted_by=staff_user,
    )
    assert (campaign.deadline_for(unit_a), campaign.deadline_for(unit_b)) == (
        later,
        campaign.submission_deadline,
    )
    assert campaign.unit_deadline(unit_a).is_extended
    assert not campaign.unit_deadline(unit_b).is_extended
    banner = coordinator_banner(client, coordinator_a)
    assert shown(later) in banner and "已延期" in banner


def test_the_latest_grant_decides_even_when_it_is_shorter(campaign, unit_a, staff_user):
    first = campaign.submission_deadline + timedelta(days=5)
    second = campaign.submission_deadline + timedelta(days=2)
    for new_deadline in (first, second):
        services.grant_extension(
            campaign=campaign,
            member_unit=unit_a,
            new_deadline=new_deadline,
            reason="r",
            granted_by=staff_user,
        )
    assert campaign.deadline_for(unit_a) == second


def test_an_extension_ending_at_the_campaigns_deadline_is_refused(campaign, unit_a, staff_user):
    with pytest.raises(ValidationError) as error:
        services.grant_extension(
            campaign=campaign,
            member_unit=unit_a,
            new_deadline=campaign.submission_deadline,
            reason="r",
            granted_by=staff_user,
        )
    assert list(error.value.message_dict) == ["new_deadline"]


def test_granting_an_extension_is_logged(campaign, unit_a, staff_user):
    later = campaign.submission_deadline + timedelta(days=2)
    services.grant_extension(
        campaign=campaign,
        member_unit=unit_a,
        new_deadline=later,
        reason="公章延误",
        granted_by=staff_user,
    )
    event = CampaignEvent.objects.get()
    assert (event.kind, event.actor, event.reason, event.details["unit"]) == (
        EventKind.EXTENSION,
        staff_user,
        "公章延误",
        "山西联通",
    )
    assert event.details["new"] == timezone.localtime(later).isoformat()


def test_deadline_for_is_one_query_whatever_the_number_of_extensions(
    campaign, unit_a, django_assert_num_queries
):
    for days in range(1, 6):
        DeadlineExtensionFactory(
            campaign=campaign,
            member_unit=unit_a,
            new_deadline=campaign.submission_deadline + timedelta(days=days),
        )
    with django_assert_num_queries(1):
        campaign.deadline_for(unit_a)
    with django_assert_num_queries(1):
        deadlines = campaign.unit_deadlines()
    assert deadlines[unit_a.pk].at == campaign.submission_deadline + timedelta(days=5)


# change_deadline -------------------------------------------------------------------------------


def test_changing_the_deadline_needs_a_reason(campaign, staff_user):
    old = campaign.submission_deadline
    with pytest.raises(ValidationError) as error:
        services.change_deadline(
            campaign=campaign, new_deadline=old - timedelta(days=1), reason="  ", user=staff_user
        )
    assert list(error.value.message_dict) == ["reason"]
    campaign.refresh_from_db()
    assert campaign.submission_deadline == old and not CampaignEvent.objects.exists()


def test_the_deadline_cannot_pass_the_preliminary_review(campaign, staff_user):
    too_late = campaign.submission_deadline + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.change_deadline(
            campaign=campaign, new_deadline=too_late, reason="延后", user=staff_user
        )
    assert error.value.message_dict == {"new_deadline": ["初审日期不能早于提交截止日期。"]}
    assert not CampaignEvent.objects.exists()


def test_changing_the_deadline_is_logged_with_old_and_new(campaign, staff_user):
    old = campaign.submission_deadline
    new = old - timedelta(days=2)
    services.change_deadline(
        campaign=campaign, new_deadline=new, reason="提前截止", user=staff_user
    )
    campaign.refresh_from_db()
    assert campaign.submission_deadline == new
    event = CampaignEvent.objects.get()
    assert (event.kind, event.actor, event.reason) == (EventKind.DEADLINE, staff_user, "提前截止")
    assert event.details == {
        "old": timezone.localtime(old).isoformat(),
        "new": timezone.localtime(new).isoformat(),
    }
    assert shown(old) in event.summary and shown(new) in event.summary


def test_staff_change_the_deadline_on_the_page(client, campaign, staff_user):
    new = minute(days=10)
    client.force_login(staff_user)
    response = client.post(
        reverse("change_deadline"),
        {"deadline-new_deadline": typed(new), "deadline-reason": "会议改期"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("extension_list")
    deadline_line = re.search(r'data-testid="campaign-deadline">(.*?)</p>', html, re.S).group(1)
    assert shown(new) in deadline_line
    campaign.refresh_from_db()
    assert campaign.submission_deadline == new
    event = CampaignEvent.objects.get(kind=EventKind.DEADLINE)
    assert (event.actor, event.reason) == (staff_user, "会议改期")


def test_a_refused_deadline_is_explained_beside_the_field_and_kept(client, campaign, staff_user):
    too_late = minute(days=30)
    client.force_login(staff_user)
    response = client.post(
        reverse("change_deadline"),
        {"deadline-new_deadline": typed(too_late), "deadline-reason": "延后"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    field = re.search(r'id="div_id_deadline-new_deadline".*?</div>\s*</div>', html, re.S).group(0)
    assert "初审日期不能早于提交截止日期" in field
    assert f'value="{typed(too_late)}"' in html and "延后" in html
    assert not CampaignEvent.objects.exists()


def test_a_missing_reason_is_explained_in_chinese(client, campaign, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("change_deadline"),
        {"deadline-new_deadline": typed(minute(days=3)), "deadline-reason": ""},
    )
    field = response.context["deadline_form"]["reason"]
    assert field.errors == [chinese("Give the reason for changing the deadline.")]
    assert chinese("Give the reason for changing the deadline.") in response.content.decode()
    assert not CampaignEvent.objects.exists()


@pytest.mark.parametrize("url_name", ["change_deadline", "remove_extension"])
def test_coordinators_may_not_change_deadlines(client, campaign, coordinator_a, url_name):
    extension = DeadlineExtensionFactory(campaign=campaign, member_unit=coordinator_a.member_unit)
    args = [extension.pk] if url_name == "remove_extension" else []
    client.force_login(coordinator_a)
    response = client.post(
        reverse(url_name, args=args),
        {"deadline-new_deadline": typed(minute(days=3)), "reason": "x", "deadline-reason": "x"},
    )
    assert response.status_code == 403
    assert DeadlineExtension.objects.exists() and not CampaignEvent.objects.exists()


@pytest.mark.parametrize("url_name", ["change_deadline", "remove_extension"])
def test_anonymous_users_are_sent_to_login(client, campaign, unit_a, url_name):
    extension = DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a)
    args = [extension.pk] if url_name == "remove_extension" else []
    response = client.post(reverse(url_name, args=args), {"reason": "x"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert DeadlineExtension.objects.exists()


# remove_extension ------------------------------------------------------------------------------


def test_removing_an_extension_is_logged_and_restores_the_campaigns_deadline(
    campaign, unit_a, staff_user
):
    extension = services.grant_extension(
        campaign=campaign,
        member_unit=unit_a,
        new_deadline=campaign.submission_deadline + timedelta(days=3),
        reason="公章延误",
        granted_by=staff_user,
    )
    services.remove_extension(extension=extension, reason="材料已补齐", user=staff_user)
    assert not DeadlineExtension.objects.exists()
    assert campaign.deadline_for(unit_a) == campaign.submission_deadline
    event = CampaignEvent.objects.filter(kind=EventKind.EXTENSION).first()  # newest first
    assert (event.actor, event.reason, event.details["unit"]) == (
        staff_user,
        "材料已补齐",
        "山西联通",
    )
    assert event.details["old"] == timezone.localtime(extension.new_deadline).isoformat()
    assert CampaignEvent.objects.count() == 2


def test_removing_an_extension_needs_a_reason(campaign, unit_a, staff_user):
    extension = DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a)
    with pytest.raises(ValidationError) as error:
        services.remove_extension(extension=extension, reason="", user=staff_user)
    assert list(error.value.message_dict) == ["reason"]
    assert DeadlineExtension.objects.exists() and not CampaignEvent.objects.exists()


def test_staff_remove_an_extension_on_the_page(client, campaign, unit_a, staff_user):
    extension = DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(staff_user)
    response = client.post(
        reverse("remove_extension", args=[extension.pk]), {"reason": "误批"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("extension_list")
    assert not DeadlineExtension.objects.exists()
    assert CampaignEvent.objects.get().reason == "误批"


def test_the_page_refuses_a_removal_without_reason(client, campaign, unit_a, staff_user):
    extension = DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(staff_user)
    response = client.post(
        reverse("remove_extension", args=[extension.pk]), {"reason": " "}, follow=True
    )
    assert chinese("Give the reason for removing the extension.") in response.content.decode()
    assert DeadlineExtension.objects.exists() and not CampaignEvent.objects.exists()


def test_an_extension_of_another_campaign_is_not_found(client, campaign, unit_a, staff_user):
    old_campaign = CampaignFactory(is_current=False)
    extension = DeadlineExtensionFactory(campaign=old_campaign, member_unit=unit_a)
    client.force_login(staff_user)
    response = client.post(reverse("remove_extension", args=[extension.pk]), {"reason": "x"})
    assert response.status_code == 404 and DeadlineExtension.objects.exists()


def test_removal_needs_post(client, campaign, unit_a, staff_user):
    extension = DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(staff_user)
    assert client.get(reverse("remove_extension", args=[extension.pk])).status_code == 405


# The staff page --------------------------------------------------------------------------------


def test_the_page_shows_each_units_deadline_and_overridden_extensions(
    client, moved_back, unit_a, unit_b, staff_user
):
    campaign, overridden = moved_back
    in_force = DeadlineExtensionFactory(
        campaign=campaign, member_unit=unit_b, new_deadline=minute(days=15)
    )
    client.force_login(staff_user)
    html = client.get(reverse("extension_list")).content.decode()
    assert shown(campaign.submission_deadline) in html

    def row(extension):
        pattern = rf'data-testid="extension-{extension.pk}".*?</tr>'
        return re.search(pattern, html, re.S).group(0)

    overridden_label = chinese("Overridden by the campaign deadline")
    assert overridden_label in row(overridden)
    assert shown(campaign.submission_deadline) in row(overridden)
    assert overridden_label not in row(in_force) and shown(minute(days=15)) in row(in_force)
    assert reverse("remove_extension", args=[in_force.pk]) in row(in_force)


def test_the_page_query_count_does_not_grow_with_extensions(
    client, campaign, staff_user, django_assert_max_num_queries
):
    client.force_login(staff_user)

    def add(n):
        for _ in range(n):
            DeadlineExtensionFactory(campaign=campaign, member_unit=MemberUnitFactory())

    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("extension_list"))
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("extension_list")).status_code == 200


# The administration ----------------------------------------------------------------------------


def admin_form_data(campaign, **changes):
    def split(moment):
        local = timezone.localtime(moment)
        return {"0": local.strftime("%Y-%m-%d"), "1": local.strftime("%H:%M:%S")}

    data = {
        "title": campaign.title,
        "year": campaign.year,
        "notice_number": campaign.notice_number,
        "issue_date": campaign.issue_date.isoformat(),
        "is_current": "on" if campaign.is_current else "",
        "preliminary_review_date": campaign.preliminary_review_date.isoformat(),
        "venue": campaign.venue,
        "statistics_period_start": campaign.statistics_period_start.isoformat(),
        "statistics_period_end": campaign.statistics_period_end.isoformat(),
        "contact_email": campaign.contact_email,
        "enterprise_limit": campaign.enterprise_limit,
        "promoter_limit": campaign.promoter_limit,
    }
    for field in ("submission_deadline", "presentation_at"):
        for part, value in split(changes.get(field, getattr(campaign, field))).items():
            data[f"{field}_{part}"] = value
    for prefix in ("contacts", "quotas"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data


def test_a_deadline_changed_in_the_admin_is_logged(client, campaign, admin_user):
    old = campaign.submission_deadline.replace(microsecond=0)
    campaign.submission_deadline = old
    campaign.save()
    new = old - timedelta(days=1)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:portal_campaign_change", args=[campaign.pk]),
        admin_form_data(campaign, submission_deadline=new),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign.refresh_from_db()
    assert campaign.submission_deadline == new
    event = CampaignEvent.objects.get()
    assert (event.kind, event.actor) == (EventKind.DEADLINE, admin_user)
    assert event.details == {
        "old": timezone.localtime(old).isoformat(),
        "new": timezone.localtime(new).isoformat(),
    }
    assert event.reason


def test_an_admin_save_without_deadline_change_is_not_logged(client, campaign, admin_user):
    campaign.submission_deadline = campaign.submission_deadline.replace(microsecond=0)
    campaign.save()
    client.force_login(admin_user)
    data = admin_form_data(campaign)
    data["venue"] = "太原"
    response = client.post(reverse("admin:portal_campaign_change", args=[campaign.pk]), data)
    assert response.status_code == 302
    assert not CampaignEvent.objects.exists()


def test_an_extension_deleted_in_the_admin_is_logged(client, campaign, unit_a, admin_user):
    extension = DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:portal_deadlineextension_delete", args=[extension.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not DeadlineExtension.objects.exists()
    event = CampaignEvent.objects.get()
    assert (event.kind, event.actor, event.details["unit"]) == (
        EventKind.EXTENSION,
        admin_user,
        "山西联通",
    )


def test_extensions_deleted_in_bulk_in_the_admin_are_logged(client, campaign, admin_user):
    extensions = [DeadlineExtensionFactory(campaign=campaign) for _ in range(3)]
    client.force_login(admin_user)
    client.post(
        reverse("admin:portal_deadlineextension_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [e.pk for e in extensions],
            "post": "yes",
        },
    )
    assert not DeadlineExtension.objects.exists()
    assert CampaignEvent.objects.filter(kind=EventKind.EXTENSION).count() == 3
