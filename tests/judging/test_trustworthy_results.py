"""Issue 10: a published number never changes without a recorded republication; a signed-off
round is frozen; late conflicts undo the sign-off; drafts are never judged."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from judging import eligibility, phases, publication, services, setup, signoffs
from judging.console import run_through
from judging.models import (
    Assignment,
    JudgingSettings,
    PublishedStanding,
    ResultsVersion,
    Round,
    RoundSignOff,
    ScoreSheet,
    ShortlistEntry,
    TierOverride,
    UpwardRecommendation,
)
from judging.results import submitted_totals
from portal.models import CampaignEvent, EventKind, Phase
from tests.factories import QcAchievementFactory
from tests.judging_helpers import publish_competition, run_material_round, score

pytestmark = pytest.mark.django_db

MATERIAL = (20, 15, 10, 5)  # material totals 80, 60, 40, 20
PRESENTATION = (14, 12, 10, 8)  # presentation totals 86, 78, 70, 56


@pytest.fixture
def published(competition, staff_user):
    campaign, judges, entries = competition
    version = publish_competition(campaign, judges, entries, staff_user, MATERIAL, PRESENTATION)
    return campaign, judges, entries, version


def figures(version):
    return [
        (row.achievement_id, row.material, row.presentation, row.final, row.rank, row.tier)
        for row in version.standings.order_by("position")
    ]


def on_presentation_day(campaign, judges, entries, staff):
    """The material round scored (10 points a criterion) and signed off, every entry
    shortlisted, and the campaign (the object the entries hold) on presentation day."""
    run_material_round(campaign, judges, entries, {e.pk: 10 for e in entries})
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries, user=staff)
    campaign.phase = Phase.PRESENTATION
    campaign.save()


def settings_form_data(settings) -> dict:
    """The judging settings as the settings page posts them, unchanged."""
    from judging.settings_views import JudgingSettingsForm

    return {
        name: "" if getattr(settings, name) is None else getattr(settings, name)
        for name in JudgingSettingsForm._meta.fields
    }


def pdf_text(content) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)


# Defect 1: published, signed-off results changed silently.


def test_the_published_figures_are_the_signed_arithmetic(published):
    campaign, judges, entries, version = published
    rows = {row.achievement_id: row for row in version.standings.all()}
    first = rows[entries[0].pk]
    # 80 × 0.3 + 86 × 0.7 = 84.20; 20 × 0.3 + 56 × 0.7 = 45.20
    assert (first.material, first.presentation, first.final, first.rank, first.tier) == (
        Decimal("80.00"),
        Decimal("86.00"),
        Decimal("84.20"),
        1,
        "first",
    )
    assert rows[entries[3].pk].final == Decimal("45.20")
    assert publication.verify(version)
    assert version.settings_used["material_weight"] == "0.30"


def test_the_material_weight_cannot_change_after_sign_off_on_the_page(client, published):
    campaign, judges, entries, version = published
    staff = version.published_by
    client.force_login(staff)
    form = settings_form_data(JudgingSettings.of(campaign))
    response = client.post(reverse("judging_settings"), {**form, "material_weight": "0.50"})
    html = response.content.decode()
    unit_page = (
        client.get(reverse("home")).content.decode(),
        figures(ResultsVersion.objects.live(campaign)),
    )
    assert response.status_code == 200 and "结果已按此设置公布" in html and "0.50" in html
    assert JudgingSettings.of(campaign).material_weight == Decimal("0.30")
    assert unit_page[1] == figures(version)


@pytest.mark.parametrize(
    ("field", "value"),
    [("material_weight", Decimal("0.50")), ("first_share", Decimal("60")), ("trim_count", 0)],
)
def test_settings_in_the_arithmetic_are_frozen_by_the_sign_off(published, field, value):
    campaign, judges, entries, version = published
    settings = JudgingSettings.of(campaign)
    setattr(settings, field, value)
    with pytest.raises(ValidationError) as error:
        setup.save_judging_settings(settings=settings, user=version.published_by)
    assert field in error.value.message_dict


def test_settings_outside_the_arithmetic_still_change_and_are_logged(published):
    campaign, judges, entries, version = published
    settings = JudgingSettings.of(campaign)
    settings.presentation_minutes = 12
    setup.save_judging_settings(settings=settings, user=version.published_by)
    event = CampaignEvent.objects.filter(kind=EventKind.SETTINGS).get()
    assert event.details["changes"]["presentation_minutes"] == ["15", "12"]


def test_the_admin_cannot_change_a_frozen_setting(client, admin_user, published):
    campaign, *_ = published
    settings = JudgingSettings.of(campaign)
    client.force_login(admin_user)
    url = reverse("admin:judging_judgingsettings_change", args=[settings.pk])
    data = settings_form_data(settings)
    data.update(campaign=campaign.pk, material_weight="0.50")
    del data["attendance_deadline"]
    data["attendance_deadline_0"] = data["attendance_deadline_1"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    assert JudgingSettings.of(campaign).material_weight == Decimal("0.30")


def test_a_tier_override_is_refused_after_the_sign_off(published):
    campaign, judges, entries, version = published
    with pytest.raises(ValidationError):
        services.override_tier(
            achievement=entries[3], tier="first", reason="提一等", user=version.published_by
        )
    assert not TierOverride.objects.exists()


def test_a_change_needs_reopening_and_a_new_sign_off_and_makes_a_new_version(published):
    campaign, judges, entries, version = published
    staff, chief = version.published_by, judges[0]
    with pytest.raises(ValidationError):  # published: withdraw first
        signoffs.reopen_sign_off(
            chief=chief, campaign=campaign, round_=Round.PRESENTATION, reason="权重有误"
        )
    phases.move(campaign=campaign, target=Phase.PRESENTATION, user=staff, reason="权重有误")
    signoffs.reopen_sign_off(
        chief=chief, campaign=campaign, round_=Round.PRESENTATION, reason="权重按通知改为0.5"
    )
    settings = JudgingSettings.of(campaign)
    settings.material_weight = Decimal("0.50")
    setup.save_judging_settings(settings=settings, user=staff)
    with pytest.raises(ValidationError):  # not signed again yet
        publication.publish(campaign=campaign, user=staff)
    signoffs.sign_off(chief=chief, campaign=campaign, round_=Round.PRESENTATION)
    second = publication.publish(campaign=campaign, user=staff)
    version.refresh_from_db()
    assert (version.number, version.withdrawn_at is not None, version.withdraw_reason) == (
        1,
        True,
        "权重有误",
    )
    assert second.number == 2 and second.digest != version.digest
    assert figures(version)[0][3] == Decimal("84.20")  # kept as first published
    assert figures(second)[0][3] == Decimal("83.00")  # 80 × 0.5 + 86 × 0.5
    assert publication.verify(version) and publication.verify(second)


def test_a_figure_changed_behind_the_guards_is_refused_at_publication(published):
    """Belt and braces: a sign-off's digest no longer matching the figures stops publication."""
    campaign, judges, entries, version = published
    staff = version.published_by
    publication.withdraw(campaign=campaign, user=staff, reason="复核")
    JudgingSettings.objects.filter(campaign=campaign).update(material_weight=Decimal("0.9"))
    with pytest.raises(ValidationError) as error:
        publication.publish(campaign=campaign, user=staff)
    assert "签认时不一致" in " ".join(error.value.messages)


