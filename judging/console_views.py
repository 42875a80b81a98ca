from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from judging import console
from judging.models import DayState
from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.permissions import STAFF_ROLES, role_required


@role_required(*STAFF_ROLES)
def console_page(request):
    campaign = current_campaign_or_404(request)
    state = console.state_of(campaign)
    return render(
        request,
        "judging/console.html",
        {
            "campaign": campaign,
            "state": console.snapshot(campaign, for_staff=True),
            "projector_url": request.build_absolute_uri(
                reverse("projector", args=[state.projector_token])
            ),
        },
    )


@role_required(*STAFF_ROLES)
def console_state(request):
    return JsonResponse(console.snapshot(current_campaign_or_404(request), for_staff=True))


@require_POST
@role_required(*STAFF_ROLES)
def console_step(request):
    campaign = current_campaign_or_404(request)
    try:
        if request.POST.get("action") == "new_link":
            console.new_projector_link(campaign=campaign, user=request.user)
        else:
            console.advance(
                campaign=campaign, action=request.POST.get("action", ""), user=request.user
            )
    except ValidationError as error:
        report_errors(request, error)
    return redirect("console")


def _state_by_token(token):
    state = DayState.objects.select_related("campaign").filter(projector_token=token).first()
    if state is None:
        raise Http404
    return state


def projector(request, token):
    """The hall's big screen: no login, only this read-only link; never a score."""
    state = _state_by_token(token)
    return render(
        request,
        "judging/projector.html",
        {
            "campaign": state.campaign,
            "state": console.snapshot(state.campaign, for_staff=False),
            "token": token,
        },
    )


def projector_state(request, token):
    state = _state_by_token(token)
    return JsonResponse(console.snapshot(state.campaign, for_staff=False))
