from django.http import Http404
from django.utils.translation import gettext as _

from portal.models import Campaign


def current_campaign(request) -> Campaign | None:
    """The current campaign, fetched once per request however many templates and views ask."""
    if not hasattr(request, "_current_campaign"):
        request._current_campaign = Campaign.objects.current()
    return request._current_campaign


def current_campaign_or_404(request) -> Campaign:
    """The current campaign, for pages that make no sense without one: 404 when there is none."""
    campaign = current_campaign(request)
    if campaign is None:
        raise Http404(_("There is no current campaign."))
    return campaign
