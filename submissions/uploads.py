"""Checks of uploaded materials by their content, never by their name.

Accepted: PDF; Office and WPS files (the old OLE2 formats and the new zip-based ones); JPEG and
PNG images, which are decoded and re-encoded with Pillow so that nothing but the picture (no
metadata, no trailing payload) is stored.
"""

import io
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE2_EXTENSIONS = {
    "doc": "application/msword",
    "wps": "application/vnd.ms-works",
    "ppt": "application/vnd.ms-powerpoint",
    "dps": "application/vnd.ms-powerpoint",
    "xls": "application/vnd.ms-excel",
    "et": "application/vnd.ms-excel",
}
OOXML_PARTS = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


#: What ``check_upload`` accepts, in words (shown beside each upload control) and as file name
#: endings (the control's ``accept``, which only narrows the file picker: the content decides).
ACCEPTED_TYPES = gettext_lazy("PDF, Office or WPS documents, JPEG or PNG images")
ACCEPTED_SUFFIXES = (
    "pdf",
    *OLE2_EXTENSIONS,
    *(ext for ext, _type in OOXML_PARTS.values()),
    "jpg",
    "jpeg",
    "png",
)


def limit_mb(kind: str) -> int:
    """The largest upload of a material of ``kind``, in MB (settings.UPLOAD_LIMITS_MB)."""
    return settings.UPLOAD_LIMITS_MB[kind]


def upload_rules(kind: str) -> str:
    """What may be uploaded as a material of ``kind``, said before the upload."""
    return _("Accepted: %(types)s; at most %(limit)d MB.") % {
        "types": ACCEPTED_TYPES,
        "limit": limit_mb(kind),
    }


def accept_attribute() -> str:
    return ",".join(f".{suffix}" for suffix in ACCEPTED_SUFFIXES)


@dataclass
class CheckedUpload:
    content: File
    original_name: str
    content_type: str
    size: int


def _ooxml_kind(uploaded):
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, RuntimeError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in OOXML_PARTS.items():
        if any(name.startswith(prefix) for name in names):
            return kind
    return None


#: Scans of a record book are a few megapixels; anything far larger is refused before decoding.
MAX_IMAGE_PIXELS = 50_000_000


def _reencoded_image(uploaded):
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _decode_and_reencode(uploaded)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return None


def _decode_and_reencode(uploaded):
    try:
        with Image.open(uploaded) as probe:
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                return None
            probe.verify()
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            fmt = image.format
            if fmt not in ("JPEG", "PNG"):
                return None
            image.load()
            pixels = image.convert("RGBA" if fmt == "PNG" else "RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        return None
    out = io.BytesIO()
    pixels.save(out, format=fmt)
    ext, content_type = ("png", "image/png") if fmt == "PNG" else ("jpg", "image/jpeg")
    return out.getvalue(), ext, content_type


def check_upload(uploaded, kind: str) -> CheckedUpload:
    """Validate ``uploaded`` for a material of ``kind``; return what to store, under a new name."""
    limit = limit_mb(kind)
    if uploaded.size > limit * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": limit}, code="too_large"
        )
    original = PurePath(uploaded.name).name[:200] or "file"
    suffix = PurePath(original).suffix.lower().lstrip(".")
    uploaded.seek(0)
    head = uploaded.read(8)
    data = ext = content_type = None
    if head.startswith(b"%PDF-"):
        ext, content_type = "pdf", "application/pdf"
    elif head == OLE2_MAGIC and suffix in OLE2_EXTENSIONS:
        ext, content_type = suffix, OLE2_EXTENSIONS[suffix]
    elif head.startswith(b"PK\x03\x04") and (kind_found := _ooxml_kind(uploaded)):
        ext, content_type = kind_found
    elif image := _reencoded_image(uploaded):
        data, ext, content_type = image
    else:
        raise ValidationError(
            _("Upload a PDF, an Office or WPS document, or a JPEG or PNG image."),
            code="file_type",
        )
    name = f"{uuid.uuid4().hex}.{ext}"
    uploaded.seek(0)
    content = File(uploaded, name=name) if data is None else ContentFile(data, name=name)
    return CheckedUpload(
        content=content,
        original_name=original,
        content_type=content_type,
        size=content.size,
    )


def serve_material(stored) -> FileResponse:
    """An uploaded material: PDFs and images open in the browser, sandboxed; the rest downloads."""
    inline = stored.content_type in ("application/pdf", "image/jpeg", "image/png")
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=not inline,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["Content-Security-Policy"] = "sandbox"
    return response
