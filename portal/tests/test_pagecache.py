"""The anonymous portal page copies (portal/pagecache.py): served without the session or the
database, with the security headers, never to a signed-in user, never past their freshness."""

from __future__ import annotations

import contextlib
import datetime
import time
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from plans.models import Plan
from portal import pagecache
from portal.views.public import CACHE_SECONDS
from supervision.models import Supervision

pytestmark = pytest.mark.django_db


def test_a_cached_page_is_served_without_a_query_and_keeps_its_security_headers(
    demo: Any,
) -> None:
    url = reverse("portal:plan", args=[demo.seed_plan.pk])
    first = Client().get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)
    assert len(queries) == 0  # no session, no cache table, no page queries
    assert again.content == first.content
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Content-Language",
        "Cache-Control",
    ):
        assert again[header] == first[header], header
    assert "script-src 'self'" in again["Content-Security-Policy"]
    assert "Set-Cookie" not in again


def test_the_copy_follows_the_visitors_language(demo: Any) -> None:
    url = reverse("portal:home")
    vi = Client().get(url, HTTP_ACCEPT_LANGUAGE="vi")
    en = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert vi["Content-Language"] == "vi" and en["Content-Language"] == "en"
    assert Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content == en.content
    assert en.content != vi.content


class FakeClock:
    """One hand-moved clock for this module's copies, the Expires header cache_page writes and
    the shared database cache's expiry (no sleeping, no timing)."""

    def __init__(self, start: float) -> None:
        self.now_s = start

    def time(self) -> float:
        return self.now_s

    def now(self) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(self.now_s, tz=datetime.UTC)

    def __enter__(self) -> FakeClock:
        self.stack = contextlib.ExitStack()
        for target in (
            mock.patch.object(pagecache, "_monotonic", self.time),
            mock.patch.object(pagecache, "_wall", self.time),
            mock.patch("django.utils.cache.time", self),
            mock.patch("django.core.cache.backends.base.time", self),
            mock.patch("django.core.cache.backends.db.tz_now", self.now),
        ):
            self.stack.enter_context(target)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()


def test_an_unpublished_plan_leaves_the_cached_pages_within_the_freshness_window(
    demo: Any,
) -> None:
    plan = demo.seed_plan
    url, home = reverse("portal:plan", args=[plan.pk]), reverse("portal:home")
    with FakeClock(time.time() + 3600) as clock:
        assert Client().get(url).status_code == 200
        assert url in Client().get(home).content.decode()
        Plan.objects.filter(pk=plan.pk).update(is_published=False)
        # Within the window the copy may still be served (documented: up to 60 s)...
        clock.now_s += CACHE_SECONDS - 1
        assert Client().get(url).status_code == 200
        # ...never after it: neither this process's copy nor the shared one outlives it.
        clock.now_s += 2
        assert Client().get(url).status_code == 404
        assert url not in Client().get(home).content.decode()


def test_an_entry_keeps_only_what_is_left_of_the_pages_freshness(demo: Any) -> None:
    """A page the shared cache already held for 50 s is kept here for its last 10 s only."""
    supervision = Supervision.objects.published().first()
    assert supervision is not None
    url = reverse("portal:conclusion", args=[supervision.pk])
    with FakeClock(time.time() + 7200) as clock:
        Client().get(url)  # rendered now, in the shared cache and here
        pagecache.store.clear()  # as in another worker, which has no copy of its own
        clock.now_s += 50
        Client().get(url)  # from the shared cache, Expires 10 s ahead
        expires = next(iter(pagecache.store.items.values()))[0]
        assert expires == pytest.approx(clock.now_s + 10, abs=1)
        clock.now_s += 11
        assert pagecache.store.get(next(iter(pagecache.store.items))) is None


def test_a_signed_in_user_never_gets_the_anonymous_copy(demo: Any) -> None:
    url = reverse("portal:home")
    Client().get(url)
    assert pagecache.store.items  # the anonymous copy exists
    signed_in = client_for("supervisor")
    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(url)
    assert response.status_code == 200
    # The whole chain ran (the session was read) and the page was rendered for them: neither
    # this process's copy nor the shared cache_page copy was read.
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "django_session" in sql and "plans_plan" in sql and "khcn_cache" not in sql
    assert "private" in response["Cache-Control"]
    # A signed-in visit is never stored for anyone else either.
    pagecache.store.clear()
    signed_in.get(url)
    assert not pagecache.store.items


def test_only_portal_pages_that_opt_in_are_kept(demo: Any) -> None:
    client = Client()
    client.get(reverse("portal:feedback"))  # a form with a CSRF token: never cached
    client.get(reverse("portal:track"))
    client.get("/")  # the platform's own home: not a portal page
    assert not pagecache.store.items
    hidden = Plan.objects.filter(is_published=False).first()
    assert hidden is not None
    assert client.get(reverse("portal:plan", args=[hidden.pk])).status_code == 404
    assert not pagecache.store.items  # a 404 is never kept
