"""Stored files: random storage names and the one way a stored file leaves the server.

MEDIA is never served directly (not even under DEBUG): a stored file is only reachable through
a scoped view that has already answered "may this user see it?". That view hands the file over
with ``serve_file``:

- with ``PROTECTED_MEDIA_ACCEL_PREFIX`` set (production behind nginx, docs/deployment.md), the
  answer is an empty response carrying ``X-Accel-Redirect: <prefix><name>``; nginx serves the
  bytes from an ``internal`` location, so a worker is not tied up streaming a large file;
- otherwise a ``FileResponse`` streams it from the storage.

Storage names are random (``RandomName``): the uploaded name is kept in the row for display and
for the download's file name, never in the path, so a name cannot be guessed.
"""

from __future__ import annotations

import posixpath
import uuid
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.encoding import iri_to_uri


@deconstructible
class RandomName:
    """``upload_to`` giving ``<folder>/<yyyy>/<uuid>.<ext>``: unguessable, extension kept."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        from django.utils import timezone

        extension = posixpath.splitext(filename or "")[1].lower()[:10]
        if not extension[1:].isalnum():
            extension = ""
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def serve_file(field_file: Any, *, filename: str, content_type: str) -> HttpResponse | FileResponse:
    """The stored file as an attachment named ``filename``; a missing file is a 404."""
    if not field_file or not field_file.name:
        raise Http404
    prefix = getattr(settings, "PROTECTED_MEDIA_ACCEL_PREFIX", "")
    if prefix:
        if not field_file.storage.exists(field_file.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = iri_to_uri(prefix.rstrip("/") + "/" + field_file.name)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(filename)
        return response
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
