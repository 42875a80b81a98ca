"""参会回执: units register attendees before the deadline; staff list, export and print them."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from judging.models import Attendee, JudgingSettings

pytestmark = pytest.mark.django_db

ATTENDEE = {
    "name": "王主任",
    "position": "质量部主任",
    "phone": "13912345678",
    "role": "quality_head",
}


def test_a_unit_registers_an_attendee(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    client.post(reverse("unit_attendance"), ATTENDEE)
    attendee = Attendee.objects.get()
    assert (attendee.member_unit, attendee.name) == (coordinator_a.member_unit, "王主任")


def test_a_bad_phone_is_explained_and_nothing_saved(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    html = client.post(reverse("unit_attendance"), {**ATTENDEE, "phone": "123"}).content.decode()
    assert (
        "请输入11位手机号码" in html and 'value="王主任"' in html and not Attendee.objects.exists()
    )


def test_after_the_deadline_a_unit_cannot_register_or_remove(client, coordinator_a, campaign):
    attendee = Attendee.objects.create(
        campaign=campaign, member_unit=coordinator_a.member_unit, **ATTENDEE
    )
    settings = JudgingSettings.of(campaign)
    settings.attendance_deadline = timezone.now() - timedelta(seconds=1)
    settings.save()
    client.force_login(coordinator_a)
    page = client.get(reverse("unit_attendance")).content.decode()
    client.post(reverse("unit_attendance"), {**ATTENDEE, "name": "迟到者"})
    client.post(reverse("remove_attendee", args=[attendee.pk]))
    assert (
        'data-testid="attendance-closed"' in page,
        list(Attendee.objects.values_list("name", flat=True)),
    ) == (True, ["王主任"])


def test_another_units_attendee_cannot_be_removed(client, coordinator_b, coordinator_a, campaign):
    attendee = Attendee.objects.create(
        campaign=campaign, member_unit=coordinator_a.member_unit, **ATTENDEE
    )
    client.force_login(coordinator_b)
    assert client.post(reverse("remove_attendee", args=[attendee.pk])).status_code == 404


def test_staff_see_totals_export_and_print_a_sign_in_sheet(
    client, staff_user, coordinator_a, coordinator_b, campaign
):
    Attendee.objects.create(campaign=campaign, member_unit=coordinator_a.member_unit, **ATTENDEE)
    Attendee.objects.create(
        campaign=campaign,
        member_unit=coordinator_b.member_unit,
        **{**ATTENDEE, "name": "李代表", "role": "presenter"},
    )
    client.force_login(staff_user)
    page = client.get(reverse("attendance_list")).content.decode()
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("document", args=["attendance", "xlsx"])).content)
    )
    pdf = PdfReader(
        io.BytesIO(client.get(reverse("document", args=["sign-in-sheet", "pdf"])).content)
    )
    text = "".join("".join(p.extract_text().split()) for p in pdf.pages)
    assert "山西联通 1" in page
    assert [row for row in workbook["各单位人数"].iter_rows(min_row=2, values_only=True)] == [
        ("山西联通", 1),
        ("山西移动", 1),
    ]
    assert "签到表" in text and "王主任" in text and "李代表" in text


def test_attendance_documents_are_for_staff(client, coordinator_a, campaign):
    client.force_login(coordinator_a)
    assert client.get(reverse("document", args=["attendance", "xlsx"])).status_code == 403


def test_staff_set_the_attendance_deadline(client, staff_user, campaign):
    client.force_login(staff_user)
    form = client.get(reverse("judging_settings")).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["attendance_deadline"] = "2030-06-01T12:00"
    client.post(reverse("judging_settings"), data)
    assert JudgingSettings.of(campaign).attendance_deadline.year == 2030