# Published figures equal the snapshot everywhere they are shown.


def test_every_published_page_and_document_shows_the_snapshot(
    client, published, coordinator_a, unit_a
):
    campaign, judges, entries, version = published
    staff = version.published_by
    # Anything the live computation would show differently must not leak into the published pages.
    JudgingSettings.objects.filter(campaign=campaign).update(material_weight=Decimal("0.9"))
    rows = {row.achievement_id: row for row in version.standings.all()}
    first = rows[entries[0].pk]

    client.force_login(coordinator_a)
    unit_page = client.get(reverse("unit_results")).content.decode()
    certificates = pdf_text(client.get(reverse("document", args=["certificates", "pdf"])).content)
    client.logout()
    award_list = client.get(reverse("home")).content.decode()
    client.force_login(staff)
    results_pdf = pdf_text(client.get(reverse("document", args=["results", "pdf"])).content)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("document", args=["results", "xlsx"])).content)
    )
    sheet = workbook["评审结果"]

    assert "84.20" in unit_page and version.digest in unit_page
    assert "小组0" in award_list and "一等奖" in award_list
    assert f"你组的成果《{first.topic}》" in certificates and "荣获一等奖" in certificates
    assert "84.20" in results_pdf and f"第{version.number}版" in results_pdf
    assert version.digest in results_pdf
    assert sheet["A2"].value == "一、问题解决型"  # each topic type's section under its heading
    top = [cell.value for cell in sheet[3]]
    assert top[5:8] == [Decimal("80.00"), Decimal("86.00"), Decimal("84.20")] or top[5:8] == [
        80,
        86,
        84.2,
    ]
    assert {sheet.cell(row=3, column=c).number_format for c in (6, 7, 8)} == {"0.00"}
    assert any(version.digest in str(cell.value) for row in sheet.iter_rows() for cell in row)


