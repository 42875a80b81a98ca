"""Staff move the campaign between phases and read what was done: the campaign log and every
published version of the results."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import phases
from judging.models import ResultsVersion
from judging.publication import verify
from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.models import CampaignEvent, EventKind
from portal.permissions import STAFF_ROLES, role_required


@require_POST
@role_required(*STAFF_ROLES)
def move_phase(request):
    campaign = current_campaign_or_404(request)
    try:
        campaign = phases.move(
            campaign=campaign,
            target=request.POST.get("target", ""),
            user=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("The campaign is now in the phase: %s.") % campaign.get_phase_display()
        )
    return redirect("presentation_day" if request.POST.get("next") == "day" else "dashboard")


@role_required(*STAFF_ROLES)
def campaign_log(request):
    """Everything the results and deadlines depend on, newest first, 50 a page."""
    campaign = current_campaign_or_404(request)
    events = CampaignEvent.objects.of_campaign(campaign)
    kind = request.GET.get("kind", "")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "judging/campaign_log.html",
        {"campaign": campaign, "page": page, "kinds": EventKind.choices, "kind": kind},
    )


@role_required(*STAFF_ROLES)
def results_versions(request):
    """Every publication of the results, the withdrawn ones too, each checked against its digest."""
    campaign = current_campaign_or_404(request)
    versions = (
        ResultsVersion.objects.filter(campaign=campaign)
        .select_related("campaign", "published_by", "withdrawn_by")
        .prefetch_related("standings", "nominations")
    )
    return render(
        request,
        "judging/results_versions.html",
        {"campaign": campaign, "versions": [(version, verify(version)) for version in versions]},
    )
