"""Presentation day for staff (running order, publication) and results for member units."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import day, publication
from judging.models import OrderDraw, ResultsVersion
from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.permissions import STAFF_ROLES, Role, role_required
from submissions.models import QcAchievement


@role_required(*STAFF_ROLES)
def day_page(request):
    campaign = current_campaign_or_404(request)
    last_draw = OrderDraw.objects.filter(campaign=campaign).select_related("drawn_by").first()
    return render(
        request,
        "judging/day.html",
        {
            "campaign": campaign,
            "order": day.running_order(campaign),
            "last_draw": last_draw,
            "seed_check": day.check_snippet(campaign, last_draw.seed) if last_draw else "",
            "live": publication.live_version(campaign),
            "last_withdrawn": ResultsVersion.objects.filter(
                campaign=campaign, withdrawn_at__isnull=False
            )
            .select_related("withdrawn_by")
            .first(),
            "missing": publication.missing_for_publication(campaign),
        },
    )


@require_POST
@role_required(*STAFF_ROLES)
def draw(request):
    campaign = current_campaign_or_404(request)
    try:
        drawn = day.draw(
            campaign=campaign, user=request.user, seed=request.POST.get("seed", "").strip() or None
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("The running order is drawn with the seed %(seed)s.") % {"seed": drawn.seed}
        )
    return redirect("presentation_day")


@require_POST
@role_required(*STAFF_ROLES)
def move(request, pk):
    campaign = current_campaign_or_404(request)
    achievement = get_object_or_404(QcAchievement.objects.filter(campaign=campaign), pk=pk)
    position = request.POST.get("position", "")
    try:
        if not (position.isdecimal() and position.isascii()):
            raise ValidationError(_("Enter a position."))
        day.move(achievement=achievement, position=int(position), user=request.user)
    except ValidationError as error:
        report_errors(request, error)
    return redirect("presentation_day")


@require_POST
@role_required(*STAFF_ROLES)
def publish(request):
    campaign = current_campaign_or_404(request)
    try:
        if request.POST.get("action") == "unpublish":
            publication.withdraw(
                campaign=campaign, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The results are withdrawn."))
        else:
            publication.publish(campaign=campaign, user=request.user)
            messages.success(request, _("The results are published."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect("presentation_day")


@role_required(Role.COORDINATOR)
def unit_results(request):
    """A unit's own entries as published (scores per round, final, rank and tier); never a
    single judge's score, and never a figure computed after publication."""
    campaign = current_campaign_or_404(request)
    version = publication.live_version(campaign)
    published = version is not None
    rows = publication.unit_standings(version, request.user.member_unit) if published else []
    order = day.running_order(campaign) if day.order_visible_to_units(campaign) else []
    return render(
        request,
        "judging/unit_results.html",
        {
            "campaign": campaign,
            "published": published,
            "version": version,
            "rows": rows,
            "order": order,
        },
    )