def test_a_unit_sees_only_its_own_published_rows(client, published, coordinator_b, unit_b):
    campaign, judges, entries, version = published
    client.force_login(coordinator_b)
    html = client.get(reverse("unit_results")).content.decode()
    own = [r.serial_number for r in version.standings.filter(member_unit=unit_b)]
    other = [r.serial_number for r in version.standings.exclude(member_unit=unit_b)]
    assert all(s in html for s in own) and not any(s in html for s in other)


def test_earlier_versions_stay_readable_to_staff_only(client, published, coordinator_a):
    campaign, judges, entries, version = published
    staff = version.published_by
    publication.withdraw(campaign=campaign, user=staff, reason="名单有误")
    client.force_login(coordinator_a)
    refused = client.get(reverse("results_versions")).status_code
    client.force_login(staff)
    html = client.get(reverse("results_versions")).content.decode()
    printed = pdf_text(client.get(reverse("document", args=["results", "pdf"]) + "?pk=1").content)
    assert refused == 403
    assert "名单有误" in html and version.digest in html and "校验码相符" in html
    assert "第1版" in printed and version.digest in printed


# Defect 2: the phase button skipped rounds.


def test_the_presentation_phase_needs_the_material_sign_off_and_a_shortlist(
    client, staff_user, competition
):
    campaign, judges, entries = competition
    campaign.phase = Phase.REVIEW
    campaign.save()
    for entry in entries:
        services.assign(judge=judges[1], achievement=entry)
    client.force_login(staff_user)
    dashboard = client.get(reverse("dashboard")).content.decode()
    response = client.post(
        reverse("move_phase"), {"target": Phase.PRESENTATION}, follow=True
    ).content.decode()
    campaign.refresh_from_db()
    assert campaign.phase == Phase.REVIEW
    assert (
        "已提交 0 / 应提交 4 份评分表" in dashboard and 'data-testid="phase-missing"' in dashboard
    )
    assert "尚无入围发表的成果" in response


def test_into_presentation_once_signed_and_shortlisted(staff_user, competition):
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries, {e.pk: 10 for e in entries})
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries[:2], user=staff_user)
    moved = phases.move(campaign=campaign, target=Phase.PRESENTATION, user=staff_user)
    event = CampaignEvent.objects.get(kind=EventKind.PHASE)
    assert moved.phase == Phase.PRESENTATION
    assert (event.details, event.actor) == (
        {"source": "review", "target": "presentation"},
        staff_user,
    )


def test_publishing_before_any_presentation_score_is_refused_not_a_dead_end(
    staff_user, competition
):
    campaign, judges, entries = competition
    on_presentation_day(campaign, judges, entries, staff_user)
    with pytest.raises(ValidationError) as error:
        phases.move(campaign=campaign, target=Phase.PUBLISHED, user=staff_user)
    campaign.refresh_from_db()
    assert campaign.phase == Phase.PRESENTATION
    assert "成果发表评审" in " ".join(error.value.messages)
    assert [m.target for m in phases.moves(campaign)] == [Phase.PUBLISHED, Phase.REVIEW]


