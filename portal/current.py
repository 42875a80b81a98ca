from portal.models import Campaign


def current_campaign(request) -> Campaign | None:
    """The current campaign, fetched once per request however many templates and views ask."""
    if not hasattr(request, "_current_campaign"):
        request._current_campaign = Campaign.objects.current()
    return request._current_campaign
