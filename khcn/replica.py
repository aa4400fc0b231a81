"""Send the heavy read-only pages to a PostgreSQL read replica (bản sao chỉ đọc).

When ``DATABASE_REPLICA_URL`` is set, settings add a ``replica`` database and this router. A
request reads from the replica only when all of these hold:
- it is a GET/HEAD to a page named in ``REPLICA_URL_NAMES`` (dashboards, compiled reports and
  exports: ``monitoring:*``, ``reviews:*``, names containing ``export``);
- the browser did not write anything in the last ``REPLICA_PIN_SECONDS`` (a write - signing in
  included - sets a short ``khcn_primary`` cookie, so a person who just saved sees their own
  change, not a lagging copy);
- the query is outside a transaction on the primary, and for domain data: sessions, users,
  sign-in lockout, one-time-password devices, the cache and the task queue always use the
  primary.
Writes always go to the primary. A streaming replica is read-only and migrated by replication,
so nothing is ever migrated on it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "khcn_primary"
# Apps whose rows must be read where they were just written.
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions",
        "auth",
        "accounts",
        "contenttypes",
        "admin",
        "axes",
        "otp_totp",
        "django_otp",
        "django_cache",
        "django_tasks_db",
        "notifications",
    }
)

_reading_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_from_replica", default=False
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def in_write_transaction() -> bool:
    return bool(connections["default"].in_atomic_block)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Read domain data from the replica inside this block (when one is configured)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if not _reading_from_replica.get() or not replica_configured():
            return "default"
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        if in_write_transaction():
            return "default"  # reads inside a write transaction see that transaction
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database, two copies

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def routed_to_replica(url_name: str) -> bool:
    return any(fnmatchcase(url_name, pattern) for pattern in settings.REPLICA_URL_NAMES)


class ReplicaMiddleware:
    """Mark the request's reads for the replica (see the module docstring for when)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = None
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                _reading_from_replica.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PIN_COOKIE, "1", max_age=settings.REPLICA_PIN_SECONDS, httponly=True, samesite="Lax"
            )
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        if not replica_configured() or request.method not in ("GET", "HEAD"):
            return
        if request.COOKIES.get(PIN_COOKIE):
            return
        match = request.resolver_match
        if match is not None and routed_to_replica(match.view_name):
            request._replica_token = _reading_from_replica.set(True)  # type: ignore[attr-defined]
