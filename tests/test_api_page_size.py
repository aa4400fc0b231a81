"""No unbounded work from one API request (issue 11, class 1): ``?page_size=`` is honoured up to
API_MAX_PAGE_SIZE and never beyond; an unreadable size gives the default page."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_a_huge_page_size_returns_at_most_the_cap(as_persona: Any, settings: Any) -> None:
    client = as_persona("monitor")
    total = client.get("/api/units/").json()["count"]
    settings.API_MAX_PAGE_SIZE = 7
    assert total > 7  # the demo has more units than the cap, so the cap is what limits
    page = client.get("/api/units/?page_size=100000").json()
    huge = client.get("/api/units/?page_size=99999999999999999999999").json()
    assert len(huge["results"]) == 7
    assert page["count"] == total and len(page["results"]) == 7
    assert page["next"] and "page=2" in page["next"]
    assert len(client.get("/api/units/?page_size=3").json()["results"]) == 3


@pytest.mark.parametrize("size", ["abc", "-5", "0", "1e9", ""])
def test_an_unreadable_page_size_gives_the_default_page(
    as_persona: Any, settings: Any, size: str
) -> None:
    settings.API_MAX_PAGE_SIZE = 2
    response = as_persona("monitor").get(f"/api/units/?page_size={size}")
    assert response.status_code == 200
    page = response.json()
    assert len(page["results"]) == min(100, page["count"])  # PAGE_SIZE, not the asked size


def test_the_default_cap_is_set() -> None:
    from django.conf import settings

    from core.pagination import CappedPageNumberPagination

    assert CappedPageNumberPagination().max_page_size == settings.API_MAX_PAGE_SIZE == 500
