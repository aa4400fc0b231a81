"""Trigram indexes on the folded search columns (chỉ mục tìm kiếm), for migrations.

``search_text`` holds the record's words folded (no dấu, đ → d, lower case); a search asks
``search_text LIKE '%word%'`` for each word. Without an index PostgreSQL reads the whole table
for that; a GIN index with ``gin_trgm_ops`` (pg_trgm) answers it from the trigrams of the word.
The operations do nothing on SQLite, so every app still migrates there (SQLite's pass over
the column is kept to one by ``core.pagination``).

Usage in a migration::

    operations = [trigram_index("events_event", "event_search_trgm")]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations


def trigram_index(table: str, name: str, column: str = "search_text") -> migrations.RunPython:
    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)


def backfill(
    app_label: str,
    model_name: str,
    column: str,
    build: Callable[[Any], str],
    related: tuple[str, ...] = (),
    batch_size: int = 1000,
) -> migrations.RunPython:
    """Fill a new folded column of existing rows (``build(historical row) -> text``), one bulk
    UPDATE per ``batch_size`` rows read by key, so a table of 100,000 rows migrates in bounded
    steps. Historical models have no methods: ``build`` repeats the model's rule."""

    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        manager = model._default_manager.using(schema_editor.connection.alias)
        last = None
        while True:
            page = manager.order_by("pk").select_related(*related)
            if last is not None:
                page = page.filter(pk__gt=last)
            rows = list(page[:batch_size])
            if not rows:
                return
            for row in rows:
                setattr(row, column, build(row))
            manager.bulk_update(rows, [column], batch_size=batch_size)
            last = rows[-1].pk

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)


def sqlite_cover_index(table: str, name: str, columns: tuple[str, ...]) -> migrations.RunPython:
    """A covering index for the search pass, on SQLite only (chỉ mục phủ cho tìm kiếm).

    SQLite has no trigram index: ``search_text LIKE '%word%'`` reads every row, and a
    registry row is wide (texts, dates, keys, the public search column). An index holding only
    what the pager's first pass asks (``core.pagination``: the keys of at most 1,000 matches)
    — ``search_text``, the columns of the model's ``_visible_q`` and the key — is a fraction
    of the table, and SQLite scans it instead ("USING COVERING INDEX"). Not on PostgreSQL: it
    searches by its trigram index, and a B-tree on the text could exceed its index row limit
    (2,704 bytes) for a long non-Latin title. Raw SQL for that reason, so Django's SQLite table
    rebuilds (a later ``AddField`` with a default) drop it: ``tests/test_search_cover.py``
    fails then, and a new migration calls this again."""

    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        cols = ", ".join(f'"{c}"' for c in columns)
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({cols})')

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)