def test_into_review_needs_closed_submissions_a_submission_and_a_chief(
    staff_user, campaign, unit_a
):
    from datetime import timedelta

    from django.utils import timezone

    with pytest.raises(ValidationError) as error:
        phases.move(campaign=campaign, target=Phase.REVIEW, user=staff_user)
    missing = " ".join(error.value.messages)
    assert "申报截止到" in missing and "尚无已提交的QC成果" in missing and "评审组长" in missing
    campaign.submission_deadline = timezone.now() - timedelta(hours=1)
    campaign.preliminary_review_date = timezone.localdate()
    campaign.save()
    from judging.defaults import install_default_rubrics
    from tests.factories import JudgeFactory, seat_panel

    install_default_rubrics(campaign)
    seat_panel(campaign, [JudgeFactory(username="chief")])
    QcAchievementFactory(campaign=campaign, member_unit=unit_a, status="submitted")
    assert phases.move(campaign=campaign, target=Phase.REVIEW, user=staff_user).phase == "review"


def test_phases_cannot_be_skipped(staff_user, campaign):
    for target in (Phase.PRESENTATION, Phase.PUBLISHED, Phase.ARCHIVED, "nonsense"):
        with pytest.raises(ValidationError):
            phases.move(campaign=campaign, target=target, user=staff_user)
    campaign.refresh_from_db()
    assert campaign.phase == Phase.OPEN


def test_going_back_needs_a_reason_and_is_refused_once_scoring_began(staff_user, competition):
    campaign, judges, entries = competition
    campaign.phase = Phase.REVIEW
    campaign.save()
    with pytest.raises(ValidationError):
        phases.move(campaign=campaign, target=Phase.OPEN, user=staff_user)
    run_material_round(campaign, judges, entries[:1], {entries[0].pk: 10})
    with pytest.raises(ValidationError) as error:
        phases.move(campaign=campaign, target=Phase.OPEN, user=staff_user, reason="补交")
    assert "评委已开始评分" in " ".join(error.value.messages)


def test_back_from_review_before_any_score_is_recorded_with_its_reason(staff_user, campaign):
    campaign.phase = Phase.REVIEW
    campaign.save()
    phases.move(campaign=campaign, target=Phase.OPEN, user=staff_user, reason="提前转段")
    event = CampaignEvent.objects.get(kind=EventKind.PHASE)
    assert (event.reason, event.details["target"]) == ("提前转段", "open")


def test_back_to_review_is_refused_once_presentation_scores_exist(published):
    campaign, judges, entries, version = published
    staff = version.published_by
    phases.move(campaign=campaign, target=Phase.PRESENTATION, user=staff, reason="复核")
    with pytest.raises(ValidationError):
        phases.move(campaign=campaign, target=Phase.REVIEW, user=staff, reason="复核")


def test_archive_and_back(published):
    campaign, judges, entries, version = published
    staff = version.published_by
    phases.move(campaign=campaign, target=Phase.ARCHIVED, user=staff)
    with pytest.raises(ValidationError):
        phases.move(campaign=campaign, target=Phase.PUBLISHED, user=staff)
    phases.move(campaign=campaign, target=Phase.PUBLISHED, user=staff, reason="补发证书")
    campaign.refresh_from_db()
    assert campaign.phase == Phase.PUBLISHED
    assert ResultsVersion.objects.live(campaign) == version


def test_the_dashboard_offers_only_allowed_moves_with_what_is_missing(client, staff_user, campaign):
    client.force_login(staff_user)
    html = client.get(reverse("dashboard")).content.decode()
    assert "推进到：材料初审" in html and "disabled" in html and "尚缺" in html


# Defect 3: a conflict found late could not be declared.


