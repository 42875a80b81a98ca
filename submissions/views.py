from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from portal.current import current_campaign_or_404
from portal.feedback import report_errors
from portal.permissions import STAFF_ROLES, Role, is_staff_member, role_required
from submissions import services
from submissions.forms import AchievementFileForm
from submissions.history import entry_history
from submissions.kinds import kind_or_404
from submissions.merge import StaleEdit
from submissions.models import AchievementFile, QcAchievement
from submissions.printouts import printouts
from submissions.summary import recommendation_summary
from submissions.uploads import serve_material

ENTRY_ROLES = (Role.COORDINATOR, *STAFF_ROLES)
SUMMARY_FORMATS = [
    ("pdf", "PDF"),
    ("docx", "Word"),
    ("xlsx", "Excel"),
    ("html", _lazy("Print view")),
]


def _entry(request, kind, pk):
    queryset = kind.model.objects.for_user(request.user).select_related("campaign", "member_unit")
    return get_object_or_404(queryset, pk=pk)


def _detail_url(kind, entry):
    return reverse("entry_detail", args=[kind.slug, entry.pk])


def _may_change(request, entry) -> bool:
    return entry.is_editable and services.unit_may_change(
        campaign=entry.campaign, member_unit=entry.member_unit, user=request.user
    )


def _edit(request, kind, entry):
    """The form and its member list; saved through the service, never overwriting silently.

    A copy somebody else saved over meanwhile is refused once with what they changed (theirs
    against yours, above the form and beside each field); saving it again merges in the service.
    """
    form = kind.form(request.POST or None, instance=entry)
    members = (
        kind.members(request.POST or None, instance=entry, prefix="members")
        if kind.members
        else None
    )
    changes = []
    # Both are validated, so that every error of the page is shown in the same round.
    valid = request.method == "POST" and all(
        [form.is_valid(), members is None or members.is_valid()]
    )
    if request.method == "POST" and not valid and members is not None:
        form.add_member_count_problem(members)
    if valid:
        try:
            entry = services.save_entry(
                entry=form.instance,
                user=request.user,
                expected_version=form.cleaned_data.get("version"),
                base_version=form.cleaned_data.get("base_version"),
                members=members.rows() if members else None,
            )
        except StaleEdit as stale:
            # What was typed stays; the form now holds the version seen (so that a further
            # save by somebody else is caught again) and still the one it was first loaded at.
            loaded = form.cleaned_data.get("base_version")
            form.data = form.data.copy()
            form.data["base_version"] = (
                form.cleaned_data.get("version") if loaded is None else loaded
            )
            form.data["version"] = stale.current_version
            changes = stale.changes
            for change in changes:
                if change.name in form.fields:
                    form.add_error(change.name, _("Changed meanwhile by somebody else."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_detail_url(kind, entry))
    return render(
        request,
        "submissions/entry_form.html",
        {
            "kind": kind,
            "entry": entry,
            "form": form,
            "members": members,
            "changes": changes,
            "changed_names": {change.name for change in changes},
        },
    )


@role_required(Role.COORDINATOR)
def entry_create(request, kind):
    kind = kind_or_404(kind)
    campaign = current_campaign_or_404(request)
    unit = request.user.member_unit
    if request.method == "GET":
        existing = (
            kind.single and kind.model.objects.filter(campaign=campaign, member_unit=unit).first()
        )
        if existing:
            return redirect(_detail_url(kind, existing))
        if not services.unit_may_change(campaign=campaign, member_unit=unit, user=request.user):
            messages.error(request, _("The deadline has passed: no new entries can be created."))
            return redirect("dashboard")
    # A POST always reaches the service, which explains any refusal beside the typed form.
    return _edit(request, kind, kind.model(campaign=campaign, member_unit=unit))


@role_required(*ENTRY_ROLES)
def entry_edit(request, kind, pk):
    kind = kind_or_404(kind)
    entry = _entry(request, kind, pk)
    if request.method == "GET" and not _may_change(request, entry):
        messages.error(request, _("This entry cannot be changed now."))
        return redirect(_detail_url(kind, entry))
    return _edit(request, kind, entry)


@role_required(*ENTRY_ROLES)
def entry_detail(request, kind, pk):
    kind = kind_or_404(kind)
    entry = _entry(request, kind, pk)
    may_change = _may_change(request, entry)
    context = {
        "kind": kind,
        "entry": entry,
        "fields": [
            (field.verbose_name, _display(entry, field))
            for field in kind.form._meta.model._meta.fields
            if field.editable and field.name not in ("id", "campaign", "member_unit")
        ]
        + [(label, getattr(entry, name)) for name, label in entry.derived_fields],
        "may_change": may_change,
        "missing": entry.missing_for_submission() if may_change else [],
        "is_staff": is_staff_member(request.user),
        "documents": printouts(kind.slug),
    }
    if kind.members:
        model = kind.members.model
        member_fields = [
            model._meta.get_field(name)
            for name in kind.members.form._meta.fields
            if name != kind.members.fk.name
        ]
        context["member_header"] = [field.verbose_name for field in member_fields]
        context["members"] = [
            [_display(member, field) for field in member_fields] for member in entry.members.all()
        ]
    if isinstance(entry, QcAchievement):
        files = {material.kind: material for material in entry.files.all()}
        context["materials"] = [
            (
                kind_choice,
                files.get(kind_choice),
                AchievementFileForm(initial={"kind": kind_choice}),
            )
            for kind_choice in AchievementFile.Kind
        ]
    if context["is_staff"]:
        context["history"] = entry_history(entry)
    return render(request, "submissions/entry_detail.html", context)


def _display(entry, field):
    value = getattr(entry, field.name)
    if field.choices:
        return getattr(entry, f"get_{field.name}_display")()
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return value


def _action(request, kind, pk, action, success, **kwargs):
    kind = kind_or_404(kind)
    entry = _entry(request, kind, pk)
    try:
        action(entry=entry, user=request.user, **kwargs)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, success)
    return redirect(_detail_url(kind, entry))


