from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Quota
from submissions.models.base import (
    DigitsField,
    Entry,
    MemberListMixin,
    Sex,
    TopicType,
    phone_field,
    postcode_field,
)
from submissions.validators import age_validators, not_in_future, phone_validator


class QcAchievement(MemberListMixin, Entry):
    """附件2 成果报告单 together with its 附件5 注册登记表: one QC group's achievement."""

    serial_code = "QC"

    # 附件2, in the paper's order.
    group_name = models.CharField(_("QC group name"), max_length=100)
    member_count = models.PositiveSmallIntegerField(_("number of members"))
    topic = models.CharField(_("topic"), max_length=200)
    topic_type = models.CharField(_("topic type"), max_length=20, choices=TopicType.choices)
    company_name = models.CharField(
        _("company name (as on the seal)"),
        max_length=200,
        help_text=_("Full name in regular script, exactly as on the company seal."),
    )
    postcode = postcode_field()
    address = models.CharField(_("postal address"), max_length=200)
    contact = models.CharField(_("contact person"), max_length=50)
    department_in_charge = models.CharField(_("department in charge"), max_length=100)
    phone = phone_field()
    instructor = models.CharField(_("activity instructor"), max_length=50)
    fax = DigitsField(_("fax"), max_length=30, blank=True, validators=[phone_validator])
    group_profile = models.TextField(_("QC group profile"))
    activity_summary = models.TextField(_("main activity process and results"))

    # 附件5 registration.
    department = models.CharField(_("department"), max_length=100)
    founded_on = models.DateField(_("founding date"), validators=[not_in_future])
    registration_number = models.CharField(_("registration number"), max_length=50)
    leader_name = models.CharField(_("leader's name"), max_length=50)
    leader_sex = models.CharField(_("leader's sex"), max_length=10, choices=Sex.choices)
    leader_position = models.CharField(_("leader's position"), max_length=50)

    class Meta(Entry.Meta):
        verbose_name = _("QC achievement")
        verbose_name_plural = _("QC achievements")

    def __str__(self):
        return f"{self.group_name}：{self.topic}"

    @classmethod
    def quota_limit(cls, campaign, member_unit):
        quota = Quota.objects.filter(campaign=campaign, member_unit=member_unit).first()
        return quota.achievement_limit if quota else None

    def missing_for_submission(self):
        missing = self.member_list_problems()
        uploaded = {material.kind for material in self.files.all()}
        for kind in AchievementFile.Kind:
            if kind in AchievementFile.REQUIRED and kind not in uploaded:
                missing.append(_("Upload: %(kind)s.") % {"kind": kind.label})
        return missing


class QcGroupMember(models.Model):
    """One row of 附件5's member list."""

    achievement = models.ForeignKey(QcAchievement, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("member's name"), max_length=50)
    age = models.PositiveSmallIntegerField(_("age"), validators=age_validators)
    position = models.CharField(_("position or title"), max_length=50)
    role = models.CharField(_("role in the group"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self):
        return self.name


def private_storage():
    """The storage of unit materials: never under a public URL (settings.STORAGES["private"])."""
    return storages["private"]


def _private_upload_to(instance, filename):
    return f"achievements/{instance.achievement.campaign.year}/{filename}"


class AchievementFile(models.Model):
    """An uploaded material of an achievement, stored privately under a random name."""

    class Kind(models.TextChoices):
        RECORD_BOOK = "record_book", _("original activity record book")
        SLIDES = "slides", _("presentation material")
        REPORT = "report", _("electronic version of the report")

    REQUIRED = (Kind.RECORD_BOOK, Kind.SLIDES, Kind.REPORT)
    #: What the experts read (judging.md: the record book and the presentation material); the
    #: report's electronic version is for the association's files, not for the judges.
    FOR_JUDGES = (Kind.RECORD_BOOK, Kind.SLIDES)

    achievement = models.ForeignKey(QcAchievement, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=_private_upload_to, storage=private_storage)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        constraints = [
            models.UniqueConstraint(fields=["achievement", "kind"], name="one_file_per_kind")
        ]

    def __str__(self):
        return self.original_name

    def clean(self):
        if not self.original_name:
            raise ValidationError({"file": _("The file has no name.")})
