from django.conf import settings

from portal.current import current_campaign
from portal.permissions import Role, has_role


def portal(request):
    """The current campaign and the user's role flags, which the base layout needs on every page."""
    user = request.user
    return {
        "portal_name": settings.PORTAL_NAME,
        "current_campaign": current_campaign(request),
        "user_is_coordinator": has_role(user, Role.COORDINATOR),
        "user_is_staff_member": has_role(user, Role.STAFF, Role.ADMIN),
        "user_is_judge": has_role(user, Role.JUDGE),
        "user_is_admin": has_role(user, Role.ADMIN),
    }
