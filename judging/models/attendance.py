from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.permissions import UnitScopedQuerySet
from submissions.validators import phone_validator


class AttendeeRole(models.TextChoices):
    QUALITY_HEAD = "quality_head", _("head of quality management")
    PRESENTER = "presenter", _("representative of a presenting group")
    NOMINEE = "nominee", _("representative of a nominated enterprise or promoter")


class Attendee(models.Model):
    """Somebody a member unit sends to the presentation day (参会回执)."""

    unit_path = "member_unit"

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.CASCADE, related_name="+")
    member_unit = models.ForeignKey(
        "portal.MemberUnit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member unit"),
    )
    name = models.CharField(_("name"), max_length=50)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=50)
    phone = models.CharField(_("phone"), max_length=30, validators=[phone_validator])
    role = models.CharField(_("attends as"), max_length=20, choices=AttendeeRole.choices)
    registered_at = models.DateTimeField(auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member_unit__position", "member_unit_id", "role", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self):
        return self.name
