"""Seeds the presentation-day benchmark (argv: judges presentations), or checks it (argv: check)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.middleware.csrf import _get_new_csrf_string  # noqa: E402
from django.utils import timezone  # noqa: E402

from judging import day  # noqa: E402
from judging.defaults import install_default_rubrics  # noqa: E402
from judging.models import Criterion, PanelMember, Rubric, ScoreSheet, ShortlistEntry  # noqa: E402
from portal.models import Campaign, MemberUnit, Phase, User  # noqa: E402
from portal.permissions import Role  # noqa: E402
from submissions.models import QcAchievement, Status  # noqa: E402


def session_for(user) -> tuple[str, str]:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key, _get_new_csrf_string()


def seed(judges: int, presentations: int) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    campaign = Campaign.objects.current()
    install_default_rubrics(campaign)
    units = list(MemberUnit.objects.all())
    template = QcAchievement.objects.filter(campaign=campaign).first()
    entries = []
    for n in range(presentations):
        entry = QcAchievement.objects.get(pk=template.pk)
        entry.pk = None
        entry.member_unit = units[n % len(units)]
        entry.group_name = f"发表小组{n + 1}"
        entry.topic_type = "problem_solving" if n % 2 else "innovative"
        entry.status = Status.SUBMITTED
        entry.serial_number = f"{campaign.year}-QC-{100 + n}"
        entry.serial_seq = 100 + n
        entry.save()
        ShortlistEntry.objects.create(achievement=entry)
        entries.append(entry)
    PanelMember.objects.filter(campaign=campaign).delete()
    panel = []
    for n in range(judges):
        judge, _ = User.objects.get_or_create(
            username=f"bench_judge{n}", defaults={"role": Role.JUDGE, "name": f"评委{n}"}
        )
        PanelMember.objects.create(campaign=campaign, judge=judge, is_chief=n == 0)
        panel.append(judge)
    day.draw(campaign=campaign, user=None, seed="bench")
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    staff = User.objects.get(username="staff1")
    print("session staff", *session_for(staff))
    for judge in panel:
        print("session judge", *session_for(judge))
    for slot in day.running_order(campaign):
        print("session entry", slot["achievement"].pk, slot["achievement"].topic_type)
    for rubric in Rubric.objects.filter(campaign=campaign, round="presentation"):
        ids = ",".join(str(c.pk) for c in Criterion.objects.filter(rubric=rubric))
        print("session criteria", rubric.topic_type, ids)
    from judging.console import state_of

    print("session projector", state_of(campaign).projector_token)


def check() -> None:
    campaign = Campaign.objects.current()
    sheets = ScoreSheet.objects.filter(achievement__campaign=campaign, round="presentation")
    judges = User.objects.filter(username__startswith="bench_judge").count()
    entries = ShortlistEntry.objects.filter(achievement__campaign=campaign).count()
    wrong = [
        s.pk
        for s in sheets.prefetch_related("scores")
        if s.status != "submitted" or any(score.points != 9 for score in s.scores.all())
    ]
    print(
        f"database: {sheets.count()} sheets for {judges} judges x {entries} presentations "
        f"(expected {judges * entries}), {len(wrong)} not submitted or not the last points sent, "
        f"checked at {timezone.now():%H:%M:%S}"
    )


if __name__ == "__main__":
    if sys.argv[1] == "check":
        check()
    else:
        seed(int(sys.argv[1]), int(sys.argv[2]))
