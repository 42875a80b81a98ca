"""Every URL of the project × every persona × GET and POST, the expected answer written once per URL.

The URL names come from the root resolver, walked recursively (``named_patterns``); the
expectations from ``EXPECTED`` below, one entry per URL name. A URL added without an expectation,
or an expectation left for a URL that is gone, fails ``test_every_project_url_has_one_expectation``.

Left out, by name:

* Django's own views: the ``admin:*`` namespace (Django's admin site, tested by
  ``tests/portal/test_permissions.py`` for who reaches it), the authentication views of
  ``django.contrib.auth`` (``login``, ``logout``, ``password_change``, ``password_change_done``,
  ``password_reset``, ``password_reset_done``, ``password_reset_confirm``,
  ``password_reset_complete``: anybody may open them, they guard nothing of the portal) and
  ``set_language`` (``django.conf.urls.i18n``, the language switch).
* ``document`` (``reports/urls.py``): every registered document × format × persona is
  ``tests/reports/test_document_permissions.py``.

Each persona gets exactly one answer per URL and method: a status code, or ``LOGIN`` (a redirect
to the login page with ``?next=``), which is told apart from a 302 after an action (``302``
expects a redirect anywhere *but* the login page). Every request runs in its own transaction,
rolled back, on one scenario built per test function, so no POST depends on another one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import resolve_url
from django.urls import URLResolver, get_resolver, reverse

from judging import console
from judging import services as judging_services
from judging.defaults import install_default_rubrics
from judging.models import Attendee, AttendeeRole, RecommendationBody, Round, Rubric, ScoreSheet
from portal.models import Phase
from reports.models import Export
from submissions import services as submission_services
from submissions.models import AchievementFile
from tests.factories import (
    DeadlineExtensionFactory,
    ExcellentEnterpriseFactory,
    JudgeFactory,
    QcAchievementFactory,
    seat_panel,
)
from tests.judging_helpers import score
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db

# --- Which URLs are the project's ------------------------------------------------------------

#: The apps whose views this matrix covers; a URL is theirs when its view's module is.
PROJECT_APPS = ("portal", "submissions", "judging", "reports", "website")

#: Django's own named URLs outside the admin namespace (django.contrib.auth.urls, the
#: project's ``login`` path, which serves Django's LoginView, and django.conf.urls.i18n).
DJANGO_OWN = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
}

#: Project URLs whose matrix lives in another test file.
ELSEWHERE = {"document": "tests/reports/test_document_permissions.py"}


def named_patterns(resolver=None, namespace=""):
    """(full name, dotted path of the view) of every named pattern, through every include()."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern.lookup_str


def is_project_view(lookup_str: str) -> bool:
    return lookup_str.split(".")[0] in PROJECT_APPS


# --- The answers -----------------------------------------------------------------------------

PERSONAS = (
    "anonymous",
    "coordinator_a",  # coordinator of unit A, which owns every object in the URLs
    "coordinator_b",  # coordinator of unit B: unit A's objects are not found (404)
    "staff",
    "judge",  # on the panel, assigned unit A's achievement in the material round
    "conflicted_judge",  # on the panel, from unit A: never scores unit A's entries
    "chief",  # the panel's chief judge (评审组长), assigned nothing
    "admin",
)
METHODS = ("GET", "POST")

#: A redirect to the login page (``?next=`` the URL asked for).
LOGIN = "login"


def answers(
    *,
    anonymous=LOGIN,
    coordinator_a=403,
    coordinator_b=403,
    staff=403,
    judge=403,
    conflicted_judge=403,
    chief=403,
    admin=403,
) -> dict:
    """One answer per persona; by default logged out → login, every role → 403."""
    return {
        "anonymous": anonymous,
        "coordinator_a": coordinator_a,
        "coordinator_b": coordinator_b,
        "staff": staff,
        "judge": judge,
        "conflicted_judge": conflicted_judge,
        "chief": chief,
        "admin": admin,
    }


# Named profiles: who may, and what the others get.


def everybody(code):
    return dict.fromkeys(PERSONAS, code)


def logged_in(code):
    return {**everybody(code), "anonymous": LOGIN}


def staff_only(code):
    return answers(staff=code, admin=code)


def coordinators(code):
    """Each coordinator on their own unit's page (the URL names no object)."""
    return answers(coordinator_a=code, coordinator_b=code)


def unit_a_row(code):
    """An object of unit A: its coordinator and staff; unit B's coordinator does not find it."""
    return answers(coordinator_a=code, coordinator_b=404, staff=code, admin=code)


