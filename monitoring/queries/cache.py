"""The all-years dashboard, kept while the data has not changed, and refreshed in the
background when recomputing it would keep the user waiting.

The all-years selection ("Tất cả các năm") aggregates every round of a plan: at province
scale ten times the rows of one year (bench/monitoring.py), while almost all of it - the past
years - no longer changes. It is computed once and kept in the shared cache, one entry per
view: the filters, the day, the language and everything in the user's scope that decides what
they see (units, roles, read-only grants; the user id too, so no two users ever share an
entry). The entry carries the data version it was computed at (monitoring/dataversion.py:
database triggers change it on every write to a table the dashboard reads) and how long the
computation took. A change of memberships or grants makes a new scope and so a new entry.

Serving (``served_dashboard``):
- the entry's version is the current one: it is served as is (fresh);
- the data changed since, and the computation is cheap (under ``SYNC_MS``: a ward's, a
  district's, the demo's): it is computed again for this request, so small views are always
  current;
- the data changed since, and the computation is expensive (a whole province: ~0.3 s on
  PostgreSQL, several on SQLite): the entry is served *stale*, with the time it was computed,
  while the worker recomputes it (one refresh per view at a time, ``monitoring.tasks``); the
  page says so and offers the new figures as soon as they are ready. An entry older than
  ``STALE_SECONDS`` is never served stale (a stopped worker costs waiting, not old figures).
A year's selection is the live one during reporting and stays computed on each request (it is
within budget, and the benchmark's ratio keeps measuring the queries themselves).

Each morning (``DASHBOARD_WARM_AT``, after the rounds open) the worker computes the day's
entries of the expensive views opened in the last ``MONITORING_WARM_DAYS`` days (``warm``):
the day is part of the key, and a province officer's first view of the day would otherwise
wait for the computation.

The version is read before the data, so an entry is never older than its version says. An
entry at the current version is recomputed anyway once it is ``REVALIDATE_SECONDS`` old (in
the background when that is expensive, serving it meanwhile), which bounds what a lost trigger
could ever cost; entries live at most a day (the day is part of the key).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import pickle
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation

from core.scoping import scope_for
from monitoring import dataversion
from monitoring.queries.base import Filters, visible_plans

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

log = logging.getLogger(__name__)

Compute = Callable[["User | AnonymousUser", Filters], dict[str, Any]]

CACHE_SECONDS = 24 * 3600
REVALIDATE_SECONDS = 15 * 60
# The entry format is part of the key: a process with other code never reads an entry.
KEY_PREFIX = "monitoring:dashboard:z2:"
# How long a refresh may be pending before another request may ask for one again (a worker
# that died with it; the lease requeues the task itself, this only unblocks new requests).
REFRESH_LOCK_SECONDS = 120
# The expensive views opened lately (``remember``), for the morning's warm-up; at most this many.
VIEWS_KEY = "monitoring:dashboard:views:v1"
VIEWS_LIMIT = 500


def sync_ms() -> float:
    """Computations up to this long (ms) are redone for the request; longer ones are
    refreshed in the background while the last figures are served."""
    return float(getattr(settings, "MONITORING_SYNC_MS", 150))


def stale_seconds() -> float:
    """The oldest figures ever served while a refresh runs."""
    return float(getattr(settings, "MONITORING_STALE_SECONDS", 300))


@dataclass(frozen=True)
class Served:
    """The dashboard's data as served, with when it was computed and whether the data has
    changed since (a refresh is then on its way)."""

    data: dict[str, Any]
    as_of: datetime.datetime
    stale: bool = False


@dataclass(frozen=True)
class Entry:
    version: int
    computed_at: datetime.datetime
    compute_ms: float
    blob: bytes

    def data(self) -> dict[str, Any]:
        return pickle.loads(zlib.decompress(self.blob))  # noqa: S301 - our own entry


def scope_signature(user: User | AnonymousUser) -> tuple[Any, ...]:
    """Everything in the user's scope that decides which rows and texts they see."""
    scope = scope_for(user)
    return (
        scope.user_id,
        scope.is_superuser,
        scope.sees_everything,
        tuple(sorted(scope.unit_paths)),
        tuple(sorted(str(pk) for pk in scope.unit_ids)),
        tuple(sorted(scope.roles)),
        tuple(sorted(scope.grants)),
        tuple(sorted(scope.read_grants)),
    )


