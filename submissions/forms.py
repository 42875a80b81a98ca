"""The official forms, laid out in the paper's order (crispy-bootstrap5)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from submissions.models import (
    AchievementFile,
    ActivityStatistics,
    ExcellentEnterprise,
    ExcellentPromoter,
    QcAchievement,
    QcGroupMember,
    TrustedTeam,
    TrustedTeamMember,
)
from submissions.models.base import member_count_problem, typed_member_fields
from submissions.models.teams import PROFILE_FIELDS
from submissions.uploads import accept_attribute, check_upload, upload_rules
from submissions.validators import MaxCharsValidator


def entry_fields(model) -> list[str]:
    """What the unit types: every editable field but the campaign and unit, which the view sets."""
    return [
        field.name
        for field in model._meta.fields
        if field.editable and field.name not in ("id", "campaign", "member_unit")
    ]


def row(*names, sizes=None):
    sizes = sizes or [12 // len(names)] * len(names)
    return Row(
        *(Column(name, css_class=f"col-md-{size}") for name, size in zip(names, sizes, strict=True))
    )


class EntryForm(forms.ModelForm):
    """Base of every entry form: the versions it was loaded at, and live character counters.

    ``version`` is the version this copy last saw (a refusal moves it to the one saved now);
    ``base_version`` the one it was first loaded at, kept across refusals, so that saving again
    applies only the fields this copy changed (services.save_entry).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    layout: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing: the version this copy was loaded at is what protects the other's save.
            self.fields["version"].required = True
            if not self.is_bound:
                self.initial["version"] = self.initial["base_version"] = self.instance.version
        for name, field in self.fields.items():
            # Limits live on the model fields (the server is the judge); the counter mirrors them.
            model_field = (
                self._meta.model._meta.get_field(name)
                if name not in ("version", "base_version")
                else None
            )
            for validator in getattr(model_field, "validators", []):
                if isinstance(validator, MaxCharsValidator):
                    field.widget.attrs["data-max-chars"] = validator.limit
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 5)
            if isinstance(field.widget, forms.DateInput):
                field.widget.input_type = "date"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*self.layout, "version", "base_version")

    def add_member_count_problem(self, members) -> None:
        """Report the 人数 rule (``member_count_problem``, which the service enforces on save)
        beside 人数 in the same round as the other errors of an invalid form or member list."""
        if not (self.is_bound and members.is_bound) or "member_count" not in self.fields:
            return  # an empty POST leaves both unbound: nothing was listed to count
        if self.has_error("member_count"):
            return
        cleaned = getattr(self, "cleaned_data", {})
        problem = member_count_problem(cleaned.get("member_count"), members.listed_count())
        if problem:
            self.add_error("member_count", problem)


class QcAchievementForm(EntryForm):
    class Meta:
        model = QcAchievement
        fields = entry_fields(QcAchievement)
        widgets = {"founded_on": forms.DateInput(format="%Y-%m-%d")}

    layout = (
        Fieldset(
            _("附件2 QC achievement report"),
            row("group_name", "member_count", sizes=[9, 3]),
            row("topic", "topic_type", sizes=[8, 4]),
            row("company_name", "postcode", sizes=[9, 3]),
            row("address", "contact", sizes=[8, 4]),
            row("department_in_charge", "phone"),
            row("instructor", "fax"),
            "group_profile",
            "activity_summary",
        ),
        Fieldset(
            _("附件5 QC group registration"),
            row("department", "founded_on", "registration_number"),
            row("leader_name", "leader_sex", "leader_position"),
        ),
    )


class ExcellentEnterpriseForm(EntryForm):
    class Meta:
        model = ExcellentEnterprise
        fields = entry_fields(ExcellentEnterprise)

    layout = (
        Fieldset(
            _("附件3 excellent enterprise report"),
            row("name", "phone", sizes=[8, 4]),
            row("address", "postcode", sizes=[9, 3]),
            "experience",
            "recommendation_opinion",
            row("contact", sizes=[4]),
        ),
    )


class ExcellentPromoterForm(EntryForm):
    class Meta:
        model = ExcellentPromoter
        fields = entry_fields(ExcellentPromoter)

    layout = (
        Fieldset(
            _("附件4 excellent promoter report"),
            row("name", "sex", "position"),
            row("unit_name", "phone", sizes=[8, 4]),
            row("address", "postcode", sizes=[9, 3]),
            row("qc_years", sizes=[4]),
            "deeds",
            row("own_unit_opinion", "recommending_unit_opinion"),
            row("contact", sizes=[4]),
        ),
    )


