"""ZIP exports: ask for one, watch its progress, download it."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.current import current_campaign
from portal.permissions import role_required
from reports import services
from reports.exports import EXPORT_ROLES
from reports.models import Export


@require_POST
@role_required(*EXPORT_ROLES)
def export_request(request):
    """The form asks for ``scope`` "unit" (``unit``: which, for staff) or "campaign"; who may
    have which is the service's rule."""
    member_unit = services.export_unit(
        request.user, scope=request.POST.get("scope"), unit=request.POST.get("unit", "")
    )
    export = services.request_export(
        user=request.user, campaign=current_campaign(request), member_unit=member_unit
    )
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
