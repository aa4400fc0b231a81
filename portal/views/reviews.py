"""Published review reports (báo cáo sơ kết, tổng kết công khai): the list, one report's text
and its final DOCX/PDF.

Function views listed in ``tests/test_scoping.py``'s UNSCOPED_ALLOWED; each reads only
``portal.published.reviews()`` (approved *and* published). The pages are cached briefly like
the rest of the portal. The files are not page-cached: every download re-reads the flag; the
DOCX bytes are kept, keyed by the report's version (publishing or taking down bumps it), and the
PDF is made by the worker once per content (``reviews.rendering``), so a visitor can never make
a request run LibreOffice.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.errors import ActionError
from portal import published
from portal.pagecache import cached_page
from reviews.exports import FORMATS, export, filename
from reviews.models import Review
from reviews.rendering import pdf_response

CACHE_SECONDS = 60
#: The public downloads: the official documents, not the XLSX working annexes.
PUBLIC_FORMATS = ("pdf", "docx")
FILE_CACHE_SECONDS = 24 * 3600


def _published_or_404(pk: Any) -> Any:
    try:
        return published.reviews().get(pk=pk)
    except (Review.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@require_GET
@cached_page(CACHE_SECONDS)
def review_list(request: HttpRequest) -> HttpResponse:
    rows = published.reviews()[:200]
    return render(request, "portal/reviews.html", {"reviews": rows})


@require_GET
@cached_page(CACHE_SECONDS)
def review_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """The report as issued: header, title, period and paragraphs (no links to the internal
    unit reports it was compiled from)."""
    review = _published_or_404(pk)
    paragraphs = review.paragraphs.order_by("order").only("kind", "text", "order")
    context = {
        "review": review,
        "paragraphs": paragraphs,
        "formats": PUBLIC_FORMATS,
        # The plan's own page only when the plan itself is public (else it would be a 404).
        "plan_public": published.plans().filter(pk=review.plan_id).exists(),
    }
    return render(request, "portal/review.html", context)


@never_cache
@require_GET
def review_file(request: HttpRequest, pk: Any, fmt: str) -> HttpResponse:
    if fmt not in PUBLIC_FORMATS:
        raise Http404
    review = _published_or_404(pk)  # the flag, re-read on every download
    key = f"portal:review-file:{review.pk}:{review.version}:docx"
    content = cache.get(key)
    try:
        if content is None:
            content = export(review, "docx", final=True)
            cache.set(key, content, FILE_CACHE_SECONDS)
        if fmt == "pdf":  # converted by the worker, once per content (reviews.rendering)
            response = pdf_response(
                request,
                content,
                filename=filename(review, fmt),
                back_url=reverse("portal:review", kwargs={"pk": review.pk}),
                template="portal/pdf_status.html",
            )
            response["X-Robots-Tag"] = "noindex"
            return response
    except ActionError as error:
        context = {"review": review, "message": error.message}
        return render(request, "portal/review_file_error.html", context, status=503)
    response = HttpResponse(content, content_type=FORMATS[fmt][0])
    response["Content-Disposition"] = f'attachment; filename="{filename(review, fmt)}"'
    response["X-Robots-Tag"] = "noindex"
    return response
