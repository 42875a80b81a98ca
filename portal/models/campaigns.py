from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.permissions import UnitScopedQuerySet


class Phase(models.TextChoices):
    """The phases of a campaign, in the order they follow each other."""

    OPEN = "open", _("Open for submissions")
    REVIEW = "review", _("Preliminary review")
    PRESENTATION = "presentation", _("Presentation")
    PUBLISHED = "published", _("Results published")
    ARCHIVED = "archived", _("Archived")


class UnitDeadline(NamedTuple):
    """One unit's deadline, and the extension that sets it (None: the campaign's deadline)."""

    at: datetime
    extension: "DeadlineExtension | None" = None

    @property
    def is_extended(self) -> bool:
        return self.extension is not None


class ExtensionState(models.TextChoices):
    """Whether a granted extension still decides its unit's deadline."""

    IN_FORCE = "in_force", _("In force")
    OVERRIDDEN = "overridden", _("Overridden by the campaign deadline")
    REPLACED = "replaced", _("Replaced by a later extension")


class ExtensionRow(NamedTuple):
    extension: "DeadlineExtension"
    state: ExtensionState
    #: The unit's deadline, on the row of its latest extension only (None on the others).
    unit_deadline: UnitDeadline | None


#: Judging starts on entries that can no longer change: once the campaign leaves the submission
#: phase, no deadline or extension may reopen them.
SUBMISSIONS_CLOSED = _(
    "The campaign has left the submission phase: deadlines and extensions no longer change."
)


class CampaignQuerySet(models.QuerySet):
    def for_user(self, user):
        """Every campaign, old ones included, is readable by everybody, logged in or not."""
        return self.all()

    def get_by_natural_key(self, year):
        return self.get(year=year)

    def current(self) -> "Campaign | None":
        return self.filter(is_current=True).prefetch_related("contacts").first()