@require_POST
@role_required(*ENTRY_ROLES)
def entry_submit(request, kind, pk):
    return _action(request, kind, pk, services.submit, _("Submitted."))


@require_POST
@role_required(*ENTRY_ROLES)
def entry_withdraw(request, kind, pk):
    return _action(request, kind, pk, services.withdraw, _("Withdrawn: it no longer counts."))


@require_POST
@role_required(*STAFF_ROLES)
def entry_receive(request, kind, pk):
    return _action(request, kind, pk, services.receive, _("Marked received."))


@require_POST
@role_required(*STAFF_ROLES)
def entry_return(request, kind, pk):
    return _action(
        request,
        kind,
        pk,
        services.return_for_revision,
        _("Returned to the unit for revision."),
        reason=request.POST.get("reason", ""),
    )


@require_POST
@role_required(*ENTRY_ROLES)
def entry_delete(request, kind, pk):
    kind = kind_or_404(kind)
    entry = _entry(request, kind, pk)
    try:
        services.delete_draft(entry=entry, user=request.user)
    except ValidationError as error:
        report_errors(request, error)
        return redirect(_detail_url(kind, entry))
    messages.success(request, _("The draft was deleted."))
    return redirect("dashboard")


@require_POST
@role_required(*ENTRY_ROLES)
def material_upload(request, pk):
    kind = kind_or_404("achievement")
    entry = _entry(request, kind, pk)
    form = AchievementFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.upload_material(
                achievement=entry,
                kind=form.cleaned_data["kind"],
                checked=form.cleaned_data["checked"],
                user=request.user,
            )
        except ValidationError as error:
            for message in form.problems(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The file was uploaded."))
    else:
        for message in form.problems():
            messages.error(request, message)
    return redirect(_detail_url(kind, entry))


@role_required(*ENTRY_ROLES)
def material_download(request, pk, material):
    entry = _entry(request, kind_or_404("achievement"), pk)
    return serve_material(get_object_or_404(entry.files, kind=material))


@role_required(Role.COORDINATOR)
def unit_summary(request):
    campaign = current_campaign_or_404(request)
    return render(
        request,
        "submissions/summary.html",
        {
            "campaign": campaign,
            "member_unit": request.user.member_unit,
            "summary": recommendation_summary(campaign, request.user.member_unit),
            "summary_formats": SUMMARY_FORMATS,
        },
    )


@role_required(*STAFF_ROLES)
def province_summary(request):
    campaign = current_campaign_or_404(request)
    return render(
        request,
        "submissions/summary.html",
        {
            "campaign": campaign,
            "summary": recommendation_summary(campaign),
            "summary_formats": SUMMARY_FORMATS,
        },
    )
