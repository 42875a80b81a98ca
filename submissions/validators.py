"""Field rules of the official forms, with messages that say what the paper form asks for."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

postcode_validator = RegexValidator(
    r"^\d{6}$", _("A postcode has exactly six digits."), code="postcode"
)

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def phone_validator(value: str) -> None:
    """A mainland mobile number (13812345678) or landline with area code (0351-1234567)."""
    compact = value.replace(" ", "")
    if not (_MOBILE.match(compact) or _LANDLINE.match(compact)):
        raise ValidationError(
            _(
                "Enter a mainland mobile number (11 digits) or a landline with its area code, e.g. 0351-1234567."
            ),
            code="phone",
        )


def not_in_future(value) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("This date cannot be in the future."), code="future")


percentage_validators = [MinValueValidator(0), MaxValueValidator(100)]
age_validators = [
    MinValueValidator(16, _("An age must be between 16 and 80.")),
    MaxValueValidator(80, _("An age must be between 16 and 80.")),
]


def char_count(text: str | None) -> int:
    """字数 as Word and WPS count "characters without spaces": every character but white space."""
    return sum(1 for char in (text or "") if not char.isspace())


@deconstructible
class MaxCharsValidator:
    """At most ``limit`` characters, counted as ``char_count`` does (white space is free)."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value):
        count = char_count(value)
        if count > self.limit:
            raise ValidationError(
                _("At most %(limit)d characters (white space not counted); this has %(count)d."),
                code="max_chars",
                params={"limit": self.limit, "count": count},
            )

    def __eq__(self, other):
        return isinstance(other, MaxCharsValidator) and other.limit == self.limit
