import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.models import Campaign, MemberUnit, Quota, User
from portal.permissions import Role

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def install():
    call_command("install_fixtures", stdout=io.StringIO())


def seed():
    call_command("seed_demo", stdout=io.StringIO())


def test_2021_fixture_has_the_six_quotas_of_the_notice():
    install()
    quotas = {
        q.member_unit.short_name: q.achievement_limit
        for q in Quota.objects.filter(campaign__year=2021).select_related("member_unit")
    }
    assert quotas == {
        "山西联通": 10,
        "山西移动": 10,
        "山西电信": 10,
        "中移铁通山西分公司": 5,
        "山西铁塔": 5,
        "中移在线": 5,
    }


def test_2021_fixture_has_the_notices_dates_venue_and_contacts():
    install()
    campaign = Campaign.objects.get(year=2021)
    assert (
        campaign.notice_number,
        campaign.issue_date,
        timezone.localtime(campaign.submission_deadline, SHANGHAI).date(),
        campaign.preliminary_review_date,
        timezone.localtime(campaign.presentation_at, SHANGHAI),
        campaign.venue.startswith("三晋（山西）邮电大厦 3层"),
        (campaign.statistics_period_start, campaign.statistics_period_end),
        [(c.name, c.phone) for c in campaign.contacts.all()],
        campaign.contact_email,
        (campaign.enterprise_limit, campaign.promoter_limit),
    ) == (
        "晋通行字〔2021〕22号",
        date(2021, 5, 8),
        date(2021, 5, 24),
        date(2021, 5, 25),
        datetime(2021, 6, 4, 8, 30, tzinfo=SHANGHAI),
        True,
        (date(2020, 6, 1), date(2021, 5, 31)),
        [("赵进", "18603456030"), ("张进", "15603511316")],
        "18603456030@163.com",
        (1, 1),
    )


def test_installing_fixtures_again_adds_nothing_and_keeps_edits():
    install()
    Quota.objects.filter(member_unit__short_name="中移在线").update(achievement_limit=7)
    install()
    assert (
        Quota.objects.count(),
        Quota.objects.get(member_unit__short_name="中移在线").achievement_limit,
    ) == (6, 7)


def test_seed_demo_creates_a_current_campaign_due_in_two_weeks():
    seed()
    campaign = Campaign.objects.current()
    assert timezone.localtime(
        campaign.submission_deadline
    ).date() == timezone.localdate() + timedelta(days=14)


def test_seed_demo_creates_one_account_per_role():
    seed()
    counts = {role: User.objects.filter(role=role).count() for role in Role.values}
    coordinator_units = set(
        User.objects.filter(role=Role.COORDINATOR).values_list("member_unit", flat=True)
    )
    assert (counts, len(coordinator_units)) == (
        {Role.COORDINATOR: 4, Role.STAFF: 2, Role.JUDGE: 7, Role.ADMIN: 1},
        4,
    )


def test_seed_demo_is_idempotent_and_keeps_changed_passwords():
    install()
    seed()
    before = (
        Campaign.objects.count(),
        MemberUnit.objects.count(),
        Quota.objects.count(),
        User.objects.count(),
    )
    admin = User.objects.get(username="admin")
    admin.set_password("changed-by-admin")
    admin.save()
    seed()
    after = (
        Campaign.objects.count(),
        MemberUnit.objects.count(),
        Quota.objects.count(),
        User.objects.count(),
    )
    admin.refresh_from_db()
    assert (after, admin.check_password("changed-by-admin")) == (before, True)


def test_seed_demo_after_the_2021_fixture_reuses_its_units():
    install()
    seed()
    assert MemberUnit.objects.filter(short_name="山西联通").count() == 1


def test_seed_demo_prints_the_demo_accounts(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "unicom" in out and "qc-demo-2026" in out and "staff1" in out


def test_seed_demo_gives_a_unit_a_dossier_once():
    from submissions.models import ActivityStatistics, ExcellentEnterprise, QcAchievement

    seed()
    seed()
    statuses = sorted(QcAchievement.objects.values_list("status", flat=True))
    assert (
        statuses,
        ExcellentEnterprise.objects.counted().count(),
        ActivityStatistics.objects.count(),
    ) == (["draft", "submitted"], 1, 1)


@pytest.mark.parametrize("install_with", [install, seed])
def test_the_default_rubrics_of_the_spec_are_loaded(install_with):
    from judging.models import Rubric

    install_with()
    year = 2021 if install_with is install else Campaign.objects.current().year
    maxima = {
        (r.round, r.topic_type): [int(c.max_points) for c in r.criteria.all()]
        for r in Rubric.objects.filter(campaign__year=year).prefetch_related("criteria")
    }
    assert maxima == {
        ("material", "problem_solving"): [30, 30, 20, 20],
        ("material", "innovative"): [30, 30, 20, 20],
        ("presentation", "problem_solving"): [10, 15, 20, 20, 15, 10, 10],
        ("presentation", "innovative"): [15, 10, 25, 20, 10, 10, 10],
    }


def test_seed_demo_seats_seven_judges_with_one_chief():
    from judging.models import PanelMember

    seed()
    seed()
    panel = PanelMember.objects.filter(campaign=Campaign.objects.current())
    assert (panel.count(), [p.judge.username for p in panel.filter(is_chief=True)]) == (
        7,
        ["judge4"],
    )
