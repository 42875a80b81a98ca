from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from judging.models.scores import Tier


class ResultsVersionQuerySet(models.QuerySet):
    def live(self, campaign):
        """The version the campaign's results are published as now, or None."""
        return self.filter(campaign=campaign, withdrawn_at__isnull=True).first()


class ResultsVersion(models.Model):
    """One publication of a campaign's results: what was published, from which settings, with a
    SHA-256 of it all. Never changed after publication except to mark it withdrawn; publishing
    again makes the next version."""

    campaign = models.ForeignKey(
        "portal.Campaign", on_delete=models.CASCADE, related_name="results_versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    #: The judging settings the figures were computed with.
    settings_used = models.JSONField(_("settings used"))
    digest = models.CharField(_("SHA-256"), max_length=64)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdraw_reason = models.TextField(_("reason for withdrawing"), blank=True)

    objects = ResultsVersionQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "-number"]
        verbose_name = _("published results version")
        verbose_name_plural = _("published results versions")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="one_number_per_version"),
            models.UniqueConstraint(
                fields=["campaign"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_live_results_version",
            ),
        ]

    def __str__(self):
        return f"{self.campaign} · v{self.number}"


class PublishedStanding(models.Model):
    """An achievement's published figures, as printed: two decimals, rank and tier."""

    version = models.ForeignKey(ResultsVersion, on_delete=models.CASCADE, related_name="standings")
    position = models.PositiveIntegerField()
    achievement = models.ForeignKey(
        "submissions.QcAchievement", on_delete=models.PROTECT, related_name="+"
    )
    member_unit = models.ForeignKey("portal.MemberUnit", on_delete=models.PROTECT, related_name="+")
    serial_number = models.CharField(max_length=30)
    unit_name = models.CharField(max_length=200)
    unit_full_name = models.CharField(max_length=200)
    group_name = models.CharField(max_length=200)
    topic = models.CharField(max_length=300)
    topic_type = models.CharField(max_length=20)
    topic_type_label = models.CharField(max_length=50)
    material = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    presentation = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    final = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    rank = models.PositiveIntegerField(null=True)
    tier = models.CharField(max_length=12, blank=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("published standing")
        verbose_name_plural = _("published standings")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "achievement"], name="one_standing_per_version"
            )
        ]

    def __str__(self):
        return f"{self.version} · {self.serial_number}"

    @property
    def tier_label(self) -> str:
        return str(Tier(self.tier).label) if self.tier else ""


class PublishedNomination(models.Model):
    """A selected excellent enterprise, promoter or trusted team, as published."""

    version = models.ForeignKey(
        ResultsVersion, on_delete=models.CASCADE, related_name="nominations"
    )
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    member_unit = models.ForeignKey("portal.MemberUnit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    unit_name = models.CharField(max_length=200)
    unit_full_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("published nomination")
        verbose_name_plural = _("published nominations")

    def __str__(self):
        return f"{self.version} · {self.name}"