def cache_key(user: User | AnonymousUser, f: Filters) -> str:
    parts = (
        str(f.plan_id),
        f.year,
        str(f.unit.pk) if f.unit is not None else None,
        f.unit.path if f.unit is not None else None,
        f.whole_tree,
        f.day.isoformat(),
        translation.get_language(),
        scope_signature(user),
    )
    return KEY_PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()


def cacheable(f: Filters) -> bool:
    """Only the all-years selection, and only as the views ask for it (no precomputed rounds)."""
    return f.year is None and f.round_ids is None


def _rollback_safe() -> bool:
    """Inside a transaction that may still roll back, the version seen includes its own
    uncommitted bumps: an entry stored under it is only safe in a cache that rolls back too
    (the database cache, the default). A process-memory cache is not used there."""
    if not connection.in_atomic_block:
        return True
    return isinstance(caches["default"], DatabaseCache)


def _read(key: str) -> Entry | None:
    kept = cache.get(key)
    return kept if isinstance(kept, Entry) else None


def compute_and_keep(
    user: User | AnonymousUser,
    f: Filters,
    key: str,
    version: int,
    compute: Compute,
    *,
    viewed: bool = False,
) -> Served:
    """Compute now and keep the result, unless a newer one was kept meanwhile (``viewed``: for
    a user's request, which the morning's warm-up then remembers if it was expensive)."""
    started = time.perf_counter()
    computed_at = timezone.now()
    data = compute(user, f)
    elapsed = (time.perf_counter() - started) * 1000
    try:
        kept = _read(key)
        if kept is None or kept.version <= version:
            # Compressed (fastest level): a province's all-years dashboard pickles to ~0.7 MB
            # and compresses to a third, which the database cache stores as base64.
            blob = zlib.compress(pickle.dumps(data, pickle.HIGHEST_PROTOCOL), 1)
            cache.set(key, Entry(version, computed_at, elapsed, blob), CACHE_SECONDS)
        if viewed and elapsed > sync_ms():
            remember(user, f)
    except DatabaseError:  # a busy cache table costs the next request a recomputation only
        log.warning("dashboard not cached", exc_info=True)
    return Served(data, computed_at)


def served_dashboard(user: User | AnonymousUser, f: Filters, compute: Compute) -> Served:
    now = timezone.now()
    if not cacheable(f) or not _rollback_safe():
        return Served(compute(user, f), now)
    version = dataversion.current()  # before the data: the entry is at least this new
    if version is None:
        return Served(compute(user, f), now)
    key = cache_key(user, f)
    entry = _read(key)
    if entry is not None:
        age = (now - entry.computed_at).total_seconds()
        expensive = entry.compute_ms > sync_ms()
        if expensive:
            remember(user, f)
        if entry.version == version:
            if age < REVALIDATE_SECONDS:
                return Served(entry.data(), entry.computed_at)
            if expensive:  # current as far as the triggers know: checked in the background
                request_refresh(user, f, key)
                return Served(entry.data(), entry.computed_at)
        elif entry.version < version and expensive and age < stale_seconds():
            request_refresh(user, f, key)
            return Served(entry.data(), entry.computed_at, stale=True)
    return compute_and_keep(user, f, key, version, compute, viewed=True)


def is_fresh(user: User | AnonymousUser, f: Filters) -> bool:
    """Whether the kept entry of this view is computed at the current data version (the
    page's "new figures ready" check: two small reads, no computation)."""
    version = dataversion.current()
    entry = _read(cache_key(user, f))
    return version is not None and entry is not None and entry.version == version


