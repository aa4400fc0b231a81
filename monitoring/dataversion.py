"""The dashboard's data version (phiên bản dữ liệu): a number that changes whenever a table the
dashboard reads changes, so a computed dashboard can be kept and served again until then.

Bumped by database triggers, not by application code, so every write counts: actions, the
API, bulk creates and updates (``QuerySet.update``, ``bulk_update``), imports, raw SQL and the
admin alike. The trigger adds one to a shard of ``DataVersion`` inside the writing
transaction, so the new version becomes visible exactly when the data does; a reader reads the
version *before* the data (read committed: later statements see at least that much), so a
dashboard kept under a version is never older than the version says.

The triggers are (re)installed after every ``migrate`` (``post_migrate``, see apps.py):
SQLite drops a table's triggers when a migration rebuilds the table, and a dropped trigger
would mean a dashboard that never refreshes. ``current()`` also refuses to name a version when
the shards are missing (a flushed table), and then nothing is cached.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, router
from django.db.models import F

from monitoring.models import DataVersion

SHARDS = 64

# Every table the dashboard's figures, names and labels come from (by model label, so a renamed
# table follows). Memberships and read grants are not here: they change the user's scope,
# which is part of the cache key itself.
WATCHED_MODELS = (
    "reporting.UnitReport",
    "reporting.TaskReport",
    "reporting.ReportingRound",
    "reporting.Issue",
    "orgunits.OrgUnit",
    "plans.Plan",
    "plans.Section",
    "plans.Task",
)

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION monitoring_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    s integer;
BEGIN
    -- The first shard no other transaction holds (one this transaction already holds
    -- qualifies), so writers neither wait for each other nor lock in different orders.
    SELECT shard INTO s FROM monitoring_dataversion ORDER BY shard
        FOR UPDATE SKIP LOCKED LIMIT 1;
    IF s IS NULL THEN
        s := (txid_current() % {SHARDS})::integer;  -- every shard busy: wait for one
    END IF;
    UPDATE monitoring_dataversion SET n = n + 1 WHERE shard = s;
    RETURN NULL;
END $$;
"""


def watched_tables() -> list[str]:
    from django.apps import apps

    return [apps.get_model(label)._meta.db_table for label in WATCHED_MODELS]


def trigger_names(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [f"monitoring_version_{table}" for table in watched_tables()]
    return [
        f"monitoring_version_{table}_{op}"
        for table in watched_tables()
        for op in ("insert", "update", "delete")
    ]


def install(using: str = "default") -> None:
    """Create the shards that are missing and (re)create the triggers; idempotent."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    tables = set(connection.introspection.table_names())
    if DataVersion._meta.db_table not in tables or not set(watched_tables()) <= tables:
        return  # migrated only part of the way: the next migrate installs them
    existing = set(DataVersion.objects.using(using).values_list("shard", flat=True))
    DataVersion.objects.using(using).bulk_create(
        [DataVersion(shard=s) for s in range(SHARDS) if s not in existing]
    )
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(_PG_FUNCTION)
            for table in watched_tables():
                name = f"monitoring_version_{table}"
                cur.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
                # Once per statement: a bulk write of thousands of sections bumps once.
                cur.execute(
                    f'CREATE TRIGGER "{name}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                    f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION monitoring_bump_version()'
                )
        else:
            # SQLite has row triggers only; its writers are serialised anyway, so one shard.
            for table in watched_tables():
                for op in ("insert", "update", "delete"):
                    cur.execute(
                        f'CREATE TRIGGER IF NOT EXISTS "monitoring_version_{table}_{op}" '
                        f'AFTER {op.upper()} ON "{table}" BEGIN '
                        "UPDATE monitoring_dataversion SET n = n + 1 WHERE shard = 0; END"
                    )


def installed_triggers(using: str = "default") -> set[str]:
    connection = connections[using]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'monitoring_version_%'")
        else:
            cur.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'monitoring_version_%'"
            )
        return {row[0] for row in cur.fetchall()}


def current() -> int | None:
    """The data version, or None when it cannot be trusted (shards missing: do not cache).

    Read from the database the dashboard's own queries read (a replica, when routed there),
    so the version and the data describe the same copy."""
    using = router.db_for_read(DataVersion)
    with connections[using].cursor() as cur:
        cur.execute("SELECT count(*), sum(n) FROM monitoring_dataversion")
        row: Any = cur.fetchone()
    if row is None or row[0] != SHARDS:
        return None
    return int(row[1])


def bump(using: str = "default") -> None:
    """Add one by hand (the benchmark's cold measurement; tests)."""
    DataVersion.objects.using(using).filter(shard=0).update(n=F("n") + 1)
