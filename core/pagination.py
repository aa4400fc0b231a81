"""A paginator whose cost does not grow with the registry (phân trang có giới hạn).

Django's ``Paginator`` counts every matching row before it shows the first page: on a registry
of 100,000 records a search reads the whole table twice (the count, then the ordered page) and
a list page counts 100,000 rows to print "Trang 1/2000". This one reads at most
``count_limit + 1`` matching keys, unordered, in a single pass that stops as soon as it has
them:
- when that is all the matches (the usual case of a search) the count is exact and the page is
  read by primary key in the list's order — no second pass, no sort of the registry;
- otherwise the list says "more than ``count_limit``" (``count_is_exact`` is False), pages past
  the limit are not offered (narrow the filter), and the page is read off the list's order
  index, which finds it quickly exactly because matches are many.

The API's pager (``CappedPageNumberPagination``): a client may ask for a page size
(``?page_size=``) but never more than API_MAX_PAGE_SIZE rows per response (issue 11, class 1: no
unbounded work from one request); an absurd or unreadable size falls back to the default page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination


class BoundedPaginator(Paginator):
    count_limit = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_is_exact = True
        self._keys: list[Any] | None = None

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return super().count
        keys = list(rows.order_by().values_list("pk", flat=True)[: self.count_limit + 1])
        if len(keys) > self.count_limit:
            self.count_is_exact = False
            return self.count_limit
        self._keys = keys
        return len(keys)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)  # counts first, so the keys are known
        if self._keys is not None and isinstance(self.object_list, QuerySet):
            # All matches are known: the page is read by key, in the list's own order.
            self.object_list = self.object_list.filter(pk__in=self._keys)
            self._keys = None
        return super().page(number)


class CappedPageNumberPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:  # type: ignore[override]
        return int(settings.API_MAX_PAGE_SIZE)