def judges(code):
    return answers(judge=code, conflicted_judge=code, chief=code)


def assigned_judge(code):
    """Unit A's achievement as scored: only the judge assigned to it finds it."""
    return answers(judge=code, conflicted_judge=404, chief=404)


def staff_or_chief(code):
    return answers(staff=code, admin=code, chief=code)


def chief_only(code):
    return answers(chief=code)


@dataclass(frozen=True)
class Row:
    """A URL's expected answers by method and persona, its arguments and what is posted."""

    get: dict
    post: dict
    args: Callable = lambda s: []
    #: What is posted: a dict, or a function of the scenario giving one.
    data: dict | Callable = field(default_factory=dict)
    #: (persona, method) → the bug that makes it answer otherwise (an xfail case of its own).
    bugs: dict = field(default_factory=dict)

    def expected(self, persona, method):
        return (self.get if method == "GET" else self.post)[persona]


def page(get, *, post=None, **kwargs) -> Row:
    """A view without a method guard: POST answers as GET unless ``post`` says otherwise
    (a form posted empty shows its errors: 200)."""
    return Row(get=get, post=get if post is None else post, **kwargs)


def action(post, **kwargs) -> Row:
    """A ``require_POST`` view: GET is 405 for everybody, before any login check."""
    return Row(get=everybody(405), post=post, **kwargs)


ACHIEVEMENT = lambda s: [s.achievement.pk]  # noqa: E731
ENTRY = lambda s: ["achievement", s.achievement.pk]  # noqa: E731
EXPORT = lambda s: [s.export.pk]  # noqa: E731