def request_refresh(user: User | AnonymousUser, f: Filters, key: str) -> None:
    """Queue one background recomputation of this view (not another while one is pending)."""
    from monitoring.tasks import refresh_dashboard_task

    lock = key + ":refresh"
    try:
        if not cache.add(lock, 1, REFRESH_LOCK_SECONDS):
            return
    except DatabaseError:
        log.warning("dashboard refresh not queued", exc_info=True)
        return
    user_id, plan_id, unit_id, language = _view_args(user, f)
    args = (user_id, plan_id, unit_id, f.day.isoformat(), language)

    def enqueue() -> None:
        try:
            refresh_dashboard_task.enqueue(*args)
        except DatabaseError:
            cache.delete(lock)
            log.warning("dashboard refresh not queued", exc_info=True)

    transaction.on_commit(enqueue)


def refresh(
    user_id: str, plan_id: str, unit_id: str, day: str, language: str, compute: Compute
) -> bool:
    """The worker's side of ``request_refresh``: recompute the view as that user sees it now.
    False when there is nothing to refresh (the user, the plan or the unit is gone, or out of
    the user's scope), as the page would answer 404."""
    import uuid

    from accounts.models import User
    from orgunits.models import OrgUnit

    user = User.objects.filter(pk=user_id, is_active=True).first()
    unit = OrgUnit.objects.filter(pk=uuid.UUID(unit_id)).first() if unit_id else None
    f = Filters(plan_id=uuid.UUID(plan_id), unit=unit, today=datetime.date.fromisoformat(day))
    with translation.override(language):
        if user is None or f.plan_id not in {p["pk"] for p in visible_plans(user)}:
            return False
        if unit_id and (unit is None or not scope_for(user).contains_path(unit.path)):
            return False
        key = cache_key(user, f)
        try:
            version = dataversion.current()
            if version is None:
                return False
            compute_and_keep(user, f, key, version, compute)
        finally:
            cache.delete(key + ":refresh")
    return True


def _view_args(user: User | AnonymousUser, f: Filters) -> tuple[str, str, str, str]:
    """What the worker needs to compute a view again as that user sees it (plain values)."""
    return (
        str(user.pk),
        str(f.plan_id),
        str(f.unit.pk) if f.unit is not None else "",
        translation.get_language() or settings.LANGUAGE_CODE,
    )


def remember(user: User | AnonymousUser, f: Filters) -> None:
    """Note an expensive view for the morning's warm-up (the last VIEWS_LIMIT seen), once a
    day per view. A busy cache table only costs that view its warm-up."""
    args = _view_args(user, f)
    seen_key = VIEWS_KEY + hashlib.sha256(repr((args, f.day)).encode()).hexdigest()
    try:
        if not cache.add(seen_key, 1, 24 * 3600):
            return
        views = cache.get(VIEWS_KEY)
        views = dict(views) if isinstance(views, dict) else {}
        views[args] = f.day.isoformat()
        if len(views) > VIEWS_LIMIT:
            views = dict(sorted(views.items(), key=lambda item: item[1])[-VIEWS_LIMIT:])
        cache.set(VIEWS_KEY, views, CACHE_SECONDS * 30)
    except DatabaseError:
        log.warning("dashboard view not remembered", exc_info=True)


def warm(day: datetime.date, compute: Compute) -> int:
    """Compute the day's entries of the expensive views opened in the last
    MONITORING_WARM_DAYS days (the morning job); returns how many were computed. A view whose
    user or unit is gone or out of scope, or not opened for that long, is forgotten."""
    views = cache.get(VIEWS_KEY)
    if not isinstance(views, dict):
        return 0
    since = (day - datetime.timedelta(days=settings.MONITORING_WARM_DAYS)).isoformat()
    done = 0
    forget = set()
    for args, seen in views.items():
        user_id, plan_id, unit_id, language = args
        if seen < since:
            forget.add(args)
            continue
        try:
            computed = refresh(user_id, plan_id, unit_id, day.isoformat(), language, compute)
        except Exception:  # one view's failure must not leave the others cold
            log.exception("dashboard warm-up failed for one view")
            continue
        if not computed:
            forget.add(args)
            continue
        done += 1
    # Read again: views first opened while this ran were added meanwhile.
    latest = cache.get(VIEWS_KEY)
    latest = dict(latest) if isinstance(latest, dict) else {}
    cache.set(
        VIEWS_KEY,
        {args: seen for args, seen in latest.items() if args not in forget},
        CACHE_SECONDS * 30,
    )
    return done
