from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What a campaign log entry records."""

    PHASE = "phase", _("Phase move")
    DEADLINE = "deadline", _("Deadline change")
    EXTENSION = "extension", _("Deadline extension")
    SETTINGS = "settings", _("Judging settings change")
    CONFLICT = "conflict", _("Conflict of interest")
    SHORTLIST = "shortlist", _("Shortlist change")
    SIGN_OFF = "sign_off", _("Sign-off")
    SIGN_OFF_REOPENED = "sign_off_reopened", _("Sign-off reopened")
    PUBLICATION = "publication", _("Publication")
    WITHDRAWAL = "withdrawal", _("Results withdrawn")
    TIER = "tier", _("Award tier change")


class CampaignEventQuerySet(models.QuerySet):
    def of_campaign(self, campaign):
        return self.filter(campaign=campaign).select_related("actor")


class CampaignEvent(models.Model):
    """One line of a campaign's log: who did what that the results or deadlines depend on, when,
    and why. Written only through ``portal.audit.record``; never changed afterwards."""

    campaign = models.ForeignKey(
        "portal.Campaign",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("campaign"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    summary = models.CharField(_("what happened"), max_length=300)
    reason = models.TextField(_("reason"), blank=True)
    #: Before and after values, for the reader who wants the detail.
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = CampaignEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("campaign log entry")
        verbose_name_plural = _("campaign log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"
