"""Presentation day for staff (running order, publication) and results for member units."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import day
from judging.models import OrderDraw, ResultsPublication
from judging.results import shown_standing, standings
from judging.staff_views import _campaign
from portal.feedback import report_errors
from portal.permissions import STAFF_ROLES, Role, role_required
from submissions.models import QcAchievement


@role_required(*STAFF_ROLES)
def day_page(request):
    campaign = _campaign(request)
    return render(
        request,
        "judging/day.html",
        {
            "campaign": campaign,
            "order": day.running_order(campaign),
            "last_draw": OrderDraw.objects.filter(campaign=campaign)
            .select_related("drawn_by")
            .first(),
            "publication": ResultsPublication.objects.filter(campaign=campaign).first(),
        },
    )


@require_POST
@role_required(*STAFF_ROLES)
def draw(request):
    campaign = _campaign(request)
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
    campaign = _campaign(request)
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
    campaign = _campaign(request)
    try:
        if request.POST.get("action") == "unpublish":
            day.unpublish(
                campaign=campaign, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The results are withdrawn."))
        else:
            day.publish(campaign=campaign, user=request.user)
            messages.success(request, _("The results are published."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect("presentation_day")


@role_required(Role.COORDINATOR)
def unit_results(request):
    """A unit's own entries: scores per round, final, rank and tier, once published; never a
    single judge's score."""
    campaign = _campaign(request)
    published = day.is_published(campaign)
    rows = []
    if published:
        rows = [
            shown_standing(s)
            for s in standings(campaign)
            if s.key.member_unit_id == request.user.member_unit_id
        ]
    order = day.running_order(campaign) if day.order_visible_to_units(campaign) else []
    return render(
        request,
        "judging/unit_results.html",
        {"campaign": campaign, "published": published, "rows": rows, "order": order},
    )
