from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.permissions import is_coordinator, is_staff_member
from submissions.models.achievements import private_storage


class ExportQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff see every export; a coordinator only the ones they asked for their unit."""
        if is_staff_member(user):
            return self.all()
        if is_coordinator(user):
            return self.filter(requested_by=user, member_unit_id=user.member_unit_id)
        return self.none()


class Export(models.Model):
    """A ZIP of submitted materials, built in the background and kept for download."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    campaign = models.ForeignKey("portal.Campaign", on_delete=models.CASCADE, related_name="+")
    #: The unit whose materials it holds; None: every unit of the campaign.
    member_unit = models.ForeignKey(
        "portal.MemberUnit", on_delete=models.CASCADE, null=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    done_items = models.PositiveIntegerField(default=0)
    total_items = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return self.filename

    @property
    def progress(self) -> int:
        """Per cent done, for the progress bar."""
        if self.status == self.Status.DONE:
            return 100
        return int(self.done_items * 100 / self.total_items) if self.total_items else 0

    @property
    def filename(self) -> str:
        who = self.member_unit.short_name if self.member_unit_id else "全省"
        return f"申报材料-{self.campaign.year}-{who}.zip"
