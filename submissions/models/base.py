from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.permissions import UnitScopedQuerySet
from submissions.validators import ascii_digits, phone_validator, postcode_validator


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    RETURNED = "returned", _("Returned for revision")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: The unit may change the entry (before its deadline).
EDITABLE = (Status.DRAFT, Status.RETURNED, Status.WITHDRAWN)
#: The entry holds a place in the unit's quota.
COUNTED = (Status.SUBMITTED, Status.RECEIVED, Status.RETURNED)


class TopicType(models.TextChoices):
    PROBLEM_SOLVING = "problem_solving", _("问题解决型")
    INNOVATIVE = "innovative", _("创新型")


class Sex(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class EntryQuerySet(UnitScopedQuerySet):
    def counted(self):
        return self.filter(status__in=COUNTED)


class Entry(models.Model):
    """What every form a unit hands in shares: its unit, status, serial number and history.

    Status changes go through ``submissions.services`` only; ``version`` grows with every save
    so that a second person saving an older copy is told instead of overwriting.
    """

    #: Middle part of the serial number (总编号), e.g. 2021-QC-007.
    serial_code = ""
    #: The notice's rule behind the quota, quoted when it refuses (``%(limit)d`` is filled in).
    quota_rule = None
    #: Values worked out from the typed ones, shown after them: (attribute, label).
    derived_fields: tuple = ()
    unit_path = "member_unit"

    campaign = models.ForeignKey(
        "portal.Campaign", on_delete=models.PROTECT, related_name="+", verbose_name=_("campaign")
    )
    member_unit = models.ForeignKey(
        "portal.MemberUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member unit"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    serial_number = models.CharField(_("serial number"), max_length=20, blank=True, editable=False)
    serial_seq = models.PositiveIntegerField(null=True, editable=False)
    return_reason = models.TextField(_("reason for return"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(inherit=True)
    objects = EntryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["member_unit__position", "serial_seq", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "serial_number"],
                condition=~Q(serial_number=""),
                name="%(app_label)s_%(class)s_unique_serial",
            )
        ]

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def holds_quota(self) -> bool:
        return self.status in COUNTED

    @classmethod
    def quota_limit(cls, campaign, member_unit) -> int | None:
        """How many entries of this form the unit may have submitted at once (None: no limit)."""
        return None

    def missing_for_submission(self) -> list[str]:
        """What the notice asks for that this entry still lacks; empty when it may be submitted."""
        return []


def member_count_problem(member_count, listed: int) -> str | None:
    """The form's 人数 must equal the members listed on it."""
    if member_count is None or member_count == listed:
        return None
    return _("The number of members (%(count)d) must equal the members listed (%(listed)d).") % {
        "count": member_count,
        "listed": listed,
    }


def typed_member_fields(member_model):
    """What a unit types for one member: every field but its id, its entry and its position."""
    return [
        field
        for field in member_model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and not field.is_relation
        and field.name != "order"
    ]


class MemberListMixin:
    """An entry whose ``member_count`` must equal the members listed on its form."""

    def member_list_problems(self) -> list[str]:
        # len(all()) rather than count(): the dashboard prefetches the members of many entries.
        problem = member_count_problem(self.member_count, len(self.members.all()))
        return [problem] if problem else []


class DigitsField(models.CharField):
    """A number typed as text (postcode, phone, fax): full-width digits are stored as ASCII.

    ``to_python`` runs in ``full_clean`` before the validators, for the page and the admin alike.
    """

    def to_python(self, value):
        return ascii_digits(super().to_python(value))


def postcode_field(label=None):
    return DigitsField(label or _("postcode"), max_length=6, validators=[postcode_validator])


def phone_field(label=None, blank=False):
    return DigitsField(
        label or _("phone"), max_length=30, blank=blank, validators=[phone_validator]
    )


def without_extra_zeros(value, decimal_places: int):
    """5.00 → 5.0 for a field of one decimal place: zeros past its places change nothing, so
    they are not refused as "too many decimal places"; 5.05 still is."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return value
    if -value.as_tuple().exponent <= decimal_places:
        return value
    try:
        trimmed = value.quantize(Decimal(1).scaleb(-decimal_places))
    except InvalidOperation:
        return value
    return trimmed if trimmed == value else value


class DecimalFormField(forms.DecimalField):
    def to_python(self, value):
        return without_extra_zeros(super().to_python(value), self.decimal_places)


class DecimalField(models.DecimalField):
    """A decimal that accepts 5.00 where the paper has one decimal place (see without_extra_zeros)."""

    def to_python(self, value):
        return without_extra_zeros(super().to_python(value), self.decimal_places)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DecimalFormField, **kwargs})
