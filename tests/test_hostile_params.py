"""Unparseable query parameters answer 400/404 (or are ignored), never 500 (issue 11, class 9).

Walks every list URL of the project (pages and API: every route without a path parameter) with
hostile values for every query parameter the project reads (filterset fields, view parameters,
pagination), as a monitor (sees everything) and as a reporter."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_scoping import our_patterns

PARAMS = [
    "year",
    "quarter",
    "unit",
    "plan",
    "round",
    "status",
    "state",
    "severity",
    "owner",
    "q",
    "page",
    "page_size",
    "per_page",
    "mine",
    "frequency",
    "kind",
    "parent",
    "a",
    "b",
    "conflict",
    "indicator",
    "period_start",
    "period_end",
    "issued_on",
    "until",
    "unread",
    "task",
    "report",
    "level",
    "export",
    "all",
    "preview",
    "format",
    "limit",
    "offset",
]
VALUES = [
    "-1",
    "10000",
    "0",
    "not-a-uuid",
    "99999999999999999999999999",
    "1e400",
    "NaN",
    "2026-13-45",
    "31/02/2026",
    "\x00",
    "'; drop table x; --",
    "%ff",
    "9" * 5000,
]
SINGLE = ["year", "quarter", "page", "page_size", "per_page", "unit", "plan", "a", "b", "conflict"]
SKIP = ("logout", "i18n", "admin", "api/docs", "api/schema", "rotate")


def list_urls() -> list[str]:
    urls = []
    for route, _pattern, _cls in our_patterns():
        if "<" in route or "(?P" in route or any(s in route for s in SKIP):
            continue
        url = "/" + route.replace("^", "").replace("$", "").lstrip("/")
        if "\\" in url:
            continue
        urls.append(url)
    return sorted(set(urls))


# The walk is some thousands of requests: split into slices so that each test stays well inside
# the per-test timeout on a slow machine (the slices together still walk every URL).
SLICES = 6


@pytest.mark.django_db
@pytest.mark.parametrize("part", range(SLICES))
@pytest.mark.parametrize("persona", ["monitor"])
def test_hostile_query_parameters_never_answer_500(demo: Any, persona: str, part: int) -> None:
    from conftest import client_for

    client = client_for(persona)
    client.raise_request_exception = False
    urls = list_urls()
    assert len(urls) > 20
    failures = []
    for url in urls[part::SLICES]:
        for value in VALUES:
            query = {name: value for name in PARAMS}
            response = client.get(url, query)
            if response.status_code >= 500:
                failures.append(f"{url} ({value[:20]!r}): {response.status_code}")
        # One at a time too: an early 404 on one parameter must not hide another's crash.
        for name in SINGLE:
            for value in ("-1", "10000", "9" * 30):
                response = client.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}={value[:20]!r}: {response.status_code}")
    assert failures == [], "\n".join(failures)


def detail_urls(user: Any) -> list[str]:
    """Every object page (one visible object each): they read parameters too (?a=&b=)."""
    urls = []
    for route, _pattern, cls in our_patterns():
        if route.count("<") != 1 or "<uuid:pk>" not in route or any(s in route for s in SKIP):
            continue
        model = getattr(cls, "model", None)
        obj = model.objects.visible_to(user).first() if model is not None else None
        if obj is not None:
            urls.append("/" + route.replace("<uuid:pk>", str(obj.pk)).lstrip("/"))
    return urls


@pytest.mark.django_db
def test_hostile_query_parameters_on_object_pages_never_answer_500(demo: Any) -> None:
    from conftest import client_for

    client = client_for("monitor")
    client.raise_request_exception = False
    urls = detail_urls(demo.user("monitor"))
    assert len(urls) > 20
    failures = []
    for url in urls:
        for value in ("-1", "not-a-uuid"):
            response = client.get(url, {name: value for name in PARAMS})
            if response.status_code >= 500:
                failures.append(f"{url} ({value!r}): {response.status_code}")
        for name in ("year", "quarter", "a", "b", "conflict"):
            for value in ("-1", "9" * 30):
                response = client.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}={value!r}: {response.status_code}")
    assert failures == [], "\n".join(failures)
