"""Public pages of the registries (no login): published organisations, IP titles, events and
cooperation agreements, each showing only its published field groups (``portal.registries``).

Function views listed in ``tests/test_scoping.py``'s UNSCOPED_ALLOWED; they read only
``portal.published`` through ``portal.registries.REGISTRIES``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.filters import folded_search
from portal.pagecache import cached_page
from portal.registries import REGISTRIES, Registry, display_rows

CACHE_SECONDS = 60
PAGE_SIZE = 200
QUERY_MAX = 200  # characters of a search kept (a longer one is cut, never an error)


def _registry(slug: str) -> Registry:
    if slug not in REGISTRIES:
        raise Http404
    return REGISTRIES[slug]


@require_GET
@cached_page(CACHE_SECONDS)
def registry_list(request: HttpRequest, slug: str) -> HttpResponse:
    registry = _registry(slug)
    # NUL and other control characters never occur in a record (PostgreSQL refuses NUL).
    query = "".join(c for c in request.GET.get("q", "")[:QUERY_MAX] if c.isprintable()).strip()
    rows = registry.records()
    if query:
        # The public column: words of the published field groups only (a hidden certificate or
        # application number finds nothing here; signed-in search keeps ``search_text``).
        rows = folded_search(rows, "public_search_text", query)
    context = {"registry": registry, "rows": rows[:PAGE_SIZE], "q": query, "limit": PAGE_SIZE}
    return render(request, "portal/registry_list.html", context)


@require_GET
@cached_page(CACHE_SECONDS)
def registry_detail(request: HttpRequest, slug: str, pk: Any) -> HttpResponse:
    registry = _registry(slug)
    try:
        obj = registry.full_records().get(pk=pk)
    except (registry.records().model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    context = {"registry": registry, "object": obj, "fields": display_rows(obj)}
    return render(request, "portal/registry_detail.html", context)
