"""The gallery's data: the worst case (every field at its longest, 16 members, rare characters,
40 achievements scored with ties and published) and the demo, each in a campaign of its own.

Built with the ORM and the services only (no factory-boy), so the layout tests reuse it; always
inside ``rolled_back``, so it never changes what an install's database holds.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from judging import publication
from judging import services as judging_services
from judging.defaults import install_default_rubrics
from judging.models import (
    Attendee,
    AttendeeRole,
    PanelMember,
)
from portal.models import Campaign, MemberUnit, User
from portal.permissions import Role
from reports.gallery.judged import judge_competition
from reports.gallery.longest import (
    ACHIEVEMENTS,
    JUDGES,
    LANDLINE,
    MEMBERS,
    PHRASE,
    RARE,
    TWO_CHARACTER_NAMES,
    UNITS,
    fill,
    largest_number,
    long_text,
    longest_values,
)
from reports.registry import Document
from submissions import services
from submissions.demo import create_demo_entries
from submissions.kinds import KINDS
from submissions.models import (
    AchievementFile,
    ActivityStatistics,
    ExcellentEnterprise,
    ExcellentPromoter,
    QcAchievement,
    QcGroupMember,
    TrustedTeam,
    TrustedTeamMember,
)
from submissions.models.teams import PROFILE_FIELDS, PROFILE_LIMIT


@dataclass
class Dataset:
    """What a state of the gallery renders from, and what the layout tests look for in it."""

    name: str
    campaign: Campaign
    judge: User | None = None
    #: Runs that must never be split by a line break: serial numbers, scores, short names.
    tokens: set[str] = field(default_factory=set)

    def entry(self, document: Document):
        """The entry an entry-scoped document shows: the campaign's first of its kind."""
        kind = KINDS.get(getattr(document, "kind_slug", ""))
        if kind is None:
            return None
        return kind.model.objects.filter(campaign=self.campaign).order_by("pk").first()


def free_year() -> int:
    year = timezone.localdate().year
    taken = set(Campaign.objects.values_list("year", flat=True))
    while year in taken:
        year += 1
    return year


def new_campaign(*, title: str, notice_number: str, venue: str) -> Campaign:
    """A campaign open for submissions in a year no other campaign has; never the current one."""
    today = timezone.localdate()
    year = free_year()
    deadline = timezone.now() + timedelta(days=14)
    return Campaign.objects.create(
        year=year,
        title=title,
        notice_number=notice_number,
        issue_date=today,
        submission_deadline=deadline,
        preliminary_review_date=timezone.localdate(deadline) + timedelta(days=1),
        presentation_at=datetime.combine(
            timezone.localdate(deadline) + timedelta(days=10),
            time(8, 30),
            timezone.get_current_timezone(),
        ),
        venue=venue,
        statistics_period_start=today.replace(year=today.year - 1) + timedelta(days=1),
        statistics_period_end=today,
        contact_email="qc@example.com",
        is_current=False,
    )


def _user(username: str, name: str, role: str, unit=None) -> User:
    user = User(username=username, name=name, role=role, member_unit=unit, is_active=True)
    user.set_unusable_password()
    user.save()
    return user


def _units(year: int) -> list[MemberUnit]:
    units = []
    for n in range(UNITS):
        tag = f"{year}-{n:02d}"
        units.append(
            MemberUnit.objects.create(
                full_name=fill(PHRASE, 200, f"示例{tag}"),
                short_name=fill("中移铁通山西分公司" + RARE, 50, f"示例{tag}"),
                position=n,
            )
        )
    return units


def _materials(achievement) -> None:
    """Rows for the three materials submission asks for; no file is written to storage."""
    for kind in AchievementFile.Kind:
        AchievementFile.objects.create(
            achievement=achievement,
            kind=kind,
            file=f"gallery/{achievement.pk}-{kind}.pdf",
            original_name=fill(PHRASE, 200) + ".pdf",
            content_type="application/pdf",
            size=1,
        )


def _member_names(count: int) -> list[str]:
    """Two-character names, one with rare characters and one at the 50-character maximum."""
    names = [TWO_CHARACTER_NAMES[n % len(TWO_CHARACTER_NAMES)] for n in range(count)]
    names[-2] = "吉" + RARE
    names[-1] = fill("欧阳" + RARE, 50)
    return names


