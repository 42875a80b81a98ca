"""Staff set up the judging: the panel, conflicts of interest, and the rubrics before scoring."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import setup
from judging.models import Conflict, Criterion, PanelMember, Rubric
from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.models import User
from portal.permissions import STAFF_ROLES, Role, role_required
from submissions.models import QcAchievement

CriterionFormSet = inlineformset_factory(
    Rubric, Criterion, fields=list(setup.CRITERION_FIELDS), extra=1, can_delete=True
)


@role_required(*STAFF_ROLES)
def panel_page(request):
    campaign = current_campaign_or_404(request)
    panel = list(PanelMember.objects.of_campaign(campaign))
    seated = {member.judge_id for member in panel}
    return render(
        request,
        "judging/panel.html",
        {
            "campaign": campaign,
            "panel": panel,
            "candidates": User.objects.filter(role=Role.JUDGE, is_active=True).exclude(
                pk__in=seated
            ),
            "conflicts": Conflict.objects.filter(campaign=campaign).select_related(
                "judge", "achievement", "declared_by"
            ),
            "achievements": QcAchievement.objects.filter(campaign=campaign)
            .counted()
            .order_by("serial_seq"),
        },
    )


@require_POST
@role_required(*STAFF_ROLES)
def panel_action(request):
    campaign = current_campaign_or_404(request)
    action = request.POST.get("action")
    judge_id = request.POST.get("judge", "")
    judge = (
        User.objects.filter(pk=judge_id, role=Role.JUDGE).first() if judge_id.isdecimal() else None
    )
    if judge is None:
        messages.error(request, _("Choose a judge."))
        return redirect("panel")
    try:
        if action == "seat":
            setup.seat_judge(campaign=campaign, judge=judge)
        elif action == "chief":
            setup.make_chief(campaign=campaign, judge=judge)
        elif action == "unseat":
            setup.unseat_judge(campaign=campaign, judge=judge)
        elif action == "conflict":
            achievement_id = request.POST.get("achievement", "")
            achievement = get_object_or_404(
                QcAchievement.objects.filter(campaign=campaign),
                pk=int(achievement_id) if achievement_id.isdecimal() else 0,
            )
            setup.declare_conflict(
                judge=judge,
                achievement=achievement,
                reason=request.POST.get("reason", ""),
                user=request.user,
            )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("panel")


@role_required(*STAFF_ROLES)
def rubric_list(request):
    campaign = current_campaign_or_404(request)
    rubrics = Rubric.objects.filter(campaign=campaign).prefetch_related("criteria")
    return render(request, "judging/rubrics.html", {"campaign": campaign, "rubrics": rubrics})


@role_required(*STAFF_ROLES)
def rubric_edit(request, pk):
    campaign = current_campaign_or_404(request)
    rubric = get_object_or_404(Rubric.objects.filter(campaign=campaign), pk=pk)
    frozen = rubric.is_frozen
    formset = CriterionFormSet(request.POST or None, instance=rubric, prefix="criteria")
    for form in formset:
        for field in form.fields.values():
            field.widget.attrs["class"] = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else "form-control form-control-sm"
            )
    if request.method == "POST" and formset.is_valid():
        try:
            setup.save_rubric(
                rubric=rubric,
                criteria=[
                    {
                        "pk": data["id"].pk if data.get("id") else None,
                        **{name: data[name] for name in setup.CRITERION_FIELDS},
                    }
                    for data in formset.cleaned_data
                    if data and not data.get("DELETE")
                ],
                removed=[
                    data["id"].pk
                    for data in formset.cleaned_data
                    if data.get("DELETE") and data.get("id")
                ],
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("rubric_list")
    return render(
        request,
        "judging/rubric_edit.html",
        {"rubric": rubric, "formset": formset, "frozen": frozen},
    )
