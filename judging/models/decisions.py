from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from judging.models.rubrics import Round


class NominationDecision(models.Model):
    """Staff's decision on an excellent enterprise, promoter or trusted team (not presented)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    nomination = GenericForeignKey("content_type", "object_id")
    selected = models.BooleanField(_("selected"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination decision")
        verbose_name_plural = _("nomination decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_decision_per_nomination"
            )
        ]

    def __str__(self):
        return f"{self.nomination}: {_('selected') if self.selected else _('not selected')}"


class RoundSignOffQuerySet(models.QuerySet):
    def active(self):
        """Sign-offs that stand: not reopened by the chief judge nor undone by a late conflict."""
        return self.filter(revoked_at__isnull=True)

    def standing(self, campaign, round_):
        return self.active().filter(campaign=campaign, round=round_).first()


class RoundSignOff(models.Model):
    """The chief judge's signature under a round's results, with a digest of the figures signed.

    A sign-off is never deleted: reopening it (or a late conflict) marks it revoked, with who,
    when and why, and the round must be signed again.
    """

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.CASCADE, related_name="+")
    round = models.CharField(_("round"), max_length=20, choices=Round.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(auto_now_add=True)
    #: SHA-256 of the round's figures as signed (judging.results.fingerprint).
    digest = models.CharField(_("digest"), max_length=64, blank=True)
    revoked_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for reopening"), blank=True)

    objects = RoundSignOffQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_at", "-pk"]
        verbose_name = _("round sign-off")
        verbose_name_plural = _("round sign-offs")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "round"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_standing_sign_off_per_round",
            )
        ]

    def __str__(self):
        return f"{self.campaign} · {self.get_round_display()}"


class RecommendationBody(models.TextChoices):
    CCEA = "ccea", _("中国通信企业协会")
    CAQ = "caq", _("省质协")


class UpwardRecommendation(models.Model):
    """An achievement the association recommends upward, to one of the two bodies."""

    achievement = models.ForeignKey(
        "submissions.QcAchievement", on_delete=models.CASCADE, related_name="recommendations"
    )
    body = models.CharField(_("recommended to"), max_length=10, choices=RecommendationBody.choices)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("upward recommendation")
        verbose_name_plural = _("upward recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "body"], name="one_recommendation_per_body"
            )
        ]

    def __str__(self):
        return f"{self.achievement} → {self.get_body_display()}"
