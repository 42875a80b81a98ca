from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import services
from portal.current import current_campaign_or_404
from portal.forms import (
    AccountCreateForm,
    DeadlineChangeForm,
    DeadlineExtensionForm,
    ExtensionRemovalForm,
)
from portal.models import DeadlineExtension, User
from portal.permissions import STAFF_ROLES, role_required


@role_required(*STAFF_ROLES)
def account_list(request):
    accounts = User.objects.for_user(request.user).select_related("member_unit")
    return render(request, "portal/account_list.html", {"accounts": accounts})


@role_required(*STAFF_ROLES)
def account_create(request):
    form = AccountCreateForm(request.POST or None, creator=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_account(
                creator=request.user, **form.cleaned_data, base_url=request.build_absolute_uri("/")
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Account %(username)s created; a link to set the password went to %(email)s.")
                % {"username": user.username, "email": user.email},
            )
            return redirect("account_list")
    return render(request, "portal/form_page.html", {"form": form, "title": _("New account")})


def _campaign_extensions(request, campaign):
    return (
        DeadlineExtension.objects.for_user(request.user)
        .filter(campaign=campaign)
        .select_related("member_unit", "granted_by")
    )


def _extension_page(request, campaign, *, form=None, deadline_form=None):
    if form is None:
        form = DeadlineExtensionForm(campaign=campaign)
    if deadline_form is None:
        deadline_form = DeadlineChangeForm(campaign=campaign)
    return render(
        request,
        "portal/extension_list.html",
        {
            "campaign": campaign,
            "form": form,
            "deadline_form": deadline_form,
            "rows": campaign.extension_rows(_campaign_extensions(request, campaign)),
        },
    )


@role_required(*STAFF_ROLES)
def extension_list(request):
    """The campaign's deadline, the units' extensions and their effect; staff change both."""
    campaign = current_campaign_or_404(request)
    form = DeadlineExtensionForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        services.grant_extension(
            campaign=campaign,
            member_unit=form.cleaned_data["member_unit"],
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
            granted_by=request.user,
        )
        messages.success(request, _("The extension was granted."))
        return redirect("extension_list")
    return _extension_page(request, campaign, form=form)


@require_POST
@role_required(*STAFF_ROLES)
def change_deadline(request):
    campaign = current_campaign_or_404(request)
    form = DeadlineChangeForm(request.POST, campaign=campaign)
    if form.is_valid():
        try:
            services.change_deadline(campaign=campaign, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The campaign's deadline was changed."))
            return redirect("extension_list")
    return _extension_page(request, campaign, deadline_form=form)


@require_POST
@role_required(*STAFF_ROLES)
def remove_extension(request, pk):
    campaign = current_campaign_or_404(request)
    extension = get_object_or_404(_campaign_extensions(request, campaign), pk=pk)
    form = ExtensionRemovalForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.remove_extension(extension=extension, reason=reason, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The extension of %(unit)s was removed.")
            % {"unit": extension.member_unit.short_name},
        )
    return redirect("extension_list")
