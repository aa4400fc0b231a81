"""PDF exports rendered by the worker, never inside a request (issue 11, class 1).

``pdf_response(request, docx, filename=…, back_url=…)`` is what an export view returns for a
PDF: the file when its render is done; otherwise a small page that says the PDF is being made
and reloads itself (no JavaScript needed) until the file comes — or shows the error, with a
"try again" link. Reviews, supervision reports and the public portal use it alike.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import zipfile
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ActionError
from reviews.models import PdfRender, RenderStatus

log = logging.getLogger(__name__)
KEEP_DAYS = 30
MAX_SOURCE_BYTES = 50 * 1024 * 1024
REFRESH_SECONDS = 3


def request_pdf(docx: bytes, *, actor: Any = None, retry: bool = False) -> PdfRender:
    """The render of this DOCX: an existing one, or a new one queued for the worker."""
    if len(docx) > MAX_SOURCE_BYTES:
        raise ActionError(_("Báo cáo quá lớn để chuyển sang PDF; hãy tải bản DOCX."))
    key = content_key(docx)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        job, created = PdfRender.objects.get_or_create(
            key=key, defaults={"source": docx, "requested_by": user}
        )
        if not created and retry and job.status == RenderStatus.FAILED:
            job.status, job.error, job.finished_at = RenderStatus.QUEUED, "", None
            job.save(update_fields=["status", "error", "finished_at", "updated_at"])
            created = True
        if created:
            pk = str(job.pk)
            transaction.on_commit(lambda: _enqueue(pk))
    if created:
        _forget_old()
        job.refresh_from_db()
    return job


def _enqueue(render_id: str) -> None:
    from reviews.tasks import render_pdf_task

    render_pdf_task.enqueue(render_id)


def content_key(docx: bytes) -> str:
    """SHA-256 of what the DOCX says: its parts' names and bytes, not the zip's timestamps
    (python-docx stamps every save, so the same report would otherwise never match)."""
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            for name in sorted(archive.namelist()):
                digest.update(name.encode() + b"\0" + archive.read(name) + b"\0")
    except zipfile.BadZipFile:
        return hashlib.sha256(docx).hexdigest()
    return digest.hexdigest()


def run_render(render_id: str) -> str:
    """The worker's part: convert, store the file or the message. Never raises."""
    from reviews.exports.pdf import docx_to_pdf

    claimed = PdfRender.objects.filter(
        pk=render_id, status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]
    ).update(status=RenderStatus.RUNNING, updated_at=timezone.now())
    if not claimed:
        return "skipped"
    job = PdfRender.objects.get(pk=render_id)
    try:
        pdf = docx_to_pdf(bytes(job.source))
    except ActionError as error:
        _finish(render_id, RenderStatus.FAILED, error=error.message)
    except Exception:  # the render must end visibly, whatever went wrong
        log.exception("PDF render %s failed", render_id)
        _finish(
            render_id,
            RenderStatus.FAILED,
            error=_("Không tạo được bản PDF do lỗi hệ thống; hãy thử lại hoặc tải bản DOCX."),
        )
    else:
        _finish(render_id, RenderStatus.DONE, content=pdf)
    return str(PdfRender.objects.get(pk=render_id).status)


def abandon_render(render_id: str) -> None:
    """The worker died every time it converted this file (notifications.leases gave up)."""
    PdfRender.objects.filter(
        pk=render_id, status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]
    ).update(
        status=RenderStatus.FAILED,
        error=_("Tiến trình nền bị dừng nhiều lần khi tạo bản PDF này; hãy tải bản DOCX."),
        finished_at=timezone.now(),
    )


def _finish(render_id: str, status: str, *, content: bytes | None = None, error: str = "") -> None:
    PdfRender.objects.filter(pk=render_id).update(
        status=status, content=content, error=error, finished_at=timezone.now()
    )


def _forget_old() -> None:
    """Bounded clean-up: finished renders older than KEEP_DAYS go, a hundred at a time."""
    cutoff = timezone.now() - datetime.timedelta(days=KEEP_DAYS)
    old = PdfRender.objects.filter(
        finished_at__lt=cutoff, status__in=[RenderStatus.DONE, RenderStatus.FAILED]
    ).values_list("pk", flat=True)[:100]
    PdfRender.objects.filter(pk__in=list(old)).delete()


def pdf_response(
    request: HttpRequest,
    docx: bytes,
    *,
    filename: str,
    back_url: str,
    template: str = "reviews/pdf_status.html",
) -> HttpResponse:
    """The PDF of ``docx`` if rendered; else the waiting (or error) page."""
    job = request_pdf(docx, actor=request.user, retry=bool(request.GET.get("retry")))
    if job.status == RenderStatus.DONE and job.content is not None:
        response = HttpResponse(bytes(job.content), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    failed = job.status == RenderStatus.FAILED
    retry_url = request.get_full_path()
    retry_url += ("&" if "?" in retry_url else "?") + "retry=1"
    return render(
        request,
        template,
        {
            "job": job,
            "failed": failed,
            "filename": filename,
            "back_url": back_url,
            "retry_url": retry_url,
            "refresh_seconds": REFRESH_SECONDS,
            "page_url": request.get_full_path().replace("retry=1", "").rstrip("?&"),
        },
        status=200 if failed else 202,
    )