# The scenario is the material review (Phase.REVIEW): unit A's and unit B's achievements and
# unit A's enterprise were submitted while the campaign was open; the judge is assigned both
# achievements and submitted unit B's sheet; the chief signs nothing off (unit A's is pending).
# Therefore:
# * submissions are closed: entry_edit and entry_create GET redirect (302) to the entry or the
#   dashboard, entry_submit/withdraw/delete/return and material_upload are refused by the
#   service and redirect to the entry (302); entry_receive really marks it received (302);
# * the material round is scored: save_draft saves an empty draft (200, JSON), submit_sheet is
#   refused (criteria missing) and redirects to the sheet (302); the chief reopens unit B's sheet
#   (302), sign_off is refused (a sheet missing) and reopen_sign_off too (nothing signed): 302;
# * staff actions of presentation day (draw, move, publish, console step) and move_phase,
#   copy_campaign, panel_action, decide are refused or done by their service: 302 either way;
# * forms posted empty (account_create, extension_list, change_deadline, entry_edit and
#   entry_create, unit_attendance, judging_settings, rubric_edit) show their errors: 200.
EXPECTED = {
    # website/urls.py
    "home": page(everybody(200)),
    "campaign_list": page(everybody(200)),
    "campaign_detail": page(everybody(200), args=lambda s: [s.campaign.year]),
    "dashboard": page(logged_in(200)),
    "copy_campaign": action(staff_only(302)),
    # portal/urls.py
    "account_list": page(staff_only(200)),
    "account_create": page(staff_only(200)),
    "extension_list": page(staff_only(200)),
    "remove_extension": action(staff_only(302), args=lambda s: [s.extension.pk]),
    "change_deadline": action(staff_only(200)),
    # submissions/urls.py
    "unit_summary": page(coordinators(200)),
    "entry_list": page(staff_only(200)),
    "province_summary": page(staff_only(200)),
    "material_upload": action(unit_a_row(302), args=ACHIEVEMENT),
    "material_download": page(
        unit_a_row(200), args=lambda s: [s.achievement.pk, AchievementFile.Kind.RECORD_BOOK]
    ),
    "entry_create": page(coordinators(302), post=coordinators(200), args=lambda s: ["achievement"]),
    "entry_detail": page(unit_a_row(200), args=ENTRY),
    "entry_edit": page(unit_a_row(302), post=unit_a_row(200), args=ENTRY),
    "entry_submit": action(unit_a_row(302), args=ENTRY),
    "entry_withdraw": action(unit_a_row(302), args=ENTRY),
    "entry_delete": action(unit_a_row(302), args=ENTRY),
    "entry_receive": action(staff_only(302), args=ENTRY),
    "entry_return": action(staff_only(302), args=ENTRY, data={"reason": "请补充原始记录"}),
    # reports/urls.py (``document``: see ELSEWHERE)
    "export_request": action(
        # Unit A's ZIP asked for by name: unit B's coordinator may not have it.
        answers(coordinator_a=302, coordinator_b=403, staff=302, admin=302),
        data=lambda s: {"scope": "unit", "unit": s.unit_a.pk},
    ),
    "export_status": page(unit_a_row(200), args=EXPORT),
    "export_progress": page(unit_a_row(200), args=EXPORT),
    "export_download": page(unit_a_row(200), args=EXPORT),
    # judging/urls.py
    "my_sheets": page(judges(200)),
    "judge_day_state": page(judges(200)),
    "score_entry": page(assigned_judge(200), args=ACHIEVEMENT),
    "save_draft": action(assigned_judge(200), args=ACHIEVEMENT),
    "submit_sheet": action(assigned_judge(302), args=ACHIEVEMENT),
    "judge_material": page(
        assigned_judge(200), args=lambda s: [s.achievement.pk, AchievementFile.Kind.RECORD_BOOK]
    ),
    "judging_progress": page(staff_or_chief(200)),
    "ranking": page(staff_or_chief(200)),
    "shortlist": page(staff_only(200), post=staff_only(302)),
    "assignment_board": page(staff_only(200)),
    "balance_assignments": action(staff_only(302)),
    "toggle_assignment": action(
        staff_only(302), args=lambda s: [s.achievement.pk, s.users["judge"].pk]
    ),
    "decisions": page(staff_only(200)),
    "decide": action(
        staff_only(302),
        args=lambda s: ["enterprise", s.enterprise.pk],
        data={"selected": "yes", "reason": "成效显著"},
    ),
    "override_tier": action(staff_only(302), args=ACHIEVEMENT),
    "recommend": action(
        staff_only(302), args=lambda s: [s.achievement.pk, RecommendationBody.CCEA]
    ),
    "reopen_sheet": action(
        chief_only(302), args=lambda s: [s.sheet.pk], data={"reason": "第二项分数录入有误"}
    ),
    # With a round posted, so that the chief's check is reached (without one: 302 for any judge).
    "sign_off": action(chief_only(302), data={"round": Round.MATERIAL}),
    "reopen_sign_off": action(
        chief_only(302), data={"round": Round.MATERIAL, "reason": "复核一张评分表"}
    ),
    "move_phase": action(staff_only(302)),
    "campaign_log": page(staff_only(200)),
    "results_versions": page(staff_only(200)),
    "panel": page(staff_only(200)),
    "panel_action": action(staff_only(302)),
    "rubric_list": page(staff_only(200)),
    "rubric_edit": page(staff_only(200), args=lambda s: [s.rubric.pk]),
    "presentation_day": page(staff_only(200)),
    "draw_order": action(staff_only(302)),
    "move_in_order": action(staff_only(302), args=ACHIEVEMENT, data={"position": "1"}),
    "publish_results": action(staff_only(302)),
    "unit_results": page(coordinators(200)),
    "unit_attendance": page(coordinators(200)),
    "remove_attendee": action(unit_a_row(302), args=lambda s: [s.attendee.pk]),
    "attendance_list": page(staff_only(200)),
    "judging_settings": page(staff_only(200)),
    "console": page(staff_only(200)),
    "console_state": page(staff_only(200)),
    "console_step": action(staff_only(302)),
    "projector": page(everybody(200), args=lambda s: [s.token]),
    "projector_state": page(everybody(200), args=lambda s: [s.token]),
}


# --- The scenario ----------------------------------------------------------------------------


@dataclass
class Scenario:
    campaign: object
    unit_a: object
    users: dict
    achievement: object
    enterprise: object
    sheet: object
    extension: object
    attendee: object
    export: object
    rubric: object
    token: str