def _achievement(campaign, unit, user, n: int) -> QcAchievement:
    values = longest_values(
        QcAchievement,
        prefix=f"{n:02d}",
        topic_type="problem_solving" if n % 2 == 0 else "innovative",
        member_count=MEMBERS,
        contact=TWO_CHARACTER_NAMES[n % 16],
        instructor=TWO_CHARACTER_NAMES[(n + 1) % 16],
        leader_name=TWO_CHARACTER_NAMES[(n + 2) % 16],
        founded_on=date(2019, 3, 1),
        fax=LANDLINE,
    )
    achievement = services.save_entry(
        entry=QcAchievement(campaign=campaign, member_unit=unit, **values), user=user
    )
    QcGroupMember.objects.bulk_create(
        QcGroupMember(
            achievement=achievement,
            name=name,
            age=80,
            position=fill(PHRASE, 50),
            role=fill(PHRASE, 100),
            order=order,
        )
        for order, name in enumerate(_member_names(MEMBERS))
    )
    _materials(achievement)
    return services.submit(entry=achievement, user=user)


def _team(campaign, unit, user, n: int) -> TrustedTeam:
    share = PROFILE_LIMIT // len(PROFILE_FIELDS)
    profiles = {name: long_text(share) for name in PROFILE_FIELDS}
    values = longest_values(
        TrustedTeam,
        prefix=f"{n:02d}",
        member_count=MEMBERS,
        contact=TWO_CHARACTER_NAMES[n % 16],
        leader_name=TWO_CHARACTER_NAMES[(n + 3) % 16],
        completion_rate=Decimal("100.00"),
        pass_rate=Decimal("99.99"),
        defect_rate=Decimal("0.01"),
        accidents_per_year=0,
        complaints_per_year=999999,
        first_pass_rate=Decimal("99.99"),
        trained_people=999999,
        training_hours=999999,
        improvement_participation=Decimal("100.00"),
        quality_cost=Decimal("99999999.99"),
        leader_age=80,
        accidents_last_two_years=0,
        provincial_award=True,
        **profiles,
    )
    team = services.save_entry(
        entry=TrustedTeam(campaign=campaign, member_unit=unit, **values), user=user
    )
    TrustedTeamMember.objects.bulk_create(
        TrustedTeamMember(
            team=team,
            name=name,
            age=80,
            sex="female",
            title=fill(PHRASE, 50),
            duty=fill(PHRASE, 100),
            order=order,
        )
        for order, name in enumerate(_member_names(MEMBERS))
    )
    return services.submit(entry=team, user=user)


def _nominations(campaign, unit, user, n: int) -> list:
    enterprise = ExcellentEnterprise(
        campaign=campaign,
        member_unit=unit,
        **longest_values(ExcellentEnterprise, prefix=f"{n:02d}", contact=TWO_CHARACTER_NAMES[n]),
    )
    promoter = ExcellentPromoter(
        campaign=campaign,
        member_unit=unit,
        **longest_values(
            ExcellentPromoter,
            prefix=f"{n:02d}",
            name=TWO_CHARACTER_NAMES[(n + 5) % 16],
            contact=TWO_CHARACTER_NAMES[(n + 6) % 16],
            qc_years=Decimal("60.0"),
        ),
    )
    statistics = ActivityStatistics(
        campaign=campaign,
        member_unit=unit,
        **longest_values(
            ActivityStatistics,
            head=TWO_CHARACTER_NAMES[(n + 7) % 16],
            **{
                f.name: largest_number(f)
                for f in ActivityStatistics._meta.fields
                if f.editable and isinstance(f, (models.PositiveIntegerField, models.DecimalField))
            },
            review_by_presentation=True,
            review_on_site=True,
            review_with_qc_groups=True,
            review_by_unit=True,
        ),
    )
    statistics.participants = statistics.employees
    statistics.groups_with_results = statistics.registered_groups
    entries = []
    for entry in (enterprise, promoter, statistics):
        services.save_entry(entry=entry, user=user)
        entries.append(services.submit(entry=entry, user=user))
    return entries