class Campaign(models.Model):
    """One year's competition, from its published notice to its archived results."""

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    notice_number = models.CharField(
        _("notice number"), max_length=60, help_text=_("For example 晋通行字〔2021〕22号.")
    )
    issue_date = models.DateField(_("issue date"))
    submission_deadline = models.DateTimeField(_("submission deadline"))
    preliminary_review_date = models.DateField(_("preliminary review date"))
    presentation_at = models.DateTimeField(_("presentation date and time"))
    venue = models.CharField(_("venue"), max_length=200)
    statistics_period_start = models.DateField(_("statistics period start"))
    statistics_period_end = models.DateField(_("statistics period end"))
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.OPEN)
    is_current = models.BooleanField(_("current campaign"), default=False)
    enterprise_limit = models.PositiveSmallIntegerField(
        _("excellent enterprises per unit"), default=1
    )
    promoter_limit = models.PositiveSmallIntegerField(_("excellent promoters per unit"), default=1)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_campaign",
                violation_error_message=_("Another campaign is already the current one."),
            ),
            models.CheckConstraint(
                condition=Q(statistics_period_end__gte=models.F("statistics_period_start")),
                name="statistics_period_in_order",
                violation_error_message=_("The statistics period must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.year,)

    def clean(self):
        super().clean()
        errors = {}
        if self.submission_deadline and self.preliminary_review_date:
            deadline_day = timezone.localdate(self.submission_deadline)
            if self.preliminary_review_date < deadline_day:
                errors["preliminary_review_date"] = _(
                    "The preliminary review cannot come before the submission deadline."
                )
        if (
            self.preliminary_review_date
            and self.presentation_at
            and timezone.localdate(self.presentation_at) < self.preliminary_review_date
        ):
            errors["presentation_at"] = _(
                "The presentation cannot come before the preliminary review."
            )
        if self.pk and self.phase != Phase.OPEN:
            stored = type(self).objects.filter(pk=self.pk).values("submission_deadline").first()
            if stored and stored["submission_deadline"] != self.submission_deadline:
                errors["submission_deadline"] = SUBMISSIONS_CLOSED
        if errors:
            raise ValidationError(errors)

    # A unit's deadline. The rule lives in ``_deadline_given`` alone; the rest only feed it.

    def _deadline_given(self, latest_extension: "DeadlineExtension | None") -> UnitDeadline:
        """The later of the campaign's deadline and the unit's latest extension: an extension
        never shortens a deadline, even one granted before the campaign's deadline moved later."""
        if (
            latest_extension is not None
            and latest_extension.new_deadline > self.submission_deadline
        ):
            return UnitDeadline(latest_extension.new_deadline, latest_extension)
        return UnitDeadline(self.submission_deadline)

    def unit_deadline(self, member_unit) -> UnitDeadline:
        """The unit's deadline and the extension in force, if any (one query)."""
        latest = (
            self.extensions.filter(member_unit=member_unit).order_by("-granted_at", "-pk").first()
        )
        return self._deadline_given(latest)

    def deadline_for(self, member_unit) -> datetime:
        """The unit's own deadline: the later of the campaign's and its latest extension's."""
        return self.unit_deadline(member_unit).at

    def unit_deadlines(self, extensions=None) -> dict[int, UnitDeadline]:
        """Every unit that has an extension, by ``member_unit_id``, with its deadline (the others
        have the campaign's). ``extensions``: all of this campaign's; read in one query when not
        given."""
        if extensions is None:
            extensions = self.extensions.all()
        return {
            unit_id: self._deadline_given(latest)
            for unit_id, latest in _latest_per_unit(extensions).items()
        }

    def submissions_close_at(self) -> datetime:
        """When the last unit's submissions close: the campaign's deadline or a later extension
        (one query)."""
        return max([self.submission_deadline, *(d.at for d in self.unit_deadlines().values())])

    def extension_rows(self, extensions) -> list[ExtensionRow]:
        """``extensions`` (all of this campaign's), newest grant first, each with its state."""
        extensions = sorted(extensions, key=_grant_order, reverse=True)
        latest = _latest_per_unit(extensions)
        rows = []
        for extension in extensions:
            if latest[extension.member_unit_id] is not extension:
                rows.append(ExtensionRow(extension, ExtensionState.REPLACED, None))
                continue
            deadline = self._deadline_given(extension)
            state = ExtensionState.IN_FORCE if deadline.is_extended else ExtensionState.OVERRIDDEN
            rows.append(ExtensionRow(extension, state, deadline))
        return rows


def _grant_order(extension):
    return (extension.granted_at, extension.pk or 0)


def _latest_per_unit(extensions) -> dict:
    """Each unit's latest granted extension among ``extensions``, by ``member_unit_id``."""
    latest = {}
    for extension in extensions:
        current = latest.get(extension.member_unit_id)
        if current is None or _grant_order(extension) > _grant_order(current):
            latest[extension.member_unit_id] = extension
    return latest


class CampaignContactQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, name):
        return self.get(campaign__year=year, name=name)


class CampaignContact(models.Model):
    """A person of the association whom units can call about the campaign (联系人)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("campaign")
    )
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=30)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)

    objects = CampaignContactQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name} {self.phone}"

    def natural_key(self):
        return (*self.campaign.natural_key(), self.name)

    natural_key.dependencies = ["portal.campaign"]


class QuotaQuerySet(UnitScopedQuerySet):
    def get_by_natural_key(self, year, short_name):
        return self.get(campaign__year=year, member_unit__short_name=short_name)


class Quota(models.Model):
    """How many QC achievements one unit may submit to one campaign (blank: no limit)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("campaign")
    )
    member_unit = models.ForeignKey(
        "portal.MemberUnit",
        on_delete=models.CASCADE,
        related_name="quotas",
        verbose_name=_("member unit"),
    )
    achievement_limit = models.PositiveSmallIntegerField(
        _("QC achievements allowed"), null=True, blank=True, help_text=_("Blank means no limit.")
    )

    objects = QuotaQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "member_unit"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "member_unit"],
                name="one_quota_per_unit_and_campaign",
                violation_error_message=_("This unit already has a quota for this campaign."),
            )
        ]

    def __str__(self):
        limit = self.achievement_limit if self.achievement_limit is not None else _("no limit")
        return f"{self.campaign.year} {self.member_unit}: {limit}"

    def natural_key(self):
        return (*self.campaign.natural_key(), *self.member_unit.natural_key())

    natural_key.dependencies = ["portal.campaign", "portal.memberunit"]


class DeadlineExtension(models.Model):
    """A later deadline granted to one unit by staff, with the reason; every grant is kept."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("campaign")
    )
    member_unit = models.ForeignKey(
        "portal.MemberUnit",
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("member unit"),
    )
    new_deadline = models.DateTimeField(_("new deadline"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now, editable=False)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self):
        return f"{self.member_unit}: {self.new_deadline:%Y-%m-%d %H:%M}"

    def clean(self):
        super().clean()
        if self.campaign_id and self.campaign.phase != Phase.OPEN:
            raise ValidationError({"new_deadline": SUBMISSIONS_CLOSED})
        if (
            self.campaign_id
            and self.new_deadline
            and self.new_deadline <= self.campaign.submission_deadline
        ):
            raise ValidationError(
                {"new_deadline": _("An extension must end after the campaign's deadline.")}
            )
        if not (self.reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for the extension.")})
