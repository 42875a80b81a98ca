import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class RunningSlot(models.Model):
    """An achievement's place in the presentation day's running order."""

    achievement = models.OneToOneField(
        "submissions.QcAchievement", on_delete=models.CASCADE, related_name="running_slot"
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        verbose_name = _("running order slot")
        verbose_name_plural = _("running order")

    def __str__(self):
        return f"{self.position}. {self.achievement}"


class OrderDraw(models.Model):
    """A draw by lot of the running order; its seed lets anyone repeat it."""

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.CASCADE, related_name="+")
    seed = models.CharField(_("seed"), max_length=64)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at"]
        verbose_name = _("running order draw")
        verbose_name_plural = _("running order draws")

    def __str__(self):
        return f"{self.campaign} · {self.seed}"


class Stage(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    PRESENTING = "presenting", _("Presenting")
    QUESTIONS = "questions", _("Questions")
    FINISHED = "finished", _("Finished")


def new_token() -> str:
    return secrets.token_urlsafe(16)


class DayState(models.Model):
    """Where presentation day stands: which slot presents, what stage, since when."""

    campaign = models.OneToOneField(
        "portal.Campaign", on_delete=models.CASCADE, related_name="day_state"
    )
    position = models.PositiveSmallIntegerField(_("current position"), null=True)
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.WAITING
    )
    stage_started_at = models.DateTimeField(null=True)
    #: The projector's read-only link; a new token revokes the old link.
    projector_token = models.CharField(max_length=40, default=new_token, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presentation day state")
        verbose_name_plural = _("presentation day state")

    def __str__(self):
        return f"{self.campaign}: {self.position} {self.stage}"
