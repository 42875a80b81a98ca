"""The pages that join every app: the campaign's public page, the campaigns list, the
dashboard of each role, and preparing next year's campaign."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import phases
from judging.models import PanelMember
from judging.publication import award_list
from portal.current import current_campaign, current_campaign_or_404
from portal.models import Campaign, MemberUnit, User
from portal.permissions import STAFF_ROLES, Role, has_role, is_coordinator, role_required
from reports.registry import blank_forms
from submissions.overview import unit_overview
from submissions.quotas import achievement_quota_table
from submissions.services import unit_may_change
from website.services import prepare_next_campaign


def _campaign_page(request, campaign):
    return render(
        request,
        "website/campaign.html",
        {
            "campaign": campaign,
            "quota_rows": achievement_quota_table(campaign) if campaign else [],
            "blank_forms": blank_forms(),
            "awards": award_list(campaign) if campaign else {},
        },
    )


def home(request):
    """The current campaign's public page: the notice's essentials and every unit's quota."""
    return _campaign_page(request, current_campaign(request))


def campaign_detail(request, year):
    return _campaign_page(
        request,
        get_object_or_404(
            Campaign.objects.for_user(request.user).prefetch_related("contacts"), year=year
        ),
    )


def campaign_list(request):
    campaigns = Campaign.objects.for_user(request.user)
    return render(request, "website/campaign_list.html", {"campaigns": campaigns})


@login_required
def dashboard(request):
    """One page per role, with the links that role may use."""
    campaign = current_campaign(request)
    context = {"campaign": campaign}
    if is_coordinator(request.user) and campaign:
        unit = request.user.member_unit
        deadline = campaign.unit_deadline(unit)
        context.update(
            unit=unit,
            unit_deadline=deadline.at,
            unit_extended=deadline.is_extended,
            may_change=unit_may_change(campaign=campaign, member_unit=unit, user=request.user),
            overview=unit_overview(campaign, unit),
        )
    if has_role(request.user, Role.JUDGE) and campaign:
        context["is_chief_judge"] = PanelMember.objects.is_chief(campaign, request.user)
    if has_role(request.user, *STAFF_ROLES):
        context["phase_moves"] = phases.moves(campaign) if campaign else []
        counts = dict(
            User.objects.for_user(request.user)
            .filter(is_active=True)
            .values_list("role")
            .annotate(n=Count("pk"))
        )
        context.update(
            unit_count=MemberUnit.objects.active().count(),
            role_counts=[(label, counts.get(value, 0)) for value, label in Role.choices],
        )
    return render(request, "website/dashboard.html", context)


@require_POST
@role_required(*STAFF_ROLES)
def copy_campaign(request):
    """Prepare next year's campaign from the current one (it does not become current)."""
    campaign = current_campaign_or_404(request)
    try:
        copy = prepare_next_campaign(campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dashboard")
    messages.success(
        request,
        _("The %(year)d campaign is prepared; correct its dates in the administration.")
        % {"year": copy.year},
    )
    return redirect("campaign_detail", year=copy.year)
