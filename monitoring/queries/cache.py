"""The all-years dashboard, kept while the data has not changed.

The all-years selection ("Tất cả các năm") aggregates every round of a plan: at province
scale ten times the rows of one year (bench/monitoring.py), while almost all of it - the past
years - no longer changes. It is computed once and kept in the shared cache under a key made
of the data version (monitoring/dataversion.py: database triggers change it on every write to
a table the dashboard reads), the filters, the day, the language and everything in the user's
scope that decides what they see (units, roles, read-only grants; the user id too, so no two
users ever share an entry). Any write makes a new key; a change of memberships or grants makes
a new scope and so a new key. A year's selection is the live one during reporting and stays
computed on each request (it is within budget, and the benchmark's ratio keeps measuring the
queries themselves).

The version is read before the data, so an entry is never older than its key says. Entries
also expire after ``CACHE_SECONDS``, which bounds what a lost trigger could ever cost.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection
from django.utils import translation

from core.scoping import scope_for
from monitoring import dataversion
from monitoring.queries.base import Filters

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

log = logging.getLogger(__name__)

CACHE_SECONDS = 15 * 60
# The entry format is part of the key: a process with other code never reads an entry.
KEY_PREFIX = "monitoring:dashboard:z1:"


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


def cache_key(user: User | AnonymousUser, f: Filters, version: int) -> str:
    parts = (
        version,
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


def cached_dashboard(
    user: User | AnonymousUser,
    f: Filters,
    compute: Callable[[User | AnonymousUser, Filters], dict[str, Any]],
) -> dict[str, Any]:
    if not cacheable(f) or not _rollback_safe():
        return compute(user, f)
    version = dataversion.current()  # before the data: the entry is at least this new
    if version is None:
        return compute(user, f)
    key = cache_key(user, f, version)
    kept = cache.get(key)
    if isinstance(kept, bytes):
        return pickle.loads(zlib.decompress(kept))  # noqa: S301 - our own entry, as Django's
    data = compute(user, f)
    try:
        # Compressed (fastest level): a province's all-years dashboard pickles to ~0.7 MB and
        # compresses to a third, which the database cache stores and reads back as base64.
        cache.set(key, zlib.compress(pickle.dumps(data, pickle.HIGHEST_PROTOCOL), 1), CACHE_SECONDS)
    except DatabaseError:  # a busy cache table costs the next request a recomputation only
        log.warning("dashboard not cached", exc_info=True)
    return data
