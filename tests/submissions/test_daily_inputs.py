"""Daily use by the units' coordinators: what they type is read as they mean it, and what the
portal will refuse is said before they have filled a form in vain."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse

from reports.documents.workbooks import entry_table
from submissions import services
from submissions.forms import ExcellentPromoterForm, TrustedTeamForm
from submissions.kinds import KINDS
from submissions.models import (
    AchievementFile,
    ActivityStatistics,
    ExcellentPromoter,
    QcAchievement,
    TrustedTeam,
)
from submissions.validators import char_count
from tests.factories import (
    ActivityStatisticsFactory,
    ExcellentEnterpriseFactory,
    ExcellentPromoterFactory,
    QcAchievementFactory,
    QuotaFactory,
    TrustedTeamFactory,
)
from tests.submissions.test_submission_pages import achievement_post
from tests.submissions_helpers import PDF, complete

pytestmark = pytest.mark.django_db

ENTRY_MODELS = [kind.model for kind in KINDS.values()]


def form_data(instance):
    """What the page posts for ``instance``: its typed values as strings."""
    data = model_to_dict(instance)
    return {name: "" if value is None else str(value) for name, value in data.items()}


# 1. Full-width digits in 邮编 (and the phone, through the same normaliser).


def test_full_width_postcode_and_phone_are_saved_as_ascii(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    client.post(
        reverse("entry_create", args=["achievement"]),
        achievement_post(postcode="０３０００１", phone="０３５１－１２３４５６７"),
    )
    achievement = QcAchievement.objects.get()
    assert (achievement.postcode, achievement.phone) == ("030001", "0351-1234567")


def test_other_scripts_digits_in_a_postcode_are_refused_with_the_postcode_message(campaign, unit_a):
    enterprise = ExcellentEnterpriseFactory.build(
        campaign=campaign, member_unit=unit_a, postcode="٠٣٠٠٠١"
    )
    with pytest.raises(ValidationError) as refused:
        enterprise.full_clean()
    assert [error.code for error in refused.value.error_dict["postcode"]] == ["postcode"]


def test_the_admin_and_every_full_clean_normalise_the_same_way(campaign, unit_a):
    enterprise = ExcellentEnterpriseFactory.build(
        campaign=campaign,
        member_unit=unit_a,
        postcode="０３０００１",
        phone="１３９１２３４５６７８",
    )
    enterprise.full_clean()
    assert (enterprise.postcode, enterprise.phone) == ("030001", "13912345678")


# 2. The live character counter counts as the server does.

PORTAL_JS = Path(settings.BASE_DIR, "static", "portal", "portal.js")
TRICKY = "𠮷野家 𡈽\n\t\u3000a\x1cb\ufeffc\r\n"


def test_the_counter_counts_code_points_not_utf16_units():
    source = PORTAL_JS.read_text()
    counter = source[source.index("function charCount") :].split("\n", 1)[0]
    assert "Array.from(" in counter and ".replace(/\\s/" not in counter


@pytest.mark.browser
def test_the_counter_shows_the_servers_count_in_chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        try:
            page = browser.new_page()
            page.set_content(
                '<body data-chars-label="chars"><textarea id="t" data-max-chars="700"></textarea>'
                f"<script>{PORTAL_JS.read_text()}</script></body>"
            )
            page.evaluate(
                "text => { const t = document.getElementById('t'); t.value = text;"
                " t.dispatchEvent(new Event('input')); }",
                TRICKY,
            )
            shown = page.locator(".char-counter").inner_text()
        finally:
            browser.close()
    assert shown.split(" / ")[0] == str(char_count(TRICKY)) == "8"


# 3. Promoter years accept 5.00.


@pytest.mark.parametrize(("typed", "stored"), [("5.00", "5.0"), ("5", "5"), ("5.5", "5.5")])
def test_promoter_years_accept_zeros_past_the_decimal_place(campaign, unit_a, typed, stored):
    data = form_data(ExcellentPromoterFactory.build(campaign=campaign, member_unit=unit_a))
    data["qc_years"] = typed
    form = ExcellentPromoterForm(
        data, instance=ExcellentPromoter(campaign=campaign, member_unit=unit_a)
    )
    assert form.is_valid(), form.errors
    assert form.instance.qc_years == Decimal(stored)


def test_promoter_years_with_a_real_second_decimal_are_still_refused(campaign, unit_a):
    data = form_data(ExcellentPromoterFactory.build(campaign=campaign, member_unit=unit_a))
    data["qc_years"] = "5.05"
    form = ExcellentPromoterForm(
        data, instance=ExcellentPromoter(campaign=campaign, member_unit=unit_a)
    )
    assert not form.is_valid() and "qc_years" in form.errors


# 4. Negative amounts and counts are refused on every entry model.


def number_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.DecimalField | models.IntegerField)
        and field.editable
        and not field.primary_key
        and not field.is_relation
    ]


@pytest.mark.parametrize("model", ENTRY_MODELS, ids=lambda model: model.__name__)
def test_every_amount_and_count_refuses_a_negative_value(model):
    accepted = []
    for field in number_fields(model):
        try:
            field.run_validators(Decimal("-1") if isinstance(field, models.DecimalField) else -1)
        except ValidationError:
            continue
        accepted.append(field.name)
    assert accepted == []


def test_a_negative_amount_is_refused_beside_its_field_on_the_page(
    client, coordinator_a, campaign, unit_a
):
    data = form_data(ActivityStatisticsFactory.build(campaign=campaign, member_unit=unit_a))
    data["funding"] = "-3"
    client.force_login(coordinator_a)
    response = client.post(reverse("entry_create", args=["statistics"]), data)
    assert 'id="error_1_id_funding"' in response.content.decode()
    assert not ActivityStatistics.objects.exists()


# 5. A contradictory trusted-team entry is refused.


def test_accidents_this_year_but_none_in_two_years_is_refused_beside_the_field(campaign, unit_a):
    data = form_data(TrustedTeamFactory.build(campaign=campaign, member_unit=unit_a))
    data.update(accidents_per_year="1", accidents_last_two_years="0")
    form = TrustedTeamForm(data, instance=TrustedTeam(campaign=campaign, member_unit=unit_a))
    assert not form.is_valid() and list(form.errors) == ["accidents_last_two_years"]
    consistent = TrustedTeamFactory(campaign=campaign, member_unit=unit_a, accidents_per_year=0)
    consistent.full_clean()


# 6. 普及率 and 成果率 on the saved statistics and in the staff workbook.


def test_saved_statistics_page_and_staff_workbook_show_both_rates(
    client, coordinator_a, campaign, unit_a
):
    table = ActivityStatisticsFactory(
        campaign=campaign,
        member_unit=unit_a,
        participants=600,
        employees=2400,
        groups_with_results=30,
        registered_groups=80,
    )
    labels = [str(label) for _name, label in ActivityStatistics.derived_fields]
    client.force_login(coordinator_a)
    html = client.get(reverse("entry_detail", args=["statistics", table.pk])).content.decode()
    assert all(label in html for label in labels)
    assert "<td>25.00</td>" in html and "<td>37.50</td>" in html

    header, rows = entry_table(KINDS["statistics"], campaign)
    assert [rows[0][header.index(label)] for label in labels] == [
        Decimal("25.00"),
        Decimal("37.50"),
    ]


# 7. The "new" button says the quota is full before the form is filled.


def test_a_full_quota_replaces_the_new_button_with_a_note(client, coordinator_a, campaign, unit_a):
    QuotaFactory(campaign=campaign, member_unit=unit_a, achievement_limit=1)
    submitted = QcAchievementFactory(campaign=campaign, member_unit=unit_a, status="submitted")
    client.force_login(coordinator_a)
    html = client.get(reverse("dashboard")).content.decode()
    new_achievement = reverse("entry_create", args=["achievement"])
    assert new_achievement not in html
    assert 'data-testid="quota-full-achievement"' in html and "1/1" in html
    # The service refuses a second one for the same reason.
    second = complete(QcAchievementFactory(campaign=campaign, member_unit=unit_a))
    with pytest.raises(ValidationError):
        services.submit(entry=second, user=coordinator_a)
    # Withdrawn, the place is free again: the button is back.
    services.withdraw(entry=submitted, user=coordinator_a)
    html = client.get(reverse("dashboard")).content.decode()
    assert new_achievement in html and 'data-testid="quota-full-achievement"' not in html


# 8. Uploads: the rules before, the material's name in the error after.


def test_upload_controls_show_types_and_limit_from_the_upload_settings(
    client, settings, coordinator_a, campaign, unit_a
):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "report": 7, "slides": 33}
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    html = client.get(reverse("entry_detail", args=["achievement", entry.pk])).content.decode()
    for kind, limit in (("report", 7), ("slides", 33)):
        start = html.index(f'data-testid="upload-rules-{kind}"')
        assert f"{limit} MB" in html[start : html.index("</div>", start)]
    assert 'accept=".pdf,' in html


def test_an_upload_error_names_its_material(client, settings, coordinator_a, campaign, unit_a):
    settings.UPLOAD_LIMITS_MB = {**settings.UPLOAD_LIMITS_MB, "report": 1}
    entry = QcAchievementFactory(campaign=campaign, member_unit=unit_a)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("material_upload", args=[entry.pk]),
        {
            "kind": "report",
            "file": SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)),
        },
        follow=True,
    )
    texts = [str(message) for message in response.context["messages"]]
    label = str(AchievementFile.Kind.REPORT.label)
    assert any(text.startswith(label) and "1 MB" in text for text in texts), texts


# 9. A returned entry's reason is on the dashboard.


def test_the_dashboard_shows_why_an_entry_was_returned(client, coordinator_a, campaign, unit_a):
    entry = QcAchievementFactory(
        campaign=campaign,
        member_unit=unit_a,
        status="returned",
        return_reason="活动记录本缺少第3页",
    )
    client.force_login(coordinator_a)
    html = client.get(reverse("dashboard")).content.decode()
    start = html.index(f'data-testid="return-reason-achievement-{entry.pk}"')
    assert "活动记录本缺少第3页" in html[start : html.index("</span>", start + 200)]


# 10. The 人数 rule is reported together with the other errors.


def test_member_count_problem_is_shown_with_the_other_errors(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("entry_create", args=["achievement"]),
        achievement_post(member_count="3", postcode="0300", **{"members-1-age": "200"}),
    )
    html = response.content.decode()
    member_count_error = html[html.index('id="error_1_id_member_count"') :][:300]
    assert "3" in member_count_error and "2" in member_count_error
    assert 'id="error_1_id_postcode"' in html
    assert not QcAchievement.objects.exists()
