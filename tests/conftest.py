"""Personas reused by every test: two coordinators of different units, staff, a judge, an admin."""

import pytest

from tests.factories import (
    AdminFactory,
    CampaignFactory,
    JudgeFactory,
    MemberUnitFactory,
    QuotaFactory,
    StaffFactory,
    UserFactory,
)


@pytest.fixture
def campaign(db):
    return CampaignFactory()


@pytest.fixture
def unit_a(db):
    return MemberUnitFactory(
        short_name="山西联通", full_name="中国联合网络通信有限公司山西省分公司"
    )


@pytest.fixture
def unit_b(db):
    return MemberUnitFactory(short_name="山西移动", full_name="中国移动通信集团山西有限公司")


@pytest.fixture
def quota_a(campaign, unit_a):
    return QuotaFactory(campaign=campaign, member_unit=unit_a, achievement_limit=10)


@pytest.fixture
def quota_b(campaign, unit_b):
    return QuotaFactory(campaign=campaign, member_unit=unit_b, achievement_limit=5)


@pytest.fixture
def coordinator_a(unit_a):
    return UserFactory(username="coord_a", member_unit=unit_a)


@pytest.fixture
def coordinator_b(unit_b):
    return UserFactory(username="coord_b", member_unit=unit_b)


@pytest.fixture
def staff_user(db):
    return StaffFactory(username="staff")


@pytest.fixture
def judge(db):
    return JudgeFactory(username="judge")


@pytest.fixture
def admin_user(db):
    return AdminFactory(username="boss")


@pytest.fixture
def personas(coordinator_a, staff_user, judge, admin_user):
    """One logged-in persona per role, by role name."""
    return {"coordinator": coordinator_a, "staff": staff_user, "judge": judge, "admin": admin_user}


@pytest.fixture
def competition(campaign, unit_a, unit_b, coordinator_a, coordinator_b):
    """Seven judges (one from 山西联通, the first is chief) and four submitted achievements."""
    from judging.defaults import install_default_rubrics
    from submissions import services as submission_services
    from tests.factories import JudgeFactory, QcAchievementFactory, seat_panel
    from tests.submissions_helpers import complete

    install_default_rubrics(campaign)
    judges = [JudgeFactory(username=f"judge{n}") for n in range(6)] + [
        JudgeFactory(username="unicom_judge", member_unit=unit_a)
    ]
    seat_panel(campaign, judges)
    entries = []
    for n, (unit, user) in enumerate([(unit_a, coordinator_a), (unit_b, coordinator_b)] * 2):
        entry = complete(
            QcAchievementFactory(campaign=campaign, member_unit=unit, group_name=f"小组{n}")
        )
        submission_services.submit(entry=entry, user=user)
        entry.refresh_from_db()
        entry.campaign = campaign  # one campaign object, so phase changes in a test reach it
        entries.append(entry)
    return campaign, judges, entries