class TrustedTeamForm(EntryForm):
    class Meta:
        model = TrustedTeam
        fields = entry_fields(TrustedTeam)

    layout = (
        Fieldset(
            _("附件6 trusted team report"),
            row("team_name", "member_count", sizes=[9, 3]),
            "company_name",
            row("address", "postcode", sizes=[9, 3]),
            row("department_in_charge", "contact", "phone"),
        ),
        Fieldset(
            _("Quality metrics"),
            row("completion_rate", "pass_rate", "defect_rate"),
            row("accidents_per_year", "complaints_per_year", "first_pass_rate"),
            row("trained_people", "training_hours", "improvement_participation", "quality_cost"),
        ),
        Fieldset(
            _("Team leader"),
            row("leader_name", "leader_sex", "leader_age", "leader_position"),
        ),
        Fieldset(
            _("Profile and results of the trusted team"),
            HTML('{% include "submissions/_profile_total.html" %}'),
            *PROFILE_FIELDS,
        ),
        Fieldset(
            _("Eligibility (附件1)"),
            row("accidents_last_two_years", "provincial_award", sizes=[6, 6]),
            "award_description",
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PROFILE_FIELDS:
            self.fields[name].widget.attrs["data-profile-part"] = ""


class ActivityStatisticsForm(EntryForm):
    class Meta:
        model = ActivityStatistics
        fields = entry_fields(ActivityStatistics)

    layout = (
        Fieldset(
            _("附件7 activity statistics"),
            row("presentation_meetings", "training_sessions", "training_participants"),
            row("registered_groups_total", "registered_groups", "active_groups"),
            row("participants", "employees", sizes=[4, 4]),
            HTML('{% include "submissions/_rate.html" with rate="popularity" %}'),
            row("groups_with_results", "economic_value", sizes=[4, 4]),
            HTML('{% include "submissions/_rate.html" with rate="result" %}'),
            row("funding", "rewards", "suggestions"),
            row("diagnosticians_provincial", "diagnosticians_national"),
            row("teams_recommended", "teams_recommended_total"),
            row("team_funding", "team_rewards"),
        ),
        Fieldset(
            _("Forms of team review and exchange"),
            row(
                "review_by_presentation",
                "review_on_site",
                "review_with_qc_groups",
                "review_by_unit",
            ),
        ),
        Fieldset(_("Summaries"), "qc_summary", "team_summary"),
        Fieldset(
            _("Department responsible for QC groups and trusted teams"),
            row("responsible_department", "head", "phone"),
            row("address", "postcode", "email", sizes=[6, 2, 4]),
        ),
    )


def _kept_forms(formset):
    """The rows a posted member list holds, in order: kept rows and filled new ones, not those
    marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.has_changed() or form.instance.pk
        if not (formset.can_delete and formset._should_delete_form(form))
    ]


class AdminMemberFormSet(forms.BaseInlineFormSet):
    """The admin's member inline: the same 人数 rule as the page and the service, which the
    admin's separate saving of inlines would otherwise miss."""

    def clean(self):
        super().clean()
        problem = member_count_problem(self.instance.member_count, len(_kept_forms(self)))
        if problem:
            raise forms.ValidationError(problem)


class MemberFormSet(forms.BaseInlineFormSet):
    """A member list as a table of rows; the service saves it (``rows()``) with its entry."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if name == "DELETE":
                css = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            field.widget.attrs.update({"class": css, "aria-label": field.label})

    def listed_count(self) -> int:
        """How many members the posted list holds (valid or not), as ``rows()`` would save."""
        return len(_kept_forms(self))

    def rows(self):
        """The valid list as plain values, in its order: (member id or None, typed values)."""
        fields = [field.name for field in typed_member_fields(self.model)]
        return [
            (form.instance.pk, tuple(form.cleaned_data[name] for name in fields))
            for form in _kept_forms(self)
        ]


def _member_formset(parent, model):
    return inlineformset_factory(
        parent,
        model,
        formset=MemberFormSet,
        fields=[field.name for field in typed_member_fields(model)],
        extra=1,
        can_delete=True,
    )


QcGroupMemberFormSet = _member_formset(QcAchievement, QcGroupMember)
TrustedTeamMemberFormSet = _member_formset(TrustedTeam, TrustedTeamMember)


class AchievementFileForm(forms.Form):
    kind = forms.ChoiceField(choices=AchievementFile.Kind.choices, widget=forms.HiddenInput)
    file = forms.FileField(label=_("file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = accept_attribute()

    @property
    def material(self):
        """The kind of material this form uploads (None when the posted kind is unknown)."""
        value = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return value if value in AchievementFile.Kind.values else None

    @property
    def rules(self) -> str:
        """The accepted types and size limit of this material, shown beside its control."""
        return upload_rules(self.material) if self.material else ""

    def problems(self, refusal=None) -> list[str]:
        """The form's errors (or the service's ``refusal``), each naming its material."""
        if refusal is not None:
            messages = refusal.messages
        else:
            messages = self.errors.get("file", []) + self.errors.get("kind", [])
        if not self.material:
            return list(messages)
        label = AchievementFile.Kind(self.material).label
        return [
            _("%(material)s: %(problem)s") % {"material": label, "problem": message}
            for message in messages
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned["checked"] = check_upload(cleaned["file"], cleaned["kind"])
        except forms.ValidationError as error:
            self.add_error("file", error)
        return cleaned
