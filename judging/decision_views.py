"""Decisions that are not scores: nominations, tier overrides, reopening and signing off."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import services, signoffs
from judging.models import NominationDecision, RecommendationBody, Round, ScoreSheet, Tier
from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.permissions import STAFF_ROLES, Role, role_required
from submissions.kinds import KINDS
from submissions.models import QcAchievement

NOMINATION_KINDS = ["enterprise", "promoter", "team"]


@role_required(*STAFF_ROLES)
def decisions_page(request):
    campaign = current_campaign_or_404(request)
    sections = []
    for slug in NOMINATION_KINDS:
        kind = KINDS[slug]
        entries = list(
            kind.model.objects.filter(campaign=campaign)
            .counted()
            .select_related("member_unit")
            .order_by("serial_seq")
        )
        decided = {
            d.object_id: d
            for d in NominationDecision.objects.filter(
                content_type=ContentType.objects.get_for_model(kind.model),
                object_id__in=[e.pk for e in entries],
            )
        }
        sections.append((kind, [(entry, decided.get(entry.pk)) for entry in entries]))
    return render(request, "judging/decisions.html", {"campaign": campaign, "sections": sections})


@require_POST
@role_required(*STAFF_ROLES)
def decide(request, kind, pk):
    campaign = current_campaign_or_404(request)
    if kind not in NOMINATION_KINDS:
        return redirect("decisions")
    nomination = get_object_or_404(KINDS[kind].model.objects.filter(campaign=campaign), pk=pk)
    try:
        services.decide_nomination(
            nomination=nomination,
            selected=request.POST.get("selected") == "yes",
            reason=request.POST.get("reason", ""),
            user=request.user,
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("decisions")


@require_POST
@role_required(*STAFF_ROLES)
def override_tier(request, pk):
    campaign = current_campaign_or_404(request)
    achievement = get_object_or_404(QcAchievement.objects.filter(campaign=campaign), pk=pk)
    tier = request.POST.get("tier", "")
    if tier not in Tier.values:
        tier = ""
    try:
        services.override_tier(
            achievement=achievement,
            tier=tier,
            reason=request.POST.get("reason", ""),
            user=request.user,
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The award tier is changed."))
    return redirect("ranking")


@require_POST
@role_required(Role.JUDGE)
def reopen(request, pk):
    campaign = current_campaign_or_404(request)
    sheet = get_object_or_404(ScoreSheet.objects.filter(achievement__campaign=campaign), pk=pk)
    try:
        services.reopen_sheet(
            chief=request.user, sheet=sheet, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The sheet is back with its judge."))
    return redirect(f"{reverse('judging_progress')}?round={sheet.round}")


@require_POST
@role_required(Role.JUDGE)
def sign_off(request):
    campaign = current_campaign_or_404(request)
    round_ = request.POST.get("round")
    if round_ not in Round.values:
        return redirect("judging_progress")
    try:
        signoffs.sign_off(chief=request.user, campaign=campaign, round_=round_)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The round is signed off."))
    return redirect(f"{reverse('judging_progress')}?round={round_}")


@require_POST
@role_required(Role.JUDGE)
def reopen_sign_off(request):
    campaign = current_campaign_or_404(request)
    round_ = request.POST.get("round")
    if round_ not in Round.values:
        return redirect("judging_progress")
    try:
        signoffs.reopen_sign_off(
            chief=request.user,
            campaign=campaign,
            round_=round_,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The sign-off is reopened; sign the round off again."))
    return redirect(f"{reverse('judging_progress')}?round={round_}")


@require_POST
@role_required(*STAFF_ROLES)
def recommend(request, pk, body):
    campaign = current_campaign_or_404(request)
    achievement = get_object_or_404(QcAchievement.objects.filter(campaign=campaign), pk=pk)
    if body in RecommendationBody.values:
        try:
            services.toggle_recommendation(achievement=achievement, body=body, user=request.user)
        except ValidationError as error:
            report_errors(request, error)
    return redirect("ranking")
