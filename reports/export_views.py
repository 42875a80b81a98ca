"""ZIP exports: ask for one, watch its progress, download it."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.current import current_campaign
from portal.models import MemberUnit
from portal.permissions import STAFF_ROLES, Role, is_staff_member, role_required
from reports import services
from reports.models import Export

EXPORT_ROLES = (Role.COORDINATOR, *STAFF_ROLES)


@require_POST
@role_required(*EXPORT_ROLES)
def export_request(request):
    campaign = current_campaign(request)
    if campaign is None:
        raise Http404
    scope, unit = request.POST.get("scope"), request.POST.get("unit", "")
    if not is_staff_member(request.user):
        if scope == "campaign":
            raise PermissionDenied
        member_unit = request.user.member_unit
    elif scope == "unit" and unit.isdigit():
        member_unit = get_object_or_404(MemberUnit, pk=unit)
    else:
        member_unit = None
    export = services.request_export(user=request.user, campaign=campaign, member_unit=member_unit)
    return redirect("export_status", pk=export.pk)


def _export(request, pk):
    return get_object_or_404(
        Export.objects.for_user(request.user).select_related("campaign", "member_unit"), pk=pk
    )


@role_required(*EXPORT_ROLES)
def export_status(request, pk):
    return render(request, "reports/export_status.html", {"export": _export(request, pk)})


@role_required(*EXPORT_ROLES)
def export_progress(request, pk):
    export = _export(request, pk)
    return JsonResponse(
        {
            "status": export.status,
            "status_label": export.get_status_display(),
            "progress": export.progress,
            "download": reverse("export_download", args=[export.pk])
            if export.status == Export.Status.DONE
            else None,
        }
    )


@role_required(*EXPORT_ROLES)
def export_download(request, pk):
    export = _export(request, pk)
    if export.status != Export.Status.DONE:
        raise Http404
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type="application/zip",
    )
