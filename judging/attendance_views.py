"""参会回执: units register who attends the presentation day; staff see and print the list."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import day
from judging.models import Attendee, JudgingSettings
from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.permissions import STAFF_ROLES, Role, role_required


class AttendeeForm(forms.ModelForm):
    class Meta:
        model = Attendee
        fields = ["name", "position", "phone", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


@role_required(Role.COORDINATOR)
def unit_attendance(request):
    campaign = current_campaign_or_404(request)
    attendee = Attendee(campaign=campaign, member_unit=request.user.member_unit)
    form = AttendeeForm(request.POST or None, instance=attendee)
    if request.method == "POST" and form.is_valid():
        try:
            day.register_attendee(attendee=form.instance, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Registered."))
            return redirect("unit_attendance")
    return render(
        request,
        "judging/unit_attendance.html",
        {
            "campaign": campaign,
            "form": form,
            "attendees": Attendee.objects.for_user(request.user).filter(campaign=campaign),
            "open": day.attendance_open(campaign, request.user),
            "deadline": JudgingSettings.of(campaign).attendance_closes_at,
        },
    )


@require_POST
@role_required(Role.COORDINATOR, *STAFF_ROLES)
def remove_attendee(request, pk):
    attendee = get_object_or_404(Attendee.objects.for_user(request.user), pk=pk)
    try:
        day.remove_attendee(attendee=attendee, user=request.user)
    except ValidationError as error:
        report_errors(request, error)
    return redirect(
        "unit_attendance"
        if attendee.member_unit_id == getattr(request.user, "member_unit_id", None)
        else "attendance_list"
    )


@role_required(*STAFF_ROLES)
def attendance_list(request):
    campaign = current_campaign_or_404(request)
    attendees = Attendee.objects.filter(campaign=campaign).select_related("member_unit")
    totals = (
        Attendee.objects.filter(campaign=campaign)
        .values("member_unit__short_name")
        .annotate(n=Count("pk"))
        .order_by("member_unit__position")
    )
    return render(
        request,
        "judging/attendance_list.html",
        {"campaign": campaign, "attendees": attendees, "totals": totals},
    )
