"""Covering index for the search pass on SQLite (chỉ mục phủ cho tìm kiếm; SQLite only).

SQLite has no trigram index: ``search_text LIKE '%word%'`` reads every row. A project row is
wide (title, objectives, dates, keys…: the table is ~48 MB at 100,000 projects) and a search
that few rows match reads all of it for its first pass (``core.pagination``: the keys of at
most 1,000 matches). This index holds only what that pass asks — the folded words, the
visibility columns (status, published, creator, units) and the key — under half the table,
and SQLite scans it instead ("SCAN projects_project USING COVERING INDEX"). At 100,000
projects the rare-phrase search's first pass went from ~105 ms to ~57 ms
(bench/registry_search.py; before/after in the branch's report).

Not on PostgreSQL: it searches by its trigram index (0002), and a B-tree on the text could
exceed PostgreSQL's index row limit (2,704 bytes) for a title of 500 non-Latin characters.
Raw SQL rather than ``Meta.indexes`` for that reason; Django's SQLite table rebuilds (a later
``AddField`` with a default) drop indexes it does not know, so
``projects/tests/test_search_index.py`` fails if the index goes missing — recreate it then
with a migration calling ``create`` again.
"""

from django.db import migrations

INDEX = "project_search_cover"
COLUMNS = "search_text, status, is_published, created_by_id, unit_id, managing_unit_id, id"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON projects_project ({COLUMNS})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_search_trigram_index")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