@pytest.fixture
def scenario(
    campaign, unit_a, unit_b, coordinator_a, coordinator_b, staff_user, judge, admin_user
) -> Scenario:
    """The material review of a campaign with every object a URL needs, all of unit A's."""
    install_default_rubrics(campaign)
    conflicted = JudgeFactory(username="judge_of_unit_a", member_unit=unit_a)
    chief = JudgeFactory(username="chief_judge")
    seat_panel(campaign, [chief, judge, conflicted], chief=chief)
    achievement = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    scored = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_b))
    enterprise = ExcellentEnterpriseFactory(campaign=campaign, member_unit=unit_a)
    for entry, coordinator in [
        (achievement, coordinator_a),
        (scored, coordinator_b),
        (enterprise, coordinator_a),
    ]:
        submission_services.submit(entry=entry, user=coordinator)
    campaign.phase = Phase.REVIEW
    campaign.save()
    for entry in (achievement, scored):
        judging_services.assign(judge=judge, achievement=entry)
    score(judge, scored, Round.MATERIAL, 20)
    return Scenario(
        campaign=campaign,
        unit_a=unit_a,
        users={
            "anonymous": None,
            "coordinator_a": coordinator_a,
            "coordinator_b": coordinator_b,
            "staff": staff_user,
            "judge": judge,
            "conflicted_judge": conflicted,
            "chief": chief,
            "admin": admin_user,
        },
        achievement=achievement,
        enterprise=enterprise,
        sheet=ScoreSheet.objects.get(judge=judge, achievement=scored, round=Round.MATERIAL),
        extension=DeadlineExtensionFactory(campaign=campaign, member_unit=unit_a),
        attendee=Attendee.objects.create(
            campaign=campaign,
            member_unit=unit_a,
            name="王质量",
            position="质量部主任",
            phone="13800001111",
            role=AttendeeRole.QUALITY_HEAD,
        ),
        export=Export.objects.create(
            campaign=campaign,
            member_unit=unit_a,
            requested_by=coordinator_a,
            status=Export.Status.DONE,
            file=ContentFile(b"PK\x05\x06" + bytes(18), name="export.zip"),
        ),
        rubric=Rubric.objects.filter(campaign=campaign, round=Round.MATERIAL).first(),
        token=console.state_of(campaign).projector_token,
    )


# --- The checks ------------------------------------------------------------------------------


def answer(client, user, method, url, data):
    """What ``user`` (None: logged out) gets, in a transaction rolled back afterwards: the
    status code, or LOGIN for a redirect to the login page that comes back to ``url``."""
    login_url = resolve_url(settings.LOGIN_URL)
    back = QueryDict(mutable=True)
    back["next"] = url
    with transaction.atomic():
        try:
            client.cookies.clear()  # no session nor message left by the previous request
            if user is not None:
                client.force_login(user)
            try:
                response = client.get(url) if method == "GET" else client.post(url, data)
            except Exception as error:  # a 500: reported as such, next to the other answers
                return f"500 ({type(error).__name__}: {error})"
            if response.streaming:  # a file: read to the end, which closes it as a server would
                b"".join(response.streaming_content)
            if response.status_code != 302:
                return response.status_code
            location = response["Location"]
            if location == f"{login_url}?{back.urlencode(safe='/')}":
                return LOGIN
            # Elsewhere than the login page (an action's redirect); a login page that does not
            # come back here matches no expectation.
            return 302 if not location.startswith(login_url) else f"302 to {location}"
        finally:
            transaction.set_rollback(True)


def cases():
    """One case per URL name (every persona and method but its known bugs), and one xfail
    case per known bug."""
    for name, row in EXPECTED.items():
        yield pytest.param(name, None, id=name)
        for (persona, method), reason in row.bugs.items():
            yield pytest.param(
                name,
                (persona, method),
                id=f"{name}-{persona}-{method}",
                marks=pytest.mark.xfail(strict=True, reason=f"bug: {reason}"),
            )


@pytest.mark.parametrize(("url_name", "only"), list(cases()))
def test_url_answers_each_persona_as_expected(client, scenario, url_name, only):
    row = EXPECTED[url_name]
    url = reverse(url_name, args=row.args(scenario))
    data = row.data(scenario) if callable(row.data) else row.data
    checks = (
        [only] if only else [(p, m) for p in PERSONAS for m in METHODS if (p, m) not in row.bugs]
    )
    wrong = {}
    for persona, method in checks:
        got = answer(client, scenario.users[persona], method, url, data)
        if got != row.expected(persona, method):
            wrong[f"{method} {persona}"] = (f"expected {row.expected(persona, method)}", got)
    assert wrong == {}, url


def test_every_project_url_has_one_expectation():
    """A URL added without a line in EXPECTED, or a line left for a removed URL, fails here."""
    found = list(named_patterns())
    ours = [name for name, view in found if is_project_view(view)]
    theirs = {name for name, view in found if not is_project_view(view)}
    admin = {name for name in theirs if name.startswith("admin:")}
    assert (sorted(theirs - admin), len(ours) == len(set(ours))) == (sorted(DJANGO_OWN), True)
    assert not [name for name, view in found if name.startswith("admin:") and is_project_view(view)]
    assert set(ours) - set(EXPECTED) == set(ELSEWHERE) == {"document"}
    assert set(EXPECTED) - set(ours) == set()
    assert all(set(row.get) == set(row.post) == set(PERSONAS) for row in EXPECTED.values())
