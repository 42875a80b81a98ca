from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse

from portal.current import current_campaign
from portal.permissions import login_redirect
from reports.registry import CONTENT_TYPES, document_or_404


def _int_or_none(value):
    return int(value) if value and value.isdecimal() and value.isascii() else None


def download(request, slug, fmt):
    """Any registered document in any of its formats, for whoever its declared access admits
    (``Document.check``): logged out, a login (blank forms are public); wrong role, 403."""
    document = document_or_404(slug)
    if fmt not in document.formats:
        raise Http404
    try:
        data = document.data_for(
            user=request.user,
            campaign=current_campaign(request),
            pk=_int_or_none(request.GET.get("pk")),
            unit=_int_or_none(request.GET.get("unit")),
            blank=request.GET.get("blank") == "1",
        )
    except PermissionDenied:
        if not request.user.is_authenticated:
            return login_redirect(request)
        raise
    if fmt == "html":
        query = request.GET.urlencode()
        downloads = [
            (other.upper(), f"{reverse('document', args=[slug, other])}?{query}")
            for other in document.formats
            if other != "html"
        ]
        return HttpResponse(document.html(data, downloads), content_type=CONTENT_TYPES["html"])
    rendered = document.render(data, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = rendered.content_disposition
    return response
