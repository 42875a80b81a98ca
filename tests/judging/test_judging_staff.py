"""Staff's and the chief judge's judging pages: assignments, shortlist, progress, ranking."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from judging import services, signoffs
from judging.console import run_through
from judging.models import Assignment, Criterion, Round, ShortlistEntry
from judging.results import standings
from portal.models import Phase
from submissions import services as submission_services
from tests.factories import JudgeFactory, QcAchievementFactory
from tests.judging_helpers import run_material_round, score
from tests.submissions_helpers import complete

pytestmark = pytest.mark.django_db


def test_balance_button_assigns_and_the_board_shows_conflicts(client, staff_user, competition):
    campaign, judges, entries = competition
    client.force_login(staff_user)
    client.post(reverse("balance_assignments"))
    html = client.get(reverse("assignment_board")).content.decode()
    assert Assignment.objects.count() == 3 * len(entries)
    assert not Assignment.objects.filter(
        judge=judges[-1], achievement__member_unit=entries[0].member_unit
    ).exists()
    assert html.count('title="回避关系"') == 2


def test_toggling_a_cell_assigns_and_unassigns(client, staff_user, competition):
    campaign, judges, entries = competition
    client.force_login(staff_user)
    url = reverse("toggle_assignment", args=[entries[1].pk, judges[0].pk])
    client.post(url)
    first = Assignment.objects.count()
    client.post(url)
    assert (first, Assignment.objects.count()) == (1, 0)


def test_a_conflicted_cell_cannot_be_assigned_by_post(client, staff_user, competition):
    campaign, judges, entries = competition
    client.force_login(staff_user)
    client.post(reverse("toggle_assignment", args=[entries[0].pk, judges[-1].pk]))
    assert Assignment.objects.count() == 0


def test_ranking_with_trimmed_means_and_tiers(client, staff_user, competition):
    campaign, judges, entries = competition
    material = {e.pk: p for e, p in zip(entries, [20, 15, 10, 5], strict=True)}
    run_material_round(campaign, judges, entries, material)
    ShortlistEntry.objects.bulk_create(ShortlistEntry(achievement=e) for e in entries)
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    run_through(campaign=campaign, user=staff_user)
    for entry, each in zip(entries, [15, 14, 12, 10], strict=True):
        for judge in judges:
            if services.may_score(judge, entry, Round.PRESENTATION):
                score(judge, entry, Round.PRESENTATION, each)
    result = standings(campaign)
    by_name = {s.key.group_name: s for s in result}
    # 小组0: material 4 criteria × 20 capped → 20+20+20+20 = 80; presentation 7 criteria capped at 15 → 10+15+15+15+15+10+10 = 90
    assert (by_name["小组0"].material, by_name["小组0"].presentation, by_name["小组0"].final) == (
        80,
        90,
        87,
    )
    assert [s.key.group_name for s in result] == ["小组0", "小组1", "小组2", "小组3"]
    assert [s.rank for s in result] == [1, 2, 3, 4]
    client.force_login(staff_user)
    html = client.get(reverse("ranking")).content.decode()
    assert "87.00" in html and "一等奖" in html


def test_shortlist_suggestion_then_save(client, staff_user, competition):
    campaign, judges, entries = competition
    run_material_round(
        campaign, judges, entries, {e.pk: p for e, p in zip(entries, [20, 15, 10, 5], strict=True)}
    )
    client.force_login(staff_user)
    html = client.get(reverse("shortlist"), {"top": 2}).content.decode()
    checked = [e for e in entries if f'value="{e.pk}" id="s{e.pk}" checked' in html]
    client.post(reverse("shortlist"), {"achievement": [e.pk for e in checked]})
    assert (checked, set(ShortlistEntry.objects.values_list("achievement_id", flat=True))) == (
        entries[:2],
        {e.pk for e in entries[:2]},
    )


def test_suggestion_by_minimum_material_score(competition):
    from judging.results import suggest_shortlist

    campaign, judges, entries = competition
    run_material_round(
        campaign, judges, entries, {e.pk: p for e, p in zip(entries, [20, 15, 10, 5], strict=True)}
    )
    assert suggest_shortlist(standings(campaign), min_material=Decimal(60)) == {
        entries[0].pk,
        entries[1].pk,
    }


def test_progress_counts_submitted_and_expected_sheets(client, staff_user, competition):
    campaign, judges, entries = competition
    campaign.phase = Phase.REVIEW
    campaign.save()
    services.assign(judge=judges[1], achievement=entries[1])
    services.assign(judge=judges[1], achievement=entries[2])
    score(judges[1], entries[1], Round.MATERIAL, 10)
    client.force_login(staff_user)
    html = client.get(reverse("judging_progress")).content.decode()
    assert "1 / 2" in html


@pytest.mark.parametrize("url_name", ["judging_progress", "ranking"])
def test_the_chief_judge_sees_progress_and_ranking_other_judges_do_not(
    client, competition, url_name
):
    campaign, judges, entries = competition
    client.force_login(judges[0])
    chief = client.get(reverse(url_name)).status_code
    client.force_login(judges[1])
    assert (chief, client.get(reverse(url_name)).status_code) == (200, 403)


@pytest.mark.parametrize("url_name", ["assignment_board", "shortlist"])
def test_staff_pages_are_not_for_judges_or_units(client, competition, coordinator_a, url_name):
    campaign, judges, entries = competition
    client.force_login(judges[0])
    as_chief = client.get(reverse(url_name)).status_code
    client.force_login(coordinator_a)
    assert (as_chief, client.get(reverse(url_name)).status_code) == (403, 403)


@pytest.mark.parametrize(
    "url_name", ["judging_progress", "ranking", "assignment_board", "shortlist"]
)
def test_judging_pages_keep_their_query_count_as_entries_grow(
    client, staff_user, competition, coordinator_b, unit_b, url_name
):
    campaign, judges, entries = competition
    client.force_login(staff_user)
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(url_name)).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    campaign.phase = Phase.OPEN
    campaign.save()
    more = []
    for _ in range(4):
        entry = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_b))
        submission_services.submit(entry=entry, user=coordinator_b)
        more.append(entry)
    run_material_round(campaign, judges, more, {e.pk: 12 for e in more})
    assert count() == few


def test_a_nomination_is_selected_or_turned_down_with_a_reason(
    client, staff_user, coordinator_a, campaign, unit_a
):
    from judging.models import NominationDecision
    from tests.factories import ExcellentPromoterFactory

    promoter = ExcellentPromoterFactory(campaign=campaign, member_unit=unit_a)
    submission_services.submit(entry=promoter, user=coordinator_a)
    client.force_login(staff_user)
    client.post(
        reverse("decide", args=["promoter", promoter.pk]),
        {"selected": "yes", "reason": "推进成效突出"},
    )
    decision = NominationDecision.objects.get()
    assert (decision.nomination, decision.selected, decision.reason) == (
        promoter,
        True,
        "推进成效突出",
    )


def test_an_ineligible_nomination_cannot_be_selected(coordinator_a, staff_user, campaign, unit_a):
    from django.core.exceptions import ValidationError

    from submissions.models import ExcellentPromoter
    from tests.factories import ExcellentPromoterFactory

    promoter = ExcellentPromoterFactory(campaign=campaign, member_unit=unit_a)
    submission_services.submit(entry=promoter, user=coordinator_a)
    ExcellentPromoter.objects.filter(pk=promoter.pk).update(
        qc_years=3
    )  # changed behind the rules' back
    promoter.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.decide_nomination(nomination=promoter, selected=True, reason="好", user=staff_user)
    assert "不符合附件1的推荐条件" in error.value.messages[0]
    services.decide_nomination(
        nomination=promoter, selected=False, reason="年限不足", user=staff_user
    )


def test_staff_change_a_tier_with_a_reason_and_the_ranking_shows_it(
    client, staff_user, competition
):
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})
    client.force_login(staff_user)
    client.post(
        reverse("override_tier", args=[entries[0].pk]),
        {"tier": "excellence", "reason": "创新性突出"},
    )
    result = {s.key.pk: s.tier for s in standings(campaign)}
    assert (
        result[entries[0].pk] == "excellence"
        and "已调整" in client.get(reverse("ranking")).content.decode()
    )


def test_the_chief_judge_reopens_from_the_progress_page_and_signs_off(client, competition):
    from judging.models import RoundSignOff, ScoreSheet

    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})
    sheet = ScoreSheet.objects.filter(judge=judges[1]).first()
    client.force_login(judges[0])
    client.post(reverse("reopen_sheet", args=[sheet.pk]), {"reason": "分数录错"})
    refused = client.post(reverse("sign_off"), {"round": "material"}, follow=True).content.decode()
    services.submit_sheet(judge=judges[1], achievement=entries[0], round_=Round.MATERIAL)
    client.post(reverse("sign_off"), {"round": "material"})
    assert (
        "本轮仍有评分表未提交" in refused,
        RoundSignOff.objects.filter(round="material").count(),
    ) == (True, 1)


def test_only_the_chief_judge_reopens(client, competition):
    from judging.models import ScoreSheet

    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})
    sheet = ScoreSheet.objects.filter(judge=judges[2]).first()
    client.force_login(judges[1])
    client.post(reverse("reopen_sheet", args=[sheet.pk]), {"reason": "想改"})
    sheet.refresh_from_db()
    assert sheet.status == "submitted"


def test_the_chief_judges_progress_page_lists_sheets_to_reopen_and_the_sign_off(
    client, competition
):
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})
    client.force_login(judges[0])
    html = client.get(reverse("judging_progress")).content.decode()
    client.post(reverse("sign_off"), {"round": "material"})
    after = client.get(reverse("judging_progress")).content.decode()
    assert (
        html.count("/reopen/"),
        'data-testid="sign-off"' in html,
        'data-testid="signed-off"' in after,
    ) == (6, True, True)


def test_staff_see_tier_and_recommendation_controls_on_the_ranking(client, staff_user, competition):
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})
    services.set_shortlist(campaign=campaign, achievements=entries[:1], user=staff_user)
    client.force_login(staff_user)
    html = client.get(reverse("ranking")).content.decode()
    client.post(reverse("recommend", args=[entries[0].pk, "ccea"]))
    from judging.models import UpwardRecommendation

    assert (
        f"/judging/ranking/{entries[0].pk}/tier/" in html,
        UpwardRecommendation.objects.get().body,
    ) == (True, "ccea")


def test_a_judge_prints_their_signed_score_sheet(client, competition):
    import io

    from pypdf import PdfReader

    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})
    client.force_login(judges[1])
    response = client.get(reverse("document", args=["judge-score-sheet", "pdf"]))
    text = "".join(
        "".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert all(
        item in text for item in ["评委评分表", "活动记录真实完整（30）", "小组0", "40", "评委签名"]
    )


def test_results_and_upward_lists_as_workbooks(client, staff_user, competition):
    import io

    from docx import Document as WordDocument
    from openpyxl import load_workbook

    campaign, judges, entries = competition
    run_material_round(
        campaign, judges, entries, {e.pk: p for e, p in zip(entries, [20, 15, 10, 5], strict=True)}
    )
    ShortlistEntry.objects.bulk_create(ShortlistEntry(achievement=e) for e in entries)
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    run_through(campaign=campaign, user=staff_user)
    for entry in entries:
        for judge in judges:
            if services.may_score(judge, entry, Round.PRESENTATION):
                score(judge, entry, Round.PRESENTATION, 14)
    client.force_login(staff_user)
    client.post(reverse("recommend", args=[entries[0].pk, "caq"]))
    results = load_workbook(
        io.BytesIO(client.get(reverse("document", args=["results", "xlsx"])).content)
    ).worksheets[0]
    upward = WordDocument(
        io.BytesIO(client.get(reverse("document", args=["upward-recommendations", "docx"])).content)
    )
    # Row 2 heads the 问题解决型 section.
    assert [c.value for c in results[3]][:3] == [1, entries[0].member_unit.short_name, "小组0"]
    assert [cell.text for cell in upward.tables[1].rows[1].cells][:3] == [
        "1",
        entries[0].member_unit.short_name,
        "小组0",
    ]


@pytest.mark.parametrize("slug", ["results", "upward-recommendations"])
def test_results_documents_are_for_staff_and_the_chief(client, competition, coordinator_a, slug):
    campaign, judges, entries = competition
    fmt = "xlsx"
    statuses = []
    for user in (judges[0], judges[1], coordinator_a):
        client.force_login(user)
        statuses.append(client.get(reverse("document", args=[slug, fmt])).status_code)
    assert statuses == [200, 403, 403]


def test_a_round_is_signed_off_only_when_every_expected_sheet_is_in_and_then_it_is_closed(
    client, competition
):
    from django.core.exceptions import ValidationError

    campaign, judges, entries = competition
    campaign.phase = Phase.REVIEW
    campaign.save()
    services.assign(judge=judges[1], achievement=entries[1])
    with pytest.raises(ValidationError):
        signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    score(judges[1], entries[1], Round.MATERIAL, 10)
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    sheet = judges[1].score_sheets.get()
    with pytest.raises(ValidationError):
        services.reopen_sheet(chief=judges[0], sheet=sheet, reason="想改")
    with pytest.raises(ValidationError):
        services.save_scores(
            judge=judges[1], achievement=entries[1], round_=Round.MATERIAL, points={}
        )


def test_taking_a_scored_entry_off_the_shortlist_is_refused(competition, staff_user):
    from django.core.exceptions import ValidationError

    campaign, judges, entries = competition
    services.set_shortlist(campaign=campaign, achievements=entries[:2], user=staff_user)
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    run_through(campaign=campaign, user=staff_user)
    score(judges[1], entries[1], Round.PRESENTATION, 10)
    with pytest.raises(ValidationError):
        services.set_shortlist(campaign=campaign, achievements=entries[:1], user=staff_user)


def test_a_conflict_declared_after_scoring_takes_the_score_out_of_the_results(
    competition, staff_user
):
    from judging.models import Conflict
    from judging.results import submitted_totals

    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries[1:2], {entries[1].pk: 10})
    Conflict.objects.create(
        campaign=campaign,
        judge=judges[2],
        achievement=entries[1],
        reason="后来发现",
        declared_by=staff_user,
    )
    assert judges[2].pk not in submitted_totals(campaign, Round.MATERIAL)[entries[1].pk]


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity"])
def test_non_numbers_are_refused_not_a_500(client, competition, value):
    campaign, judges, entries = competition
    campaign.phase = Phase.REVIEW
    campaign.save()
    services.assign(judge=judges[1], achievement=entries[1])
    criterion = Criterion.objects.filter(
        rubric__campaign=campaign,
        rubric__round=Round.MATERIAL,
        rubric__topic_type=entries[1].topic_type,
    ).first()
    client.force_login(judges[1])
    response = client.post(
        reverse("save_draft", args=[entries[1].pk]),
        {f"criterion-{criterion.pk}": value, "criterion-²": "1"},
    )
    assert (response.status_code, response.json()["errors"]) == (400, ["请输入分数。"])


def test_making_an_unseated_judge_chief_is_refused(client, staff_user, competition):
    from judging.models import PanelMember

    campaign, judges, entries = competition
    outsider = JudgeFactory(username="outsider")
    client.force_login(staff_user)
    client.post(reverse("panel_action"), {"action": "chief", "judge": outsider.pk})
    assert PanelMember.objects.get(campaign=campaign, is_chief=True).judge == judges[0]


@pytest.mark.parametrize(
    ("method", "url_name", "data", "expected"),
    [
        ("get", "shortlist", {"top": "²", "min": "NaN"}, 200),
        ("post", "shortlist", {"achievement": ["abc", "1"]}, 302),
        ("post", "panel_action", {"action": "conflict", "judge": "abc", "achievement": "x"}, 302),
        ("post", "panel_action", {"action": "seat", "judge": "²"}, 302),
    ],
)
def test_odd_staff_input_is_no_500(
    client, staff_user, competition, method, url_name, data, expected
):
    """Each answers one way: the page, or back to it with a message; never a server error."""
    client.force_login(staff_user)
    response = getattr(client, method)(reverse(url_name), data)
    assert response.status_code == expected