def test_a_late_conflict_takes_the_score_out_and_undoes_both_sign_offs(client, published):
    campaign, judges, entries, version = published
    staff = version.published_by
    entry = entries[1]
    late = next(j for j in judges if eligibility.may_score(j, entry, Round.MATERIAL))
    assert late.pk in submitted_totals(campaign, Round.MATERIAL)[entry.pk]
    client.force_login(staff)
    client.post(
        reverse("panel_action"),
        {"action": "conflict", "judge": late.pk, "achievement": entry.pk, "reason": "曾任顾问"},
    )
    assert late.pk not in submitted_totals(campaign, Round.MATERIAL)[entry.pk]
    assert late.pk not in submitted_totals(campaign, Round.PRESENTATION)[entry.pk]
    assert ScoreSheet.objects.filter(judge=late, achievement=entry).count() == 2  # kept
    assert not RoundSignOff.objects.active().filter(campaign=campaign).exists()
    assert (
        RoundSignOff.objects.filter(campaign=campaign, revoke_reason__contains="曾任顾问").count()
        == 2
    )
    # The published version does not move; archiving waits for a new publication.
    assert figures(ResultsVersion.objects.live(campaign)) == figures(version)
    with pytest.raises(ValidationError):
        phases.move(campaign=campaign, target=Phase.ARCHIVED, user=staff)


def test_a_late_conflict_in_the_material_round_reopens_it_on_presentation_day(
    staff_user, competition
):
    campaign, judges, entries = competition
    on_presentation_day(campaign, judges, entries, staff_user)
    judge = judges[2]
    setup.declare_conflict(judge=judge, achievement=entries[0], reason="亲属", user=staff_user)
    assert signoffs.open_rounds(campaign) == [Round.MATERIAL, Round.PRESENTATION]
    assert not Assignment.objects.filter(judge=judge, achievement=entries[0]).exists()
    # The chief can sign the material round again without the conflicted score.
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    assert signoffs.open_rounds(campaign) == [Round.PRESENTATION]


def test_the_chief_reopens_a_material_sheet_on_presentation_day_after_reopening_the_round(
    staff_user, competition
):
    campaign, judges, entries = competition
    on_presentation_day(campaign, judges, entries, staff_user)
    chief = judges[0]
    sheet = ScoreSheet.objects.filter(round=Round.MATERIAL).first()
    with pytest.raises(ValidationError):
        services.reopen_sheet(chief=chief, sheet=sheet, reason="漏评")
    signoffs.reopen_sign_off(chief=chief, campaign=campaign, round_=Round.MATERIAL, reason="漏评")
    services.reopen_sheet(chief=chief, sheet=sheet, reason="漏评")
    sheet.refresh_from_db()
    assert sheet.status == "draft"


# Defect 7: a draft could be judged.


def test_a_crafted_post_cannot_shortlist_or_recommend_a_draft(
    client, staff_user, competition, unit_a
):
    campaign, judges, entries = competition
    draft = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(staff_user)
    client.post(reverse("shortlist"), {"achievement": [entries[0].pk, draft.pk]})
    client.post(reverse("recommend", args=[draft.pk, "ccea"]))
    with pytest.raises(ValidationError):
        services.assign(judge=judges[1], achievement=draft)
    assert not ShortlistEntry.objects.filter(achievement=draft).exists()
    assert not UpwardRecommendation.objects.exists()


def test_a_draft_is_never_in_the_published_results(published, unit_a):
    campaign, judges, entries, version = published
    draft = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    assert not PublishedStanding.objects.filter(achievement=draft).exists()


# The campaign log.


def test_the_log_tells_the_whole_story_to_staff_only(client, published, coordinator_a):
    campaign, judges, entries, version = published
    staff = version.published_by
    client.force_login(coordinator_a)
    assert client.get(reverse("campaign_log")).status_code == 403
    client.force_login(staff)
    html = client.get(reverse("campaign_log")).content.decode()
    kinds = set(CampaignEvent.objects.values_list("kind", flat=True))
    assert {EventKind.SIGN_OFF, EventKind.SHORTLIST, EventKind.PUBLICATION} <= kinds
    assert "结果已公布（第 1 版）" in html and "签认" in html