def build_worst_case() -> Dataset:
    """A campaign at every limit: names at max_length, 16 members, 700/3000/5000 字 answers,
    rare characters, 40 achievements scored, ranked with ties and published, nominations of
    ten units, forty attendees. Call it inside ``rolled_back``."""
    staff = _user("gallery-staff", "郭涛", Role.STAFF)
    campaign = new_campaign(
        title=fill("全省通信行业优秀质量管理小组成果交流会" + RARE, 200),
        notice_number=fill("晋通行字〔2026〕22号", 60),
        venue=fill("三晋（山西）邮电大厦3层" + RARE, 200),
    )
    install_default_rubrics(campaign)
    units = _units(campaign.year)
    judges = [
        _user(f"gallery-judge-{n}", TWO_CHARACTER_NAMES[(n + 9) % 16], Role.JUDGE)
        for n in range(JUDGES)
    ]
    for judge in judges:
        PanelMember.objects.create(campaign=campaign, judge=judge, is_chief=judge == judges[0])
    achievements = [_achievement(campaign, units[n % UNITS], staff, n) for n in range(ACHIEVEMENTS)]
    teams = [_team(campaign, unit, staff, n) for n, unit in enumerate(units)]
    nominations = [_nominations(campaign, unit, staff, n) for n, unit in enumerate(units)]
    campaign.refresh_from_db()
    for n, unit in enumerate(units * 4):
        Attendee.objects.create(
            campaign=campaign,
            member_unit=unit,
            name=TWO_CHARACTER_NAMES[n % 16],
            position=fill(PHRASE, 50),
            phone=LANDLINE,
            role=AttendeeRole.values[n % 3],
        )
    judge_competition(campaign, judges, achievements, staff)
    for entry in [*teams, *(n for trio in nominations for n in trio[:2])]:
        judging_services.decide_nomination(
            nomination=entry, selected=True, reason=fill(PHRASE, 100), user=staff
        )
    version = publication.publish(campaign=campaign, user=staff)
    tokens = {a.serial_number for a in QcAchievement.objects.filter(campaign=campaign)}
    for row in version.standings.all():
        tokens |= {str(v) for v in (row.material, row.presentation, row.final) if v is not None}
    tokens |= set(TWO_CHARACTER_NAMES)
    return Dataset("worst", campaign, judge=judges[0], tokens=tokens)


# --- Demo data -----------------------------------------------------------------------------


def build_demo() -> Dataset:
    """What ``seed_demo`` gives a newcomer (``submissions.demo``), in a campaign of its own.

    The demo uploads its materials to storage, which a rollback does not undo: they are deleted
    here once the entries exist.
    """
    campaign = new_campaign(
        title="全省通信行业优秀质量管理小组成果交流会（演示）",
        notice_number="晋通行字〔2026〕1号（演示）",
        venue="三晋（山西）邮电大厦 3层",
    )
    units = {}
    for full_name, short_name in [
        ("中国联合网络通信有限公司山西省分公司", "山西联通"),
        ("中国移动通信集团山西有限公司", "山西移动"),
    ]:
        units[short_name], _created = MemberUnit.objects.get_or_create(
            short_name=short_name, defaults={"full_name": full_name}
        )
    coordinators = {
        "unicom": _user("gallery-demo-unicom", "李明", Role.COORDINATOR, units["山西联通"]),
        "mobile": _user("gallery-demo-mobile", "王芳", Role.COORDINATOR, units["山西移动"]),
    }
    install_default_rubrics(campaign)
    try:
        create_demo_entries(campaign=campaign, units=units, coordinators=coordinators)
    finally:
        for material in AchievementFile.objects.filter(achievement__campaign=campaign):
            material.file.delete(save=False)
    serials = QcAchievement.objects.filter(campaign=campaign).values_list(
        "serial_number", flat=True
    )
    return Dataset("demo", campaign, tokens={s for s in serials if s} | {"张伟", "李娜", "赵磊"})


@contextmanager
def rolled_back() -> Iterator[None]:
    """Everything done inside is undone at the end, whatever happens."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


# --- Rendering -----------------------------------------------------------------------------

#: The gallery acts as staff, like ``render_document``: an administrator that is never saved.
