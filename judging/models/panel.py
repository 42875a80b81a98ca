from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import Role


class PanelMemberQuerySet(models.QuerySet):
    def is_chief(self, campaign, user) -> bool:
        """Whether ``user`` is the campaign's chief judge (评审组长)."""
        return self.filter(campaign=campaign, judge_id=user.pk, is_chief=True).exists()

    def of_campaign(self, campaign):
        return self.filter(campaign=campaign, judge__is_active=True).select_related(
            "judge", "judge__member_unit"
        )


class PanelMember(models.Model):
    """A judge sitting on a campaign's panel; the chief judge (评审组长) watches and signs off."""

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.CASCADE, related_name="panel")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="panels",
        verbose_name=_("judge"),
    )
    is_chief = models.BooleanField(_("chief judge"), default=False)

    objects = PanelMemberQuerySet.as_manager()

    class Meta:
        ordering = ["-is_chief", "judge__username"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "judge"], name="one_seat_per_judge"),
            models.UniqueConstraint(
                fields=["campaign"], condition=models.Q(is_chief=True), name="one_chief_judge"
            ),
        ]

    def __str__(self):
        return str(self.judge)

    def clean(self):
        if self.judge_id and self.judge.role != Role.JUDGE:
            raise ValidationError(
                {"judge": _("Only an account with the judge role can sit on the panel.")}
            )


class Conflict(models.Model):
    """A declared conflict of interest; the judge's own unit is a conflict without a row."""

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.CASCADE, related_name="+")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("judge"),
    )
    achievement = models.ForeignKey(
        "submissions.QcAchievement",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("QC achievement"),
    )
    reason = models.CharField(_("reason"), max_length=200)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["judge", "achievement"], name="one_conflict_per_pair")
        ]

    def __str__(self):
        return f"{self.judge} × {self.achievement}"
