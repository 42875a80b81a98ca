"""The address a request came from, as the login throttle needs it."""

from django.conf import settings


def client_ip(request) -> str:
    """Behind our reverse proxy, the client is the last address the proxy appended.

    Earlier entries of X-Forwarded-For come from the client itself and cannot be trusted.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR", "")
