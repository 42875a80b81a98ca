"""Who may see and do what: the one permission layer every app uses.

Views never filter by hand. They ask a model for ``Model.objects.for_user(user)`` (so a row of
another member unit is simply not found: 404), and guard themselves with
``role_required`` (logged out: redirect to login; wrong role: 403).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Unit coordinator")
    STAFF = "staff", _("Association staff")
    JUDGE = "judge", _("Judge")
    ADMIN = "admin", _("Administrator")


#: Roles that run the campaign. Admins may do everything staff may.
STAFF_ROLES = (Role.STAFF, Role.ADMIN)


def has_role(user, *roles: str) -> bool:
    """An active account in one of ``roles``; a coordinator only counts with a member unit."""
    if not (user.is_authenticated and user.is_active and user.role in roles):
        return False
    return user.role != Role.COORDINATOR or user.member_unit_id is not None


def is_staff_member(user) -> bool:
    return has_role(user, *STAFF_ROLES)


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def is_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


class UnitScopedQuerySet(models.QuerySet):
    """Rows that belong to one member unit.

    A coordinator sees their own unit's rows, staff see all, everybody else none. The model
    names the path to its unit in ``unit_path`` (default ``member_unit``).
    """

    def for_user(self, user):
        if is_staff_member(user):
            return self.all()
        if is_coordinator(user):
            path = getattr(self.model, "unit_path", "member_unit")
            return self.filter(**{path: user.member_unit_id})
        return self.none()


def login_redirect(request):
    # Imported here: django.contrib.auth.views needs the user model, whose module imports this one.
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


def check_role(user, roles) -> None:
    """Raise PermissionDenied unless the logged-in ``user`` has one of ``roles``."""
    if not has_role(user, *roles):
        raise PermissionDenied


def role_required(*roles: str):
    """Guard a view: ``roles`` may enter; logged out → the login page, another role → 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return login_redirect(request)
            check_role(request.user, roles)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
