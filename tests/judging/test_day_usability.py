"""Daily use on presentation day: the score sheet's range and "next entry", the judges' list
following the console, no submission before the entry presents, reopen only where possible,
the console's buttons and the draw's seed explained."""

import re
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from judging import console, day, eligibility, publication, services, signoffs
from judging.console import run_through
from judging.models import Criterion, Round, ScoreSheet, SheetStatus
from judging.queries import entries_in_order
from portal.models import Phase
from tests.judging_helpers import run_material_round, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def the_day(competition, staff_user):
    """The material round signed off, everyone shortlisted, the order drawn, the console waiting."""
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries, {e.pk: 20 for e in entries})
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries, user=staff_user)
    day.draw(campaign=campaign, user=staff_user, seed="hall-2021")
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    for entry in entries:
        entry.refresh_from_db()
    order = [row["achievement"] for row in day.running_order(campaign)]
    return campaign, judges, order


def criteria_of(entry, round_=Round.PRESENTATION):
    return list(
        Criterion.objects.filter(
            rubric__campaign=entry.campaign,
            rubric__round=round_,
            rubric__topic_type=entry.topic_type,
        )
    )


def sheet_page(client, entry):
    return client.get(reverse("score_entry", args=[entry.pk]) + "?round=presentation")


# 1. The range a score may take is the criterion's, given to the page.
def test_the_score_sheet_gives_each_field_its_criterions_range_and_message(client, the_day):
    campaign, judges, order = the_day
    client.force_login(judges[1])
    html = sheet_page(client, order[0]).content.decode()
    for criterion in criteria_of(order[0]):
        maximum = f"{criterion.max_points.normalize():f}"
        field = re.search(rf'<input[^>]*id="criterion-{criterion.pk}"[^>]*>', html, re.S).group(0)
        assert f'data-max="{maximum}"' in field
        assert f'aria-describedby="criterion-{criterion.pk}-error"' in field
        assert re.search(
            rf'id="criterion-{criterion.pk}-error"[^>]*hidden>[^<]*0至{maximum}分', html
        )


# 3. "Next entry" follows the running order among the entries this judge scores.
def test_next_entry_follows_the_running_order_and_skips_what_the_judge_may_not_score(
    client, the_day
):
    campaign, judges, order = the_day
    conflicted_judge = judges[6]  # of 山西联通: never scores its entries
    mine = [e for e in order if eligibility.may_score(conflicted_judge, e, Round.PRESENTATION)]
    assert (
        len(mine) == 2
        and list(entries_in_order(conflicted_judge, campaign, "presentation")) == mine
    )
    client.force_login(conflicted_judge)
    first = sheet_page(client, mine[0]).content.decode()
    last = sheet_page(client, mine[1]).content.decode()
    link = re.search(r'href="([^"]+)" data-testid="next-entry"', first).group(1)
    assert link == reverse("score_entry", args=[mine[1].pk]) + "?round=presentation"
    assert 'data-testid="next-entry"' not in last

    client.force_login(judges[1])
    links = [
        re.search(r'href="/judging/sheets/(\d+)/[^"]*" data-testid="next-entry"', html)
        for html in (sheet_page(client, entry).content.decode() for entry in order)
    ]
    assert [int(m.group(1)) if m else None for m in links] == [e.pk for e in order[1:]] + [None]


# 4. The judges' list follows the console's state and labels the entry now presenting.
def test_the_judges_list_reads_the_console_and_labels_the_entry_now_presenting(
    client, staff_user, the_day
):
    campaign, judges, order = the_day
    client.force_login(judges[1])
    before = client.get(reverse("judge_day_state")).json()
    console.advance(campaign=campaign, action="start", user=staff_user)
    console.advance(campaign=campaign, action="next", user=staff_user)
    after = client.get(reverse("judge_day_state")).json()
    html = client.get(reverse("my_sheets")).content.decode()
    labelled = re.findall(
        r'data-entry="(\d+)"[^>]*>\s*<span>.*?<span[^>]*data-testid="now-presenting"([^>]*)>',
        html,
        re.S,
    )
    assert (before["current_id"], after["current_id"]) == (None, order[1].pk)
    assert set(after) == {"stage", "stage_label", "current_id"}
    assert 'data-follow-day="/judging/sheets/day/"' in html
    assert [int(pk) for pk, rest in labelled if "hidden" not in rest] == [order[1].pk]
    assert int(labelled[0][0]) == order[1].pk and "正在发表" in html


# 5. A presentation sheet is submitted once the entry has presented; a draft before is kept.
def test_a_sheet_is_submitted_only_once_its_entry_has_presented(staff_user, the_day):
    campaign, judges, order = the_day
    judge = judges[1]
    second = order[1]
    points = {str(c.pk): "8" for c in criteria_of(second)}
    services.save_scores(judge=judge, achievement=second, round_=Round.PRESENTATION, points=points)
    with pytest.raises(ValidationError, match=str(services.NOT_PRESENTED)):
        services.submit_sheet(judge=judge, achievement=second, round_=Round.PRESENTATION)
    console.advance(campaign=campaign, action="start", user=staff_user)
    with pytest.raises(ValidationError, match=str(services.NOT_PRESENTED)):
        services.submit_sheet(judge=judge, achievement=second, round_=Round.PRESENTATION)
    assert console.has_presented(order[0]) and not console.has_presented(second)
    console.advance(campaign=campaign, action="next", user=staff_user)
    services.submit_sheet(judge=judge, achievement=second, round_=Round.PRESENTATION)
    sheet = ScoreSheet.objects.get(judge=judge, achievement=second, round=Round.PRESENTATION)
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, 8 * len(points))


