"""Benchmark of document rendering: `make bench` (figures go to docs/performance.md).

Builds a throwaway SQLite database with a filled 附件2 and a province of entries large enough
for a ~20-page 附件8, then times each document cold (first in the process) and warm (median of
the next runs), and prints peak memory.
"""

import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
workdir = Path(tempfile.mkdtemp(prefix="qc-bench-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="website.settings",
    DJANGO_DEBUG="1",
    DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
    MEDIA_ROOT=str(workdir / "media"),
)

import django  # noqa: E402
from pypdf import PdfReader  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.models import Campaign, MemberUnit, User  # noqa: E402
from reports.registry import REGISTRY  # noqa: E402
from submissions.models import QcAchievement, QcGroupMember, Status, TrustedTeam, TrustedTeamMember  # noqa: E402

ADMIN = User(username="bench", role="admin", is_active=True)


def build_province(campaign, per_unit: int):
    units = list(MemberUnit.objects.all())
    template = QcAchievement.objects.first()
    team = TrustedTeam
    rows, members = [], []
    for unit in units:
        for n in range(per_unit):
            rows.append(
                QcAchievement(
                    **{
                        f.name: getattr(template, f.name)
                        for f in QcAchievement._meta.concrete_fields
                        if f.name
                        not in (
                            "id",
                            "member_unit",
                            "serial_number",
                            "serial_seq",
                            "registration_number",
                            "group_name",
                        )
                    },
                    member_unit=unit,
                    group_name=f"{unit.short_name}第{n + 1}QC小组",
                    registration_number=f"B-{unit.pk}-{n}",
                    serial_number="",
                )
            )
    QcAchievement.objects.bulk_create(rows)
    QcAchievement.objects.filter(campaign=campaign).update(
        status=Status.SUBMITTED, submitted_at=timezone.now()
    )
    teams = []
    for unit in units:
        for n in range(3):
            teams.append(
                team(
                    campaign=campaign,
                    member_unit=unit,
                    status=Status.SUBMITTED,
                    team_name=f"{unit.short_name}班组{n}",
                    member_count=8,
                    company_name=unit.full_name,
                    address="太原",
                    postcode="030001",
                    department_in_charge="部",
                    contact="人",
                    phone="0351-1234567",
                    completion_rate=100,
                    pass_rate=100,
                    defect_rate=0,
                    accidents_per_year=0,
                    complaints_per_year=0,
                    first_pass_rate=100,
                    trained_people=8,
                    training_hours=40,
                    improvement_participation=100,
                    quality_cost=1,
                    leader_name="班长",
                    leader_sex="male",
                    leader_age=40,
                    leader_position="班长",
                    profile_composition="-",
                    profile_management="-",
                    profile_skills="-",
                    profile_improvement="-",
                    profile_features="-",
                    profile_honours="-",
                    accidents_last_two_years=0,
                    provincial_award=True,
                )
            )
    TrustedTeam.objects.bulk_create(teams)
    for created in TrustedTeam.objects.all():
        members += [
            TrustedTeamMember(
                team=created, name=f"成员{i}", age=30, sex="male", title="技师", duty="装维"
            )
            for i in range(8)
        ]
    TrustedTeamMember.objects.bulk_create(members)


def timed(label, slug, fmt, runs=5, **params):
    document = REGISTRY[slug]
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        data = document.gather(user=ADMIN, campaign=Campaign.objects.current(), **params)
        rendered = document.render(data, fmt)
        times.append(time.perf_counter() - started)
    pages = len(PdfReader(io.BytesIO(rendered.content)).pages) if fmt == "pdf" else "-"
    print(
        f"| {label} | {fmt} | {pages} | {times[0]:.2f} s | {statistics.median(times[1:]):.2f} s | "
        f"{len(rendered.content) / 1024:.0f} KiB |"
    )


def main():
    started = time.perf_counter()
    from reports.render import warm_up

    warm_up()
    print(f"warm-up (import WeasyPrint, load the CJK faces): {time.perf_counter() - started:.2f} s")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    campaign = Campaign.objects.current()
    achievement = QcAchievement.objects.filter(status=Status.SUBMITTED).first()
    build_province(campaign, per_unit=25)
    print(
        f"entries: {QcAchievement.objects.count()} achievements, {TrustedTeam.objects.count()} teams, "
        f"{QcGroupMember.objects.count()} group members"
    )
    print("| document | format | pages | first after warm-up | median of the next runs | size |")
    print("|---|---|---|---|---|---|")
    timed("附件2 filled", "attachment-2", "pdf", pk=achievement.pk)
    timed("附件2 filled", "attachment-2", "docx", pk=achievement.pk)
    timed("附件6 blank", "attachment-6", "pdf", blank=True)
    timed("附件8 province", "attachment-8", "pdf", runs=3)
    timed("附件8 province", "attachment-8", "docx", runs=3)
    timed("附件8 province", "attachment-8", "xlsx", runs=3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
