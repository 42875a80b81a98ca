"""The presentation-day console and the projector."""

import re

import pytest
from django.urls import reverse

from judging import console, day, eligibility
from judging.models import Round, ShortlistEntry
from portal.models import Phase
from tests.judging_helpers import score

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_of(competition, staff_user):
    campaign, judges, entries = competition
    ShortlistEntry.objects.bulk_create(ShortlistEntry(achievement=e) for e in entries)
    day.draw(campaign=campaign, user=staff_user, seed="hall")
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    return campaign, judges, entries


def test_the_console_moves_through_its_stages(staff_user, day_of):
    campaign, judges, entries = day_of
    steps = []
    for action in ["start", "questions", "next", "next", "next", "next"]:
        state = console.advance(campaign=campaign, action=action, user=staff_user)
        steps.append((state.position, state.stage))
    assert steps == [
        (1, "presenting"),
        (1, "questions"),
        (2, "presenting"),
        (3, "presenting"),
        (4, "presenting"),
        (4, "finished"),
    ]


def test_a_step_out_of_order_is_refused(staff_user, day_of):
    from django.core.exceptions import ValidationError

    campaign, judges, entries = day_of
    with pytest.raises(ValidationError):
        console.advance(campaign=campaign, action="questions", user=staff_user)


def test_the_console_shows_who_submitted_for_the_current_entry(client, staff_user, day_of):
    campaign, judges, entries = day_of
    console.advance(campaign=campaign, action="start", user=staff_user)
    current = console.current_achievement_id(campaign)
    entry = next(e for e in entries if e.pk == current)
    scorer = next(j for j in judges if eligibility.may_score(j, entry, Round.PRESENTATION))
    score(scorer, entry, Round.PRESENTATION, 10)
    client.force_login(staff_user)
    state = client.get(reverse("console_state")).json()
    assert str(scorer) in state["submitted"] and str(scorer) not in state["scoring"]
    assert len(state["submitted"]) + len(state["scoring"]) == sum(
        1 for j in judges if not eligibility.is_conflicted(j, entry)
    )


def test_the_projector_needs_no_login_and_never_shows_a_score(client, staff_user, day_of):
    campaign, judges, entries = day_of
    console.advance(campaign=campaign, action="start", user=staff_user)
    token = console.state_of(campaign).projector_token
    page = client.get(reverse("projector", args=[token])).content.decode()
    state = client.get(reverse("projector_state", args=[token])).json()
    assert set(state) == {"stage", "stage_label", "started", "seconds", "current", "next"}
    assert state["current"]["group"] in page and "submitted" not in state


def test_a_new_projector_link_revokes_the_old_one(client, staff_user, day_of):
    campaign, judges, entries = day_of
    old = console.state_of(campaign).projector_token
    client.force_login(staff_user)
    client.post(reverse("console_step"), {"action": "new_link"})
    client.logout()
    assert client.get(reverse("projector", args=[old])).status_code == 404


@pytest.mark.parametrize("url_name", ["console", "console_state"])
def test_the_console_is_for_staff(client, coordinator_a, judge, day_of, url_name):
    statuses = []
    for user in (coordinator_a, judge):
        client.force_login(user)
        statuses.append(client.get(reverse(url_name)).status_code)
    assert statuses == [403, 403]


def test_judges_lists_follow_the_console(client, staff_user, day_of):
    campaign, judges, entries = day_of
    console.advance(campaign=campaign, action="start", user=staff_user)
    console.advance(campaign=campaign, action="next", user=staff_user)
    current = console.current_achievement_id(campaign)
    judge = next(
        j
        for j in judges
        if eligibility.may_score(j, next(e for e in entries if e.pk == current), Round.PRESENTATION)
    )
    client.force_login(judge)
    from judging.models import RunningSlot

    html = client.get(reverse("my_sheets")).content.decode()
    listed = [
        int(pk) for pk in re.findall(r'href="/judging/sheets/(\d+)/\?round=presentation"', html)
    ]
    by_position = [s.achievement_id for s in RunningSlot.objects.order_by("position")]
    expected = [current] + [pk for pk in by_position if pk != current and pk in listed]
    assert listed == expected


def test_start_cannot_rewind_the_day(staff_user, day_of):
    from django.core.exceptions import ValidationError

    campaign, judges, entries = day_of
    console.advance(campaign=campaign, action="start", user=staff_user)
    console.advance(campaign=campaign, action="questions", user=staff_user)
    with pytest.raises(ValidationError):
        console.advance(campaign=campaign, action="start", user=staff_user)


def test_the_order_is_fixed_once_the_day_has_begun(staff_user, day_of):
    from django.core.exceptions import ValidationError

    campaign, judges, entries = day_of
    console.advance(campaign=campaign, action="start", user=staff_user)
    with pytest.raises(ValidationError):
        day.draw(campaign=campaign, user=staff_user, seed="again")
    with pytest.raises(ValidationError):
        day.move(achievement=entries[0], position=2, user=staff_user)


def test_withdrawing_unpublished_results_is_refused_not_a_500(client, staff_user, day_of):
    client.force_login(staff_user)
    response = client.post(
        reverse("publish_results"), {"action": "unpublish", "reason": "x"}, follow=True
    )
    assert response.status_code == 200 and "结果尚未公布" in response.content.decode()


def test_a_long_seed_is_refused(client, staff_user, day_of):
    client.force_login(staff_user)
    response = client.post(reverse("draw_order"), {"seed": "x" * 65}, follow=True)
    assert "随机种子最多64个字符" in response.content.decode()


def test_odd_document_parameters_are_no_500(client, staff_user, day_of):
    client.force_login(staff_user)
    assert (
        client.get(reverse("document", args=["certificates", "html"]), {"unit": "²"}).status_code
        == 200
    )


def test_the_console_poll_keeps_its_query_count_as_the_panel_grows(client, staff_user, day_of):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import JudgeFactory

    campaign, judges, entries = day_of
    console.advance(campaign=campaign, action="start", user=staff_user)
    client.force_login(staff_user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("console_state"))
        return len(ctx.captured_queries)

    few = count()
    from judging.models import PanelMember

    for n in range(5):
        PanelMember.objects.create(campaign=campaign, judge=JudgeFactory(username=f"extra{n}"))
    assert count() == few
