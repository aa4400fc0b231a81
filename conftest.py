"""Test base: the demo dataset, loaded once per test database, and named personas.

Personas (STYLE.md §14): ``monitor`` (theodoi, Ban Tuyên giáo — sees everything), ``manager``
(ubnd, UBND thành phố), ``reporter`` (donvi, Đảng bộ Phường 1), ``supervisor`` (mttq),
``outsider`` (ngoai, an unrelated unit in Bảo Lộc), ``admin`` and the anonymous citizen.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from accounts.demo_passwords import DEMO_PASSWORDS

if TYPE_CHECKING:
    from accounts.models import User

PERSONAS = {
    "monitor": "theodoi",
    "manager": "ubnd",
    "reporter": "donvi",
    "supervisor": "mttq",
    "outsider": "ngoai",
    "admin": "admin",
    # Personas of today's units (after the 2025 reorganisation); the ones above belong to
    # bodies dissolved on 30/06/2025 and show the history.
    "ward_reporter": "phuong",
    "ward_leader": "phuong_lanhdao",
    "ward_manager": "ubndphuong",
    "ward_supervisor": "mttqphuong",
}

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told that this is deliberate (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    # Browser tests use a live server, so their database is flushed afterwards: run them last,
    # after the other tests that flush it (the demo is loaded again after each of them).
    def rank(item: Any) -> int:
        if item.get_closest_marker("browser") is not None:
            return 2
        return 1 if item.get_closest_marker("flushes") is not None else 0

    items.sort(key=rank)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        ensure_demo()


#: On SQLite, the test database as it was right after the demo was first loaded (an in-memory
#: copy): a browser test's live server flushes the database afterwards, and copying this back
#: takes a fraction of a second where loading the demo again takes half a minute.
_demo_snapshot: Any = None


def ensure_demo() -> None:
    global _demo_snapshot
    import sqlite3

    from django.db import connection

    from accounts.models import User
    from home.management.commands.load_demo import load_all

    if User.objects.filter(username="theodoi").exists():
        return
    on_sqlite = connection.vendor == "sqlite" and not connection.in_atomic_block
    if on_sqlite and _demo_snapshot is not None:
        connection.ensure_connection()
        _demo_snapshot.backup(connection.connection)
        _forget_process_caches()
        return
    load_all()
    if on_sqlite:
        _demo_snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_demo_snapshot)


def _forget_process_caches() -> None:
    # Rows came back with the keys of the first load; anything this process remembered about
    # the flushed database (content types recreated by the flush, cached pages) is stale.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    clear_caches()


class Demo:
    """Lookups into the demo dataset by stable codes."""

    def unit(self, code: str) -> Any:
        from orgunits.models import OrgUnit

        return OrgUnit.objects.get(code=code)

    def user(self, persona: str) -> User:
        from accounts.models import User

        return User.objects.get(username=PERSONAS.get(persona, persona))

    @property
    def seed_plan(self) -> Any:
        from plans.models import Plan

        return Plan.objects.get(document__isnull=False, parent__isnull=True)

    def task(self, code: str) -> Any:
        return self.seed_plan.tasks.get(code=code)

    @property
    def ward_plan(self) -> Any:
        from plans.models import Plan

        return Plan.objects.get(owner__code="DB-phuong-1")

    @property
    def city_plan(self) -> Any:
        from plans.models import Plan

        return Plan.objects.get(owner__code="UBND-DL")


@pytest.fixture
def demo(db: Any) -> Demo:
    return Demo()


def client_for(persona: str) -> Client:
    client = Client()
    username = PERSONAS[persona]
    assert client.login(username=username, password=DEMO_PASSWORDS[username])
    return client


@pytest.fixture
def as_persona(db: Any) -> Any:
    return client_for


@pytest.fixture
def anonymous() -> Client:
    return Client()


def clear_caches() -> None:
    """Forget cached pages: the shared cache and this process's anonymous portal pages
    (portal/pagecache.py), which a test would otherwise see for their 60 s of freshness."""
    from django.core.cache import cache

    from portal.pagecache import store

    cache.clear()
    store.clear()


@pytest.fixture(autouse=True)
def _fresh_portal_pages() -> None:
    # The anonymous portal page copies live in process memory, not in the test database.
    from portal.pagecache import store

    store.clear()


@pytest.fixture(autouse=True, scope="session")
def _dashboard_computed_in_the_request() -> None:
    """The all-years dashboard is recomputed in the request however long it takes (a loaded
    test machine must not turn a fresh view into a stale one); the background refresh has its
    own tests (monitoring/tests/test_refresh.py), which lower the limit."""
    from django.conf import settings

    settings.MONITORING_SYNC_MS = 10**9
