"""Field rules of the official forms, with messages that say what the paper form asks for."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

#: Full-width digits, hyphen and space (as a Chinese input method types them) and their ASCII.
_FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + n): str(n) for n in range(10)}, "\uff0d": "-", "\u3000": " "}
)


def ascii_digits(value):
    """０３０００１ → 030001: the one normaliser of what is typed into a number-like field
    (postcode, phone, fax); the field's validator then accepts ASCII digits only."""
    return value.translate(_FULL_WIDTH) if isinstance(value, str) else value


# [0-9], not \d: \d would also accept (and store) full-width or other scripts' digits.
postcode_validator = RegexValidator(
    r"^[0-9]{6}$", _("A postcode has exactly six digits."), code="postcode"
)

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$")


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


#: Amounts (万元) and counts: the paper asks for what was spent, earned or counted, never less than 0.
non_negative = MinValueValidator(0, _("This cannot be negative."))

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
