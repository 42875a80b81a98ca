from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from judging import phases
from judging.models import PanelMember
from judging.publication import award_list
from portal import services
from portal.current import current_campaign
from portal.forms import (
    AccountCreateForm,
    DeadlineChangeForm,
    DeadlineExtensionForm,
    ExtensionRemovalForm,
)
from portal.models import Campaign, DeadlineExtension, MemberUnit, User
from portal.permissions import STAFF_ROLES, Role, has_role, is_coordinator, role_required
from reports.registry import blank_forms
from submissions.overview import unit_overview
from submissions.quotas import achievement_quota_table
from submissions.services import unit_may_change


def _campaign_page(request, campaign):
    return render(
        request,
        "portal/campaign.html",
        {
            "campaign": campaign,
            "quota_rows": achievement_quota_table(campaign) if campaign else [],
            "blank_forms": blank_forms(),
            "awards": award_list(campaign) if campaign else {},
        },
    )


def home(request):
    """The current campaign's public page: the notice's essentials and every unit's quota."""
    return _campaign_page(request, current_campaign(request))


def campaign_detail(request, year):
    return _campaign_page(
        request,
        get_object_or_404(
            Campaign.objects.for_user(request.user).prefetch_related("contacts"), year=year
        ),
    )


def campaign_list(request):
    campaigns = Campaign.objects.for_user(request.user)
    return render(request, "portal/campaign_list.html", {"campaigns": campaigns})


@login_required
def dashboard(request):
    """One page per role, with the links that role may use."""
    campaign = current_campaign(request)
    context = {"campaign": campaign}
    if is_coordinator(request.user) and campaign:
        unit = request.user.member_unit
        deadline = campaign.unit_deadline(unit)
        context.update(
            unit=unit,
            unit_deadline=deadline.at,
            unit_extended=deadline.is_extended,
            may_change=unit_may_change(campaign=campaign, member_unit=unit, user=request.user),
            overview=unit_overview(campaign, unit),
        )
    if has_role(request.user, Role.JUDGE) and campaign:
        context["is_chief_judge"] = PanelMember.objects.is_chief(campaign, request.user)
    if has_role(request.user, *STAFF_ROLES):
        context["phase_moves"] = phases.moves(campaign) if campaign else []
        counts = dict(
            User.objects.for_user(request.user)
            .filter(is_active=True)
            .values_list("role")
            .annotate(n=Count("pk"))
        )
        context.update(
            unit_count=MemberUnit.objects.active().count(),
            role_counts=[(label, counts.get(value, 0)) for value, label in Role.choices],
        )
    return render(request, "portal/dashboard.html", context)


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


def _require_campaign(request) -> Campaign:
    campaign = current_campaign(request)
    if campaign is None:
        raise Http404(_("There is no current campaign."))
    return campaign


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
    campaign = _require_campaign(request)
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
    campaign = _require_campaign(request)
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
    campaign = _require_campaign(request)
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


@require_POST
@role_required(*STAFF_ROLES)
def copy_campaign(request):
    """Prepare next year's campaign from the current one (it does not become current)."""
    campaign = _require_campaign(request)
    try:
        copy = services.copy_campaign(campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dashboard")
    messages.success(
        request,
        _("The %(year)d campaign is prepared; correct its dates in the administration.")
        % {"year": copy.year},
    )
    return redirect("campaign_detail", year=copy.year)
