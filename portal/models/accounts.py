from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import Role, is_coordinator, is_staff_member


class PortalUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)

    def for_user(self, user):
        """Staff see every account, a coordinator the accounts of their unit, others only themselves."""
        if is_staff_member(user):
            return self.all()
        if is_coordinator(user):
            return self.filter(member_unit_id=user.member_unit_id)
        if user.is_authenticated:
            return self.filter(pk=user.pk)
        return self.none()


class User(AbstractUser):
    """An account of the portal. Its role decides what it may see and do (portal.permissions)."""

    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.COORDINATOR
    )
    name = models.CharField(_("name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    member_unit = models.ForeignKey(
        "portal.MemberUnit",
        verbose_name=_("member unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        help_text=_("The unit a coordinator acts for; for a judge, the unit they work for."),
    )

    objects = PortalUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.name or self.username

    def clean(self):
        super().clean()
        if self.role == Role.COORDINATOR and self.member_unit_id is None:
            raise ValidationError(
                {"member_unit": _("A unit coordinator must belong to a member unit.")}
            )
        if self.role in (Role.STAFF, Role.ADMIN) and self.member_unit_id is not None:
            raise ValidationError(
                {"member_unit": _("Association staff and administrators belong to no member unit.")}
            )

    def save(self, *args, **kwargs):
        # Django's admin site admits is_staff accounts; only the admin role may enter it.
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)
