"""The registries' search pass on SQLite reads a covering index (core.search_index.
sqlite_cover_index), not the wide table: each index exists (a table rebuild by a later
migration would drop it silently) and the plan of the pager's first pass uses it, for
someone who sees everything and for a scoped user."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from cooperation.models import Agreement
from core.filters import folded_search
from events.models import Event
from experts.models import Expert
from ip.models import IpTitle
from organisations.models import Organisation
from projects.models import Project

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only (PostgreSQL: trigram)"),
]

INDEXES = {
    Project: "project_search_cover",
    Organisation: "organisation_search_cover",
    IpTitle: "iptitle_search_cover",
    Event: "event_search_cover",
    Agreement: "agreement_search_cover",
    Expert: "expert_search_cover",
}


def _plan(queryset: Any) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize("persona", ["monitor", "ward_manager"])
@pytest.mark.parametrize("model", list(INDEXES), ids=lambda m: m.__name__)
def test_search_pass_scans_the_covering_index(demo: Any, model: Any, persona: str) -> None:
    index = INDEXES[model]
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA index_list({model._meta.db_table})")
        assert index in {row[1] for row in cursor.fetchall()}
    visible = model.objects.visible_to(demo.user(persona))
    keys = folded_search(visible, "search_text", "Atisô Lâm Đồng").values_list("pk", flat=True)
    plan = _plan(keys.order_by()[:1001])
    assert f"USING COVERING INDEX {index}" in plan, plan
