"""The rules of submission, each at its boundary."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.models import DeadlineExtension
from submissions import services
from submissions.history import entry_history
from submissions.merge import StaleEdit
from submissions.models import QcAchievement, Status
from submissions.validators import char_count
from tests.factories import (
    ActivityStatisticsFactory,
    ExcellentEnterpriseFactory,
    ExcellentPromoterFactory,
    QcAchievementFactory,
    QuotaFactory,
    TrustedTeamFactory,
)
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db


def achievements(quota, n):
    return [
        complete(QcAchievementFactory(campaign=quota.campaign, member_unit=quota.member_unit))
        for _ in range(n)
    ]


@pytest.mark.parametrize(("limit", "submittable"), [(2, 2), (3, 3)])
def test_quota_allows_exactly_the_limit(coordinator_a, campaign, unit_a, limit, submittable):
    quota = QuotaFactory(campaign=campaign, member_unit=unit_a, achievement_limit=limit)
    entries = achievements(quota, limit + 1)
    for entry in entries[:-1]:
        services.submit(entry=entry, user=coordinator_a)
    with pytest.raises(ValidationError) as error:
        services.submit(entry=entries[-1], user=coordinator_a)
    assert "名额已满" in error.value.messages[0]
    assert QcAchievement.objects.counted().count() == submittable


def test_quota_one_below_the_limit_still_submits(coordinator_a, campaign, unit_a):
    quota = QuotaFactory(campaign=campaign, member_unit=unit_a, achievement_limit=3)
    entries = achievements(quota, 2)
    for entry in entries:
        services.submit(entry=entry, user=coordinator_a)
    assert QcAchievement.objects.counted().count() == 2


def test_withdrawing_frees_the_quota(coordinator_a, campaign, unit_a):
    quota = QuotaFactory(campaign=campaign, member_unit=unit_a, achievement_limit=1)
    first, second = achievements(quota, 2)
    services.submit(entry=first, user=coordinator_a)
    services.withdraw(entry=first, user=coordinator_a)
    assert services.submit(entry=second, user=coordinator_a).status == Status.SUBMITTED


def test_a_unit_without_quota_row_has_no_limit(coordinator_a, campaign, unit_a):
    entries = [
        complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a)) for _ in range(12)
    ]
    for entry in entries:
        services.submit(entry=entry, user=coordinator_a)
    assert QcAchievement.objects.counted().count() == 12


def test_other_units_entries_do_not_count(coordinator_a, coordinator_b, campaign, unit_a, unit_b):
    quota = QuotaFactory(campaign=campaign, member_unit=unit_a, achievement_limit=1)
    other = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_b))
    services.submit(entry=other, user=coordinator_b)
    (mine,) = achievements(quota, 1)
    assert services.submit(entry=mine, user=coordinator_a).status == Status.SUBMITTED


def test_second_enterprise_of_a_unit_is_refused(coordinator_a, campaign, unit_a):
    first = ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a)
    second = ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a)
    services.submit(entry=first, user=coordinator_a)
    with pytest.raises(ValidationError) as error:
        services.submit(entry=second, user=coordinator_a)
    assert error.value.messages[0].endswith("附件1 二（四）：各会员单位限推荐1个优秀企业。")


def test_enterprise_limit_is_a_campaign_setting(coordinator_a, campaign, unit_a):
    campaign.enterprise_limit = 2
    campaign.save()
    for _ in range(2):
        entry = ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a)
        services.submit(entry=entry, user=coordinator_a)
    assert campaign.enterprise_limit == 2


def test_second_promoter_of_a_unit_is_refused(coordinator_a, campaign, unit_a):
    services.submit(
        entry=ExcellentPromoterFactory(campaign=campaign, member_unit=unit_a), user=coordinator_a
    )
    with pytest.raises(ValidationError):
        services.submit(
            entry=ExcellentPromoterFactory(campaign=campaign, member_unit=unit_a),
            user=coordinator_a,
        )


def test_submission_assigns_a_stable_serial_number(coordinator_a, campaign, unit_a):
    first, second = (
        complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a)) for _ in range(2)
    )
    services.submit(entry=first, user=coordinator_a)
    services.submit(entry=second, user=coordinator_a)
    services.withdraw(entry=first, user=coordinator_a)
    first = services.submit(entry=first, user=coordinator_a)
    second.refresh_from_db()
    assert (first.serial_number, second.serial_number) == (
        f"{campaign.year}-QC-001",
        f"{campaign.year}-QC-002",
    )


@pytest.mark.parametrize(("offset", "allowed"), [(-1, True), (0, True), (1, False)])
def test_deadline_to_the_second(monkeypatch, coordinator_a, campaign, unit_a, offset, allowed):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    moment = campaign.submission_deadline + timedelta(seconds=offset)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    if allowed:
        assert services.submit(entry=entry, user=coordinator_a).status == Status.SUBMITTED
    else:
        with pytest.raises(ValidationError) as error:
            services.submit(entry=entry, user=coordinator_a)
        assert "截止时间" in error.value.messages[0]


def test_after_the_deadline_a_unit_can_neither_edit_nor_withdraw(
    monkeypatch, coordinator_a, campaign, unit_a
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    late = campaign.submission_deadline + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: late)
    with pytest.raises(ValidationError):
        services.withdraw(entry=entry, user=coordinator_a)
    draft = QcAchievementFactory.build(campaign=campaign, member_unit=unit_a)
    with pytest.raises(ValidationError):
        services.save_entry(entry=draft, user=coordinator_a)


def test_an_extension_moves_the_units_deadline(monkeypatch, coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    DeadlineExtension.objects.create(
        campaign=campaign,
        member_unit=unit_a,
        new_deadline=campaign.submission_deadline + timedelta(days=2),
        reason="公章",
    )
    late = campaign.submission_deadline + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: late)
    assert services.submit(entry=entry, user=coordinator_a).status == Status.SUBMITTED


def test_staff_are_not_bound_by_the_deadline(monkeypatch, staff_user, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    late = campaign.submission_deadline + timedelta(days=30)
    monkeypatch.setattr(timezone, "now", lambda: late)
    assert services.submit(entry=entry, user=staff_user).status == Status.SUBMITTED


def test_submission_needs_the_three_materials(coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    with pytest.raises(ValidationError) as error:
        services.submit(entry=entry, user=coordinator_a)
    assert len(error.value.messages) == 3


def test_member_count_must_equal_the_listed_members(coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a), members=3)
    entry.member_count = 4
    entry.save()
    with pytest.raises(ValidationError) as error:
        services.submit(entry=entry, user=coordinator_a)
    assert error.value.messages == ["人数（4）必须与所列成员数（3）一致。"]


@pytest.mark.parametrize(("years", "eligible"), [("4.9", False), ("5", True), ("5.0", True)])
def test_promoter_needs_five_years_of_qc_work(campaign, unit_a, years, eligible):
    promoter = ExcellentPromoterFactory.build(
        campaign=campaign, member_unit=unit_a, qc_years=Decimal(years)
    )
    if eligible:
        promoter.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            promoter.full_clean()
        assert "附件1" in error.value.message_dict["qc_years"][0]


@pytest.mark.parametrize(("length", "valid"), [(700, True), (701, False)])
def test_enterprise_summary_counts_700_characters(campaign, unit_a, length, valid):
    text = "质" * (length - 10) + " " * 50 + "量" * 10
    entry = ExcellentEnterpriseFactory.build(campaign=campaign, member_unit=unit_a, experience=text)
    assert char_count(text) == length
    if valid:
        entry.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert list(error.value.message_dict) == ["experience"]


def test_trusted_team_with_an_accident_is_ineligible(campaign, unit_a):
    team = TrustedTeamFactory.build(
        campaign=campaign, member_unit=unit_a, accidents_last_two_years=1
    )
    with pytest.raises(ValidationError) as error:
        team.full_clean()
    assert "附件1" in error.value.message_dict["accidents_last_two_years"][0]


def test_trusted_team_without_provincial_award_is_ineligible(campaign, unit_a):
    team = TrustedTeamFactory.build(campaign=campaign, member_unit=unit_a, provincial_award=False)
    with pytest.raises(ValidationError) as error:
        team.full_clean()
    assert "附件1" in error.value.message_dict["provincial_award"][0]


@pytest.mark.parametrize(("length", "valid"), [(5000, True), (5001, False)])
def test_trusted_team_profile_has_5000_characters_in_all(campaign, unit_a, length, valid):
    parts = ["班" * (length // 6)] * 6
    parts[-1] = "班" * (length - (length // 6) * 5)
    team = TrustedTeamFactory.build(
        campaign=campaign,
        member_unit=unit_a,
        profile_composition=parts[0],
        profile_management=parts[1],
        profile_skills=parts[2],
        profile_improvement=parts[3],
        profile_features=parts[4],
        profile_honours=parts[5],
    )
    assert team.profile_char_count == length
    if valid:
        team.full_clean()
    else:
        with pytest.raises(ValidationError):
            team.full_clean()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("postcode", "03000"),
        ("postcode", "0300011"),
        ("phone", "12345678901"),
        ("phone", "351-1234567"),
    ],
)
def test_bad_postcodes_and_phones_are_refused(campaign, unit_a, field, value):
    entry = ExcellentEnterpriseFactory.build(
        campaign=campaign, member_unit=unit_a, **{field: value}
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert list(error.value.message_dict) == [field]


@pytest.mark.parametrize("phone", ["13812345678", "0351-1234567", "03511234567", "010-12345678"])
def test_mainland_phone_numbers_are_accepted(campaign, unit_a, phone):
    ExcellentEnterpriseFactory.build(
        campaign=campaign, member_unit=unit_a, phone=phone
    ).full_clean()


def test_founding_date_cannot_be_in_the_future(campaign, unit_a):
    entry = QcAchievementFactory.build(
        campaign=campaign,
        member_unit=unit_a,
        founded_on=timezone.localdate() + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert list(error.value.message_dict) == ["founded_on"]


def test_statistics_rates_come_from_their_counts(campaign, unit_a):
    stats = ActivityStatisticsFactory.build(
        participants=600, employees=3000, groups_with_results=1, registered_groups=3
    )
    assert (stats.popularity_rate, stats.result_rate) == (Decimal("20.00"), Decimal("33.33"))


def test_one_statistics_table_per_unit_and_campaign(campaign, unit_a):
    from django.db import IntegrityError, transaction

    ActivityStatisticsFactory(campaign=campaign, member_unit=unit_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityStatisticsFactory(campaign=campaign, member_unit=unit_a)


def test_a_stale_copy_is_not_saved_over_a_newer_one(coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    first = QcAchievement.objects.get(pk=entry.pk)
    second = QcAchievement.objects.get(pk=entry.pk)
    first.topic = "第一人的修改"
    services.save_entry(entry=first, user=coordinator_a, expected_version=entry.version)
    second.topic = "第二人的修改"
    with pytest.raises(StaleEdit):
        services.save_entry(entry=second, user=coordinator_a, expected_version=entry.version)
    entry.refresh_from_db()
    assert entry.topic == "第一人的修改"


def test_submitted_entries_cannot_be_edited(coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    entry = services.submit(entry=entry, user=coordinator_a)
    with pytest.raises(ValidationError):
        services.save_entry(entry=entry, user=coordinator_a, expected_version=entry.version)


def test_staff_receive_and_return_with_a_reason(coordinator_a, staff_user, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    services.receive(entry=entry, user=staff_user)
    with pytest.raises(ValidationError):
        services.return_for_revision(entry=entry, user=staff_user, reason=" ")
    entry = services.return_for_revision(entry=entry, user=staff_user, reason="缺少盖章")
    assert (entry.status, entry.return_reason, entry.is_editable) == (
        Status.RETURNED,
        "缺少盖章",
        True,
    )


def test_history_records_who_changed_what(coordinator_a, staff_user, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    services.return_for_revision(entry=entry, user=staff_user, reason="补充材料")
    latest, previous = entry_history(entry)[:2]
    assert (
        latest.who,
        previous.who,
        sorted((c.label, c.old, c.new) for c in latest.changes),
    ) == (
        staff_user,
        coordinator_a,
        [("状态", "已提交", "已退回修改"), ("退回原因", "", "补充材料")],
    )


def test_history_tells_member_changes(coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a), members=1)
    member = entry.members.get()
    member.age = 41
    member.save()
    row = entry_history(entry)[0] if entry_history(entry)[0].changes else entry_history(entry)[1]
    assert [(c.label, c.old, c.new) for c in row.changes] == [("年龄", 35, 41)]


def test_only_drafts_never_submitted_can_be_deleted(coordinator_a, campaign, unit_a):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    services.submit(entry=entry, user=coordinator_a)
    services.withdraw(entry=entry, user=coordinator_a)
    with pytest.raises(ValidationError):
        services.delete_draft(entry=entry, user=coordinator_a)
    draft = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    services.delete_draft(entry=draft, user=coordinator_a)
    assert not QcAchievement.objects.filter(pk=draft.pk).exists()


def test_a_returned_entry_can_be_resubmitted_within_a_quota_of_one(
    coordinator_a, staff_user, campaign, unit_a
):
    entry = ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a)
    services.submit(entry=entry, user=coordinator_a)
    services.return_for_revision(entry=entry, user=staff_user, reason="补充")
    assert services.submit(entry=entry, user=coordinator_a).status == Status.SUBMITTED


def test_saving_a_stale_copy_keeps_the_workflow_fields_of_the_row(
    coordinator_a, staff_user, campaign, unit_a
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    stale = QcAchievement.objects.get(pk=entry.pk)
    submitted = services.submit(entry=entry, user=coordinator_a)
    services.return_for_revision(entry=submitted, user=staff_user, reason="改")
    stale.topic = "新课题"
    services.save_entry(entry=stale, user=staff_user)
    entry.refresh_from_db()
    assert (entry.topic, entry.status, entry.serial_number, entry.return_reason) == (
        "新课题",
        Status.RETURNED,
        submitted.serial_number,
        "改",
    )


def test_a_second_statistics_table_is_refused_with_a_message(coordinator_a, campaign, unit_a):
    ActivityStatisticsFactory(campaign=campaign, member_unit=unit_a)
    second = ActivityStatisticsFactory.build(campaign=campaign, member_unit=unit_a)
    with pytest.raises(ValidationError) as error:
        services.save_entry(entry=second, user=coordinator_a)
    assert "已有活动统计表" in error.value.messages[0]


def test_deleting_a_draft_deletes_its_files(
    coordinator_a, campaign, unit_a, django_capture_on_commit_callbacks
):
    entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    stored = entry.files.first().file
    storage, name = stored.storage, stored.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_draft(entry=entry, user=coordinator_a)
    assert storage.exists(name) is False


def test_the_member_count_rule_is_in_the_service(campaign, unit_a, coordinator_a):
    """The admin and commands pass through it too, not only the page."""
    from django.core.exceptions import ValidationError

    from submissions import services
    from tests.factories import QcAchievementFactory

    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a, member_count=5)
    with pytest.raises(ValidationError) as error:
        services.save_entry(
            entry=entry, user=coordinator_a, members=[(None, ("张三", 40, "工程师", "组长"))]
        )
    assert "member_count" in error.value.message_dict
    assert not entry.members.exists()
