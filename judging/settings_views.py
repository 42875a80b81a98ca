from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from judging.models import JudgingSettings
from judging.setup import save_judging_settings
from portal.current import current_campaign_or_404
from portal.permissions import STAFF_ROLES, role_required


class JudgingSettingsForm(forms.ModelForm):
    class Meta:
        model = JudgingSettings
        fields = [
            "judges_per_entry",
            "trim_count",
            "trim_minimum",
            "material_weight",
            "ranking_scope",
            "tier_method",
            "first_share",
            "second_share",
            "third_share",
            "first_threshold",
            "second_threshold",
            "third_threshold",
            "consistency_distance",
            "presentation_minutes",
            "questions_minutes",
            "attendance_deadline",
        ]
        widgets = {"attendance_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", gettext_lazy("Save")))


@role_required(*STAFF_ROLES)
def judging_settings(request):
    """The campaign's judging settings: weights, trimming, tiers, timings, attendance deadline."""
    campaign = current_campaign_or_404(request)
    form = JudgingSettingsForm(request.POST or None, instance=JudgingSettings.of(campaign))
    if request.method == "POST" and form.is_valid():
        save_judging_settings(settings=form.instance, user=request.user)
        messages.success(request, _("Saved."))
        return redirect("judging_settings")
    return render(request, "portal/form_page.html", {"form": form, "title": _("Judging settings")})
