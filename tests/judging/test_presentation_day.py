"""Presentation day: a reproducible draw, moves on record, and publication visible per role."""

import io
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from judging import day, eligibility, publication, services, signoffs
from judging.console import run_through
from judging.models import Round, RunningSlot, ShortlistEntry
from portal.models import Phase
from tests.judging_helpers import run_material_round, score

pytestmark = pytest.mark.django_db


def test_the_draw_is_reproducible_from_its_seed():
    keys = [f"2021-QC-{n:03d}" for n in range(1, 13)]
    assert day.draw_order(keys, "6f1c") == day.draw_order(list(reversed(keys)), "6f1c")
    assert day.draw_order(keys, "6f1c") != day.draw_order(keys, "another seed")
    assert sorted(day.draw_order(keys, "6f1c")) == keys


def test_staff_draw_with_a_recorded_seed_and_the_order_follows_it(client, staff_user, competition):
    campaign, judges, entries = competition
    ShortlistEntry.objects.bulk_create(ShortlistEntry(achievement=e) for e in entries)
    client.force_login(staff_user)
    client.post(reverse("draw_order"), {"seed": "fair-draw-2021"})
    order = [slot.achievement.serial_number for slot in RunningSlot.objects.order_by("position")]
    html = client.get(reverse("presentation_day")).content.decode()
    assert order == day.draw_order([e.serial_number for e in entries], "fair-draw-2021")
    assert "fair-draw-2021" in html


def test_moving_one_entry_closes_up_the_others_and_is_recorded(staff_user, competition):
    campaign, judges, entries = competition
    ShortlistEntry.objects.bulk_create(ShortlistEntry(achievement=e) for e in entries)
    day.draw(campaign=campaign, user=staff_user, seed="s")
    first = RunningSlot.objects.get(position=1).achievement
    day.move(achievement=first, position=4, user=staff_user)
    slots = list(RunningSlot.objects.order_by("position"))
    assert ([s.position for s in slots], slots[-1].achievement) == ([1, 2, 3, 4], first)
    assert slots[-1].history.first().history_user == staff_user


def full_day(campaign, judges, entries, staff_user):
    run_material_round(
        campaign, judges, entries, {e.pk: p for e, p in zip(entries, [20, 15, 10, 5], strict=True)}
    )
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.MATERIAL)
    services.set_shortlist(campaign=campaign, achievements=entries, user=staff_user)
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    run_through(campaign=campaign, user=staff_user)
    for entry in entries:
        entry.refresh_from_db()
        for judge in judges:
            if eligibility.may_score(judge, entry, Round.PRESENTATION):
                score(judge, entry, Round.PRESENTATION, 14)


def test_publishing_needs_the_presentation_sign_off(client, staff_user, competition):
    campaign, judges, entries = competition
    full_day(campaign, judges, entries, staff_user)
    client.force_login(staff_user)
    refused = client.post(reverse("publish_results"), follow=True).content.decode()
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.PRESENTATION)
    client.post(reverse("publish_results"))
    campaign.refresh_from_db()
    assert (
        "评审组长尚未签认“成果发表评审”" in refused,
        publication.is_published(campaign),
        campaign.phase,
    ) == (
        True,
        True,
        Phase.PUBLISHED,
    )


def test_units_see_their_own_results_only_after_publication(
    client, staff_user, coordinator_a, competition
):
    campaign, judges, entries = competition
    full_day(campaign, judges, entries, staff_user)
    client.force_login(coordinator_a)
    before = client.get(reverse("unit_results")).content.decode()
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.PRESENTATION)
    publication.publish(campaign=campaign, user=staff_user)
    after = client.get(reverse("unit_results")).content.decode()
    # The running order above names every group; the results table only the unit's own.
    after = after.split('data-testid="unit-results"', 1)[-1]
    own = [e.group_name for e in entries if e.member_unit == coordinator_a.member_unit]
    other = [e.group_name for e in entries if e.member_unit != coordinator_a.member_unit]
    assert (
        'data-testid="not-published"' in before,
        all(g in after for g in own),
        any(g in after for g in other),
    ) == (True, True, False)
    assert "unit-results" not in before


def test_the_award_list_is_public_once_published_and_gone_when_withdrawn(
    client, staff_user, competition
):
    campaign, judges, entries = competition
    full_day(campaign, judges, entries, staff_user)
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.PRESENTATION)
    before = client.get(reverse("home")).content.decode()
    publication.publish(campaign=campaign, user=staff_user)
    published = client.get(reverse("home")).content.decode()
    publication.withdraw(campaign=campaign, user=staff_user, reason="名单有误")
    withdrawn = client.get(reverse("home")).content.decode()
    marker = 'data-testid="awards"'
    assert (marker in before, marker in published, marker in withdrawn) == (False, True, False)
    assert "一等奖" in published and "小组0" in published


