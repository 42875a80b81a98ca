"""The judge's pages: my sheets, one entry's rubric with autosave, submit; conflicts by URL and POST."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from judging import services
from judging.defaults import install_default_rubrics
from judging.models import Criterion, Round, ScoreSheet
from portal.models import Phase
from submissions import services as submission_services
from tests.factories import JudgeFactory, QcAchievementFactory, seat_panel
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(campaign, unit_a, unit_b, coordinator_a):
    install_default_rubrics(campaign)
    judge = JudgeFactory(username="reviewer")
    conflicted = JudgeFactory(username="from_a", member_unit=unit_a)
    seat_panel(campaign, [judge, conflicted])
    entries = []
    for _ in range(2):
        entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
        submission_services.submit(entry=entry, user=coordinator_a)
        entries.append(entry)
    campaign.phase = Phase.REVIEW
    campaign.save()
    services.assign(judge=judge, achievement=entries[0])
    return judge, conflicted, entries


def criteria(entry):
    return list(
        Criterion.objects.filter(
            rubric__campaign=entry.campaign,
            rubric__round=Round.MATERIAL,
            rubric__topic_type=entry.topic_type,
        )
    )


def test_my_sheets_lists_only_what_the_judge_scores(client, review):
    judge, _conflicted, (assigned, other) = review
    client.force_login(judge)
    html = client.get(reverse("my_sheets")).content.decode()
    assert (f"/judging/sheets/{assigned.pk}/" in html, f"/judging/sheets/{other.pk}/" in html) == (
        True,
        False,
    )


def test_autosave_returns_the_saved_total(client, review):
    judge, _conflicted, (entry, _other) = review
    client.force_login(judge)
    data = {f"criterion-{c.pk}": "20" for c in criteria(entry)[:2]}
    response = client.post(reverse("save_draft", args=[entry.pk]), {**data, "comment": "记录完整"})
    sheet = ScoreSheet.objects.get()
    assert (response.json()["total"], sheet.comment, sheet.status) == ("40.0", "记录完整", "draft")


def test_autosave_explains_bad_points_in_chinese(client, review):
    judge, _conflicted, (entry, _other) = review
    client.force_login(judge)
    first = criteria(entry)[0]
    response = client.post(reverse("save_draft", args=[entry.pk]), {f"criterion-{first.pk}": "31"})
    assert (response.status_code, response.json()["errors"]) == (
        400,
        ["“活动记录真实完整”的分数应在0至30.0分之间。"],
    )


def test_submit_locks_the_sheet(client, review):
    judge, _conflicted, (entry, _other) = review
    client.force_login(judge)
    data = {f"criterion-{c.pk}": "20" for c in criteria(entry)}
    client.post(reverse("submit_sheet", args=[entry.pk]), data)
    again = client.post(
        reverse("save_draft", args=[entry.pk]), {f"criterion-{criteria(entry)[0].pk}": "1"}
    )
    page = client.get(reverse("score_entry", args=[entry.pk])).content.decode()
    assert (ScoreSheet.objects.get().status, again.status_code, "评分表只读" in page) == (
        "submitted",
        400,
        True,
    )


@pytest.mark.parametrize("url_name", ["score_entry", "save_draft", "submit_sheet"])
def test_a_conflicted_judge_gets_nothing_by_url_or_post(client, review, url_name):
    _judge, conflicted, (entry, _other) = review
    client.force_login(conflicted)
    url = reverse(url_name, args=[entry.pk])
    response = (
        client.post(url, {f"criterion-{criteria(entry)[0].pk}": "20"})
        if url_name != "score_entry"
        else client.get(url)
    )
    assert response.status_code == 404 and not ScoreSheet.objects.exists()


def test_an_unassigned_entry_is_not_found(client, review):
    judge, _conflicted, (_entry, other) = review
    client.force_login(judge)
    assert client.get(reverse("score_entry", args=[other.pk])).status_code == 404


def test_outside_the_rounds_phase_nothing_can_be_scored(client, review, campaign):
    judge, _conflicted, (entry, _other) = review
    campaign.phase = Phase.OPEN
    campaign.save()
    client.force_login(judge)
    assert client.post(reverse("save_draft", args=[entry.pk]), {}).status_code == 404


def test_the_judge_opens_the_materials_of_an_assigned_entry_only(client, review):
    judge, _conflicted, (entry, other) = review
    client.force_login(judge)
    assert [
        client.get(reverse("judge_material", args=[entry.pk, "record_book"])).status_code,
        client.get(reverse("judge_material", args=[other.pk, "record_book"])).status_code,
    ] == [200, 404]


def test_the_judge_reads_the_record_book_and_slides_but_not_the_report(client, review):
    judge, _conflicted, (entry, _other) = review
    client.force_login(judge)
    page = client.get(reverse("score_entry", args=[entry.pk])).content.decode()
    codes = [
        client.get(reverse("judge_material", args=[entry.pk, kind])).status_code
        for kind in ("record_book", "slides", "report")
    ]
    assert codes == [200, 200, 404]
    assert "/materials/report/" not in page and "/materials/slides/" in page


@pytest.mark.parametrize("role", ["coordinator", "staff"])
def test_judge_pages_are_for_judges(client, personas, review, role):
    client.force_login(personas[role])
    assert client.get(reverse("my_sheets")).status_code == 403


def test_my_sheets_query_count_is_constant(client, review, campaign, unit_b, coordinator_b):
    judge, _conflicted, (assigned, _other) = review
    client.force_login(judge)
    client.post(
        reverse("save_draft", args=[assigned.pk]), {f"criterion-{criteria(assigned)[0].pk}": "10"}
    )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("my_sheets")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(6):
        entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_b))
        campaign.phase = Phase.OPEN
        campaign.save()
        submission_services.submit(entry=entry, user=coordinator_b)
        campaign.phase = Phase.REVIEW
        campaign.save()
        services.assign(judge=judge, achievement=entry)
        client.post(
            reverse("save_draft", args=[entry.pk]), {f"criterion-{criteria(entry)[0].pk}": "10"}
        )
    assert count() == few


def test_stray_fields_in_a_post_are_ignored(client, review):
    judge, _conflicted, (entry, _other) = review
    client.force_login(judge)
    response = client.post(
        reverse("save_draft", args=[entry.pk]),
        {"criterion-x": "5", "criterion-999999": "5", "comment": "c"},
    )
    assert (response.status_code, ScoreSheet.objects.get().total) == (200, 0)


def test_a_double_submitted_sheet_is_stored_once(client, review):
    judge, _conflicted, (entry, _other) = review
    client.force_login(judge)
    data = {f"criterion-{c.pk}": "20" for c in criteria(entry)}
    first = client.post(reverse("submit_sheet", args=[entry.pk]), data)
    second = client.post(reverse("submit_sheet", args=[entry.pk]), data, follow=True)
    assert (
        first.status_code,
        ScoreSheet.objects.count(),
        "评分表已提交" in second.content.decode(),
    ) == (302, 1, True)
