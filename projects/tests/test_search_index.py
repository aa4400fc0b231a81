"""The projects' search pass on SQLite reads the covering index (migration 0003), not the
wide table: the index exists (a table rebuild by a later migration would drop it silently)
and the plan of the pager's first pass uses it, for everyone and for a scoped user."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from core.filters import folded_search
from projects.models import Project

pytestmark = pytest.mark.django_db


def _plan(queryset: Any) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only (PostgreSQL: trigram)")
@pytest.mark.parametrize("persona", ["monitor", "ward_manager"])
def test_search_pass_scans_the_covering_index(demo: Any, persona: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA index_list(projects_project)")
        assert "project_search_cover" in {row[1] for row in cursor.fetchall()}
    visible = Project.objects.visible_to(demo.user(persona))
    keys = folded_search(visible, "search_text", "Atisô Lâm Đồng").values_list("pk", flat=True)
    plan = _plan(keys.order_by()[:1001])
    assert "USING COVERING INDEX project_search_cover" in plan, plan