def test_the_running_order_prints_for_staff_and_for_units_on_the_day(
    client, staff_user, coordinator_a, competition
):
    campaign, judges, entries = competition
    ShortlistEntry.objects.bulk_create(ShortlistEntry(achievement=e) for e in entries)
    day.draw(campaign=campaign, user=staff_user, seed="s")
    client.force_login(staff_user)
    pdf = client.get(reverse("document", args=["running-order", "pdf"])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    client.force_login(coordinator_a)
    early = client.get(reverse("document", args=["running-order", "pdf"])).status_code
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    on_the_day = client.get(reverse("document", args=["running-order", "pdf"])).status_code
    assert ("成果发表顺序" in text, early, on_the_day) == (True, 403, 200)


def test_certificates_are_landscape_and_name_every_award(
    client, staff_user, coordinator_a, competition
):
    from submissions import services as submission_services
    from tests.factories import ExcellentPromoterFactory

    campaign, judges, entries = competition
    full_day(campaign, judges, entries, staff_user)
    signoffs.sign_off(chief=judges[0], campaign=campaign, round_=Round.PRESENTATION)
    campaign.phase = Phase.OPEN
    campaign.save()
    promoter = ExcellentPromoterFactory(
        campaign=campaign, member_unit=coordinator_a.member_unit, name="赵推进"
    )
    promoter = submission_services.submit(entry=promoter, user=coordinator_a)
    campaign.phase = Phase.PRESENTATION
    campaign.save()
    services.decide_nomination(
        nomination=promoter, selected=True, reason="成效突出", user=staff_user
    )
    client.force_login(coordinator_a)
    before = client.get(reverse("document", args=["certificates", "pdf"])).status_code
    publication.publish(campaign=campaign, user=staff_user)
    content = client.get(reverse("document", args=["certificates", "pdf"])).content
    reader = PdfReader(io.BytesIO(content))
    target = settings.BASE_DIR / "docs" / "screenshots"
    (target / "certificate.pdf").write_bytes(content)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-singlefile",
            str(target / "certificate.pdf"),
            str(target / "certificate"),
        ],
        check=True,
    )
    (target / "certificate.pdf").unlink()
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    box = reader.pages[0].mediabox
    own = [e for e in entries if e.member_unit == coordinator_a.member_unit]
    assert (before, float(box.width) > float(box.height), len(reader.pages)) == (
        403,
        True,
        len(own) + 1,
    )
    assert (
        all(e.group_name in text for e in own)
        and "赵推进" in text
        and "优秀推进者" in text
        and "荣誉证书" in text
    )


def test_next_years_campaign_copies_settings_not_entries(client, staff_user, competition, quota_a):
    from judging.models import JudgingSettings, PanelMember, Rubric
    from portal.models import Campaign
    from submissions.models import QcAchievement

    campaign, judges, entries = competition
    settings_ = JudgingSettings.of(campaign)
    settings_.material_weight = "0.40"
    settings_.save()
    client.force_login(staff_user)
    client.post(reverse("copy_campaign"))
    copy = Campaign.objects.get(year=campaign.year + 1)
    assert (
        copy.submission_deadline.year,
        copy.is_current,
        list(copy.quotas.values_list("member_unit", "achievement_limit")),
        str(JudgingSettings.of(copy).material_weight),
        Rubric.objects.filter(campaign=copy).count(),
        PanelMember.objects.filter(campaign=copy).count(),
        QcAchievement.objects.filter(campaign=copy).count(),
    ) == (
        campaign.submission_deadline.year + 1,
        False,
        [(quota_a.member_unit_id, 10)],
        "0.40",
        4,
        7,
        0,
    )
    again = client.post(reverse("copy_campaign"), follow=True).content.decode()
    assert "已存在" in again


def test_next_years_attendance_deadline_moves_with_it(staff_user, competition):
    from judging.models import JudgingSettings
    from website.services import prepare_next_campaign

    campaign, judges, entries = competition
    settings_ = JudgingSettings.of(campaign)
    settings_.attendance_deadline = campaign.presentation_at
    settings_.save()
    copy = prepare_next_campaign(campaign=campaign)
    assert JudgingSettings.of(copy).attendance_deadline.year == campaign.presentation_at.year + 1