def test_log_and_versions_pages_keep_their_query_count(
    client, published, django_assert_max_num_queries
):
    campaign, judges, entries, version = published
    staff = version.published_by
    client.force_login(staff)
    for n in range(3):
        publication.withdraw(campaign=campaign, user=staff, reason=f"第{n}次")
        publication.publish(campaign=campaign, user=staff)
    with django_assert_max_num_queries(12):
        client.get(reverse("campaign_log"))
    with django_assert_max_num_queries(14):
        client.get(reverse("results_versions"))


def test_scores_stay_whole_after_another_judge_reopens(published):
    """A sign-off that stands keeps its judges' sheets closed, reopened or not."""
    campaign, judges, entries, version = published
    sheet = ScoreSheet.objects.filter(round=Round.PRESENTATION).first()
    with pytest.raises(ValidationError):
        services.reopen_sheet(chief=judges[0], sheet=sheet, reason="x")
    with pytest.raises(ValidationError):
        score(sheet.judge, sheet.achievement, Round.PRESENTATION, 1)


# Where rules meet (found in review).


def test_a_judges_page_left_open_never_writes_into_another_round(client, staff_user, competition):
    campaign, judges, entries = competition
    on_presentation_day(campaign, judges, entries, staff_user)
    judge, entry = judges[1], entries[0]
    client.force_login(judge)
    url = reverse("submit_sheet", args=[entry.pk]) + "?round=material"
    draft_url = reverse("save_draft", args=[entry.pk]) + "?round=material"
    responses = (client.post(url, {"comment": "材料评语"}), client.post(draft_url, {}))
    assert [r.status_code for r in responses] == [404, 404]
    assert not ScoreSheet.objects.filter(round=Round.PRESENTATION, judge=judge).exists()


@pytest.mark.parametrize(
    ("model", "action"),
    [("conflict", "delete"), ("panelmember", "change"), ("panelmember", "add")],
)
def test_the_admin_cannot_touch_panel_or_conflicts(client, admin_user, published, model, action):
    from judging.models import Conflict, PanelMember

    campaign, judges, entries, version = published
    conflict = Conflict.objects.create(
        campaign=campaign, judge=judges[1], achievement=entries[0], reason="x"
    )
    obj = conflict if model == "conflict" else PanelMember.objects.filter(campaign=campaign)[0]
    client.force_login(admin_user)
    args = [] if action == "add" else [obj.pk]
    response = client.post(reverse(f"admin:judging_{model}_{action}", args=args), {"post": "yes"})
    assert response.status_code == 403
    assert Conflict.objects.filter(pk=conflict.pk).exists()


def test_a_new_campaign_in_the_admin_starts_open(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("admin:portal_campaign_add")).content.decode()
    assert 'name="phase"' not in html


def test_staff_cannot_change_withdraw_or_return_an_entry_after_submissions(
    published, coordinator_a
):
    from submissions import services as submission_services

    campaign, judges, entries, version = published
    staff = version.published_by
    entry = QcAchievementFactory._meta.model.objects.get(pk=entries[0].pk)
    for act in (
        lambda: submission_services.withdraw(entry=entry, user=staff),
        lambda: submission_services.return_for_revision(entry=entry, user=staff, reason="改"),
        lambda: submission_services.save_entry(entry=entry, user=staff),
    ):
        with pytest.raises(ValidationError) as error:
            act()
        assert "已结束申报阶段" in " ".join(error.value.messages)
    assert not submission_services.unit_may_change(
        campaign=campaign, member_unit=entry.member_unit, user=staff
    )


def test_a_late_conflict_under_a_live_version_unfreezes_nothing(published):
    campaign, judges, entries, version = published
    staff = version.published_by
    setup.declare_conflict(judge=judges[2], achievement=entries[1], reason="亲属", user=staff)
    settings = JudgingSettings.of(campaign)
    settings.material_weight = Decimal("0.50")
    for act in (
        lambda: services.override_tier(
            achievement=entries[3], tier="first", reason="x", user=staff
        ),
        lambda: services.set_shortlist(campaign=campaign, achievements=entries[:1], user=staff),
        lambda: setup.save_judging_settings(settings=settings, user=staff),
    ):
        with pytest.raises(ValidationError):
            act()
    assert ShortlistEntry.objects.filter(achievement__campaign=campaign).count() == 4


