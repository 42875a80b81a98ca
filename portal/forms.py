from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import DeadlineExtension, MemberUnit, User
from portal.permissions import Role
from portal.services import roles_creatable_by


class AccountCreateForm(forms.ModelForm):
    """Staff create unit coordinators and judges; an administrator may create any role."""

    class Meta:
        model = User
        fields = ["username", "name", "email", "phone", "role", "member_unit"]

    def __init__(self, *args, creator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["name"].required = True
        allowed = roles_creatable_by(creator)
        self.fields["role"].choices = [(role, Role(role).label) for role in allowed]
        self.fields["member_unit"].queryset = MemberUnit.objects.active()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create account and send e-mail")))


class DeadlineExtensionForm(forms.ModelForm):
    class Meta:
        model = DeadlineExtension
        fields = ["member_unit", "new_deadline", "reason"]
        widgets = {
            "new_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["member_unit"].queryset = MemberUnit.objects.active()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Grant extension")))


class DeadlineChangeForm(forms.Form):
    """Staff move the campaign's deadline; ``portal.services.change_deadline`` holds the rules."""

    prefix = "deadline"

    new_deadline = forms.DateTimeField(
        label=_("New campaign deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # Required by the service, whose message explains it; the browser asks for it first.
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )

    def __init__(self, *args, campaign, **kwargs):
        kwargs.setdefault(
            "initial", {"new_deadline": timezone.localtime(campaign.submission_deadline)}
        )
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("change_deadline")
        self.helper.add_input(Submit("submit", _("Change the deadline")))


class ExtensionRemovalForm(forms.Form):
    """The reason staff give when they remove an extension (required by the service)."""

    reason = forms.CharField(label=_("Reason for the removal"), required=False)
