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
``tests/test_search_cover.py`` fails if the index goes missing (``core.search_index.
sqlite_cover_index``).
"""

from django.db import migrations

from core.search_index import sqlite_cover_index


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_search_trigram_index")]
    operations = [
        sqlite_cover_index(
            "projects_project",
            "project_search_cover",
            (
                "search_text",
                "status",
                "is_published",
                "created_by_id",
                "unit_id",
                "managing_unit_id",
                "id",
            ),
        )
    ]
