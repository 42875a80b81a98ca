from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from submissions.models.base import (
    DecimalField,
    Entry,
    MemberListMixin,
    Sex,
    phone_field,
    postcode_field,
)
from submissions.validators import (
    age_validators,
    char_count,
    non_negative,
    percentage_validators,
)

#: 附件6 foot note: the team-building material, 5000 characters at most.
PROFILE_LIMIT = 5000
PROFILE_FIELDS = [
    "profile_composition",
    "profile_management",
    "profile_skills",
    "profile_improvement",
    "profile_features",
    "profile_honours",
]


def _percentage(label):
    return DecimalField(label, max_digits=5, decimal_places=2, validators=percentage_validators)


class TrustedTeam(MemberListMixin, Entry):
    """附件6 质量信得过班组报告单."""

    serial_code = "BZ"

    team_name = models.CharField(_("team name"), max_length=100)
    member_count = models.PositiveSmallIntegerField(_("number of members"))
    company_name = models.CharField(
        pgettext_lazy("attachment 6", "company name (as on the seal)"), max_length=200
    )
    address = models.CharField(_("postal address"), max_length=200)
    postcode = postcode_field(_("postal code"))
    department_in_charge = models.CharField(_("department in charge"), max_length=100)
    contact = models.CharField(_("direct contact"), max_length=50)
    phone = phone_field(_("contact phone"))

    completion_rate = _percentage(_("team work completion rate %"))
    pass_rate = _percentage(_("quality assessment pass rate %"))
    defect_rate = _percentage(_("product/service defect rate %"))
    accidents_per_year = models.PositiveIntegerField(_("quality and safety accidents per year"))
    complaints_per_year = models.PositiveIntegerField(_("customer complaints per year"))
    first_pass_rate = _percentage(_("product/service first-pass rate"))
    trained_people = models.PositiveIntegerField(_("people trained per year"))
    training_hours = models.PositiveIntegerField(_("training hours per year"))
    improvement_participation = _percentage(_("members taking part in improvement %"))
    quality_cost = DecimalField(
        _("quality cost (10,000 yuan per year)"),
        max_digits=10,
        decimal_places=2,
        validators=[non_negative],
    )

    leader_name = models.CharField(_("team leader's name"), max_length=50)
    leader_sex = models.CharField(_("team leader's sex"), max_length=10, choices=Sex.choices)
    leader_age = models.PositiveSmallIntegerField(_("team leader's age"), validators=age_validators)
    leader_position = models.CharField(_("team leader's position"), max_length=50)

    profile_composition = models.TextField(
        _("1. members, duties, main work, team culture and vision")
    )
    profile_management = models.TextField(_("2. basic management"))
    profile_skills = models.TextField(_("3. knowledge, skills training and use of tools"))
    profile_improvement = models.TextField(_("4. quality improvement and innovation"))
    profile_features = models.TextField(_("5. management features, results and evaluation"))
    profile_honours = models.TextField(_("6. honours of the last three years"))

    accidents_last_two_years = models.PositiveIntegerField(
        _("quality, safety or environmental accidents in the last two years")
    )
    provincial_award = models.BooleanField(
        _("its improvement group won a provincial-or-above QC award in the last two years"),
        default=False,
    )
    award_description = models.CharField(_("award won"), max_length=200, blank=True)

    class Meta(Entry.Meta):
        verbose_name = _("trusted team")
        verbose_name_plural = _("trusted teams")

    def __str__(self):
        return self.team_name

    @property
    def profile_char_count(self) -> int:
        return sum(char_count(getattr(self, name)) for name in PROFILE_FIELDS)

    def clean(self):
        super().clean()
        errors = {}
        if self.profile_char_count > PROFILE_LIMIT:
            errors["profile_honours"] = _(
                "The six parts of the profile together may have at most %(limit)d characters "
                "(white space not counted); they have %(count)d."
            ) % {"limit": PROFILE_LIMIT, "count": self.profile_char_count}
        if self.accidents_per_year and self.accidents_last_two_years == 0:
            errors["accidents_last_two_years"] = _(
                "This says no accident in the last two years, but %(count)d quality and safety "
                "accidents per year are given above; correct one of them."
            ) % {"count": self.accidents_per_year}
        elif self.accidents_last_two_years:
            errors["accidents_last_two_years"] = _(
                "附件1 四 4(4): the team must have had no quality, safety or environmental accident "
                "in the last two years."
            )
        if not self.provincial_award:
            errors["provincial_award"] = _(
                "附件1 四 4(3): the team's improvement group must have won a provincial-or-above QC "
                "award in the last two years."
            )
        if errors:
            raise ValidationError(errors)

    def missing_for_submission(self):
        return self.member_list_problems()


class TrustedTeamMember(models.Model):
    """One member of 附件6's list (printed two per row)."""

    team = models.ForeignKey(TrustedTeam, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("member's name"), max_length=50)
    age = models.PositiveSmallIntegerField(_("age"), validators=age_validators)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    title = models.CharField(_("professional title"), max_length=50)
    duty = models.CharField(_("duties"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name