def test_the_judge_is_told_why_and_keeps_the_draft(client, the_day):
    campaign, judges, order = the_day
    client.force_login(judges[1])
    entry = order[0]
    before = sheet_page(client, entry).content.decode()
    data = {f"criterion-{c.pk}": "7" for c in criteria_of(entry)}
    response = client.post(
        reverse("submit_sheet", args=[entry.pk]) + "?round=presentation", data, follow=True
    )
    sheet = ScoreSheet.objects.get(judge=judges[1], achievement=entry, round=Round.PRESENTATION)
    assert 'data-testid="not-presented"' in before
    assert str(services.NOT_PRESENTED) in response.content.decode()
    assert (sheet.status, sheet.total) == (SheetStatus.DRAFT, 7 * len(data))


def test_after_the_last_entry_every_sheet_can_be_submitted(staff_user, the_day):
    campaign, judges, order = the_day
    run_through(campaign=campaign, user=staff_user)
    for entry in order:
        score(judges[1], entry, Round.PRESENTATION, 9)
    assert ScoreSheet.objects.filter(
        judge=judges[1], round=Round.PRESENTATION, status=SheetStatus.SUBMITTED
    ).count() == len(order)


# 7. The progress page offers a reopen only where signoffs says it is possible.
def reopen_forms(client, round_):
    html = client.get(reverse("judging_progress") + f"?round={round_}").content.decode()
    return html.count('action="/judging/sheets/'), 'data-testid="reopen-sign-off"' in html


def test_reopen_is_offered_only_where_it_is_possible(client, staff_user, the_day):
    campaign, judges, order = the_day
    chief = judges[0]
    client.force_login(chief)
    # Material round on presentation day: signed off, so no sheet reopen, but the sign-off's.
    assert reopen_forms(client, "material") == (0, True)
    assert signoffs.may_reopen(campaign, Round.MATERIAL)
    run_through(campaign=campaign, user=staff_user)
    for entry in order:
        for judge in judges:
            if eligibility.may_score(judge, entry, Round.PRESENTATION):
                score(judge, entry, Round.PRESENTATION, 9)
    submitted = ScoreSheet.objects.filter(round=Round.PRESENTATION).count()
    assert reopen_forms(client, "presentation") == (submitted, False)
    # Back in the review phase the presentation round is not scored: nothing to reopen.
    campaign.phase = Phase.REVIEW
    campaign.save()
    assert reopen_forms(client, "presentation") == (0, False)
    sheet = ScoreSheet.objects.filter(round=Round.PRESENTATION).first()
    with pytest.raises(ValidationError):
        services.reopen_sheet(chief=chief, sheet=sheet, reason="录错")
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    signoffs.sign_off(chief=chief, campaign=campaign, round_=Round.PRESENTATION)
    assert reopen_forms(client, "presentation") == (0, True)
    publication.publish(campaign=campaign, user=staff_user)
    campaign.refresh_from_db()
    assert reopen_forms(client, "presentation") == (0, False)
    assert not signoffs.may_reopen(campaign, Round.PRESENTATION)
    with pytest.raises(ValidationError):
        signoffs.reopen_sign_off(
            chief=chief, campaign=campaign, round_=Round.PRESENTATION, reason="复核"
        )


# 8. The console's buttons follow its stage: 开始 is disabled once started.
def test_the_start_button_is_disabled_after_the_start(client, staff_user, the_day):
    campaign, judges, order = the_day
    client.force_login(staff_user)

    def disabled():
        html = client.get(reverse("console")).content.decode()
        return {
            action: " disabled" in re.search(rf'<button[^>]*value="{action}"[^>]*>', html).group(0)
            for action in ("start", "questions", "next")
        }

    assert disabled() == {"start": False, "questions": True, "next": True}
    client.post(reverse("console_step"), {"action": "start"})
    assert disabled() == {"start": True, "questions": False, "next": False}
    assert client.get(reverse("console_state")).json()["steps"] == ["questions", "next"]


# 9. The draw page says what the seed is and how anyone checks it, with a line that does.
def test_the_draw_page_explains_the_seed_and_its_check_gives_the_order(client, staff_user, the_day):
    campaign, judges, order = the_day
    client.force_login(staff_user)
    html = client.get(reverse("presentation_day")).content.decode()
    explained = re.search(r'data-testid="seed-explained">(.*?)</div>', html, re.S).group(1)
    check = re.search(r'data-testid="seed-check">(.*?)</code>', html, re.S).group(1)
    check = check.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    printed = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    ).stdout
    assert printed.strip() == str([e.serial_number for e in order])
    assert "hall-2021" in check and "Python 3" in explained
    assert "same seed" in explained or "同一" in explained