def test_extensions_neither_granted_nor_removed_after_submissions(published, unit_a):
    from datetime import timedelta

    from portal import services as portal_services
    from portal.models import DeadlineExtension

    campaign, judges, entries, version = published
    staff = version.published_by
    old = DeadlineExtension.objects.create(
        campaign=campaign,
        member_unit=unit_a,
        new_deadline=campaign.submission_deadline + timedelta(days=1),
        reason="旧延期",
    )
    with pytest.raises(ValidationError):
        portal_services.grant_extension(
            campaign=campaign,
            member_unit=unit_a,
            new_deadline=campaign.submission_deadline + timedelta(days=3),
            reason="补交",
            granted_by=staff,
        )
    with pytest.raises(ValidationError):
        portal_services.remove_extension(extension=old, reason="撤销", user=staff)
    assert DeadlineExtension.objects.filter(campaign=campaign).count() == 1


def test_a_withdrawn_version_prints_as_withdrawn(client, published):
    campaign, judges, entries, version = published
    staff = version.published_by
    publication.withdraw(campaign=campaign, user=staff, reason="名单有误")
    client.force_login(staff)
    text = pdf_text(client.get(reverse("document", args=["results", "pdf"]) + "?pk=1").content)
    assert "已撤回" in text and "名单有误" in text


def test_the_judge_is_told_when_the_chief_reopened_an_earlier_round(
    client, staff_user, competition
):
    campaign, judges, entries = competition
    on_presentation_day(campaign, judges, entries, staff_user)
    client.force_login(judges[1])
    before = client.get(reverse("my_sheets")).content.decode()
    signoffs.reopen_sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL, reason="x")
    after = client.get(reverse("my_sheets")).content.decode()
    material = client.get(reverse("my_sheets") + "?round=material").content.decode()
    assert 'data-testid="other-round"' not in before
    assert 'data-testid="other-round"' in after and "?round=material" in after
    assert 'data-testid="other-round"' not in material and "返回当前评分轮次" in material


def test_back_to_review_before_the_day_and_forward_by_publishing(staff_user, competition):
    campaign, judges, entries = competition
    run_material_round(campaign, judges, entries, {e.pk: 10 for e in entries})
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries, user=staff_user)
    phases.move(campaign=campaign, target=Phase.PRESENTATION, user=staff_user)
    back = phases.move(campaign=campaign, target=Phase.REVIEW, user=staff_user, reason="补评")
    assert back.phase == Phase.REVIEW
    phases.move(campaign=campaign, target=Phase.PRESENTATION, user=staff_user)
    campaign.refresh_from_db()  # the entries hold this object
    run_through(campaign=campaign, user=staff_user)
    for entry in entries:
        for judge in judges:
            if eligibility.may_score(judge, entry, Round.PRESENTATION):
                score(judge, entry, Round.PRESENTATION, 12)
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.PRESENTATION)
    published = phases.move(campaign=campaign, target=Phase.PUBLISHED, user=staff_user)
    assert published.phase == Phase.PUBLISHED
    assert ResultsVersion.objects.live(campaign).number == 1
    assert list(
        CampaignEvent.objects.filter(kind__in=[EventKind.PHASE, EventKind.PUBLICATION])
        .order_by("pk")
        .values_list("kind", flat=True)
    ) == ["phase", "phase", "phase", "publication"]


def test_an_archived_campaign_without_a_live_version_stays_archived(staff_user, campaign):
    campaign.phase = Phase.ARCHIVED
    campaign.save()
    with pytest.raises(ValidationError) as error:
        phases.move(campaign=campaign, target=Phase.PUBLISHED, user=staff_user, reason="补发")
    assert "没有已公布的结果版本" in " ".join(error.value.messages)
