"""API pagination: a client may ask for a page size (``?page_size=``) but never more than
API_MAX_PAGE_SIZE rows per response (issue 11, class 1: no unbounded work from one request);
an absurd or unreadable size falls back to the default page."""

from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class CappedPageNumberPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:  # type: ignore[override]
        return int(settings.API_MAX_PAGE_SIZE)
