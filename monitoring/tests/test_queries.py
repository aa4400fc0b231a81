"""The dashboard's numbers on a small history whose every cell is known (see fixtures.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.text import text_key
from monitoring import queries
from monitoring.queries import Filters
from monitoring.tests.fixtures import TODAY, World, add_units, build


@pytest.fixture
def world(db: Any) -> World:
    return build()


def filters(w: World, **kwargs: Any) -> Filters:
    return Filters(plan_id=w.plan.pk, today=TODAY, **kwargs)


def heat(data: dict[str, Any]) -> dict[str, list[str | None]]:
    return {
        row["unit"]: [c["kind"] if c else None for c in row["cells"]]
        for row in data["heatmap"]["rows"]
    }


def test_heatmap_cells_follow_status_and_dates(world: World, demo: Any) -> None:
    data = queries.dashboard(demo.user("monitor"), filters(world))
    assert heat(data) == {
        "Đơn vị A": ["on_time", "late", "submitted"],
        "Đơn vị A1": ["returned", "missing", None],
        "Đơn vị B": ["on_time", "missing", "on_time"],
    }
    assert [r["label"] for r in data["rounds"]] == ["Quý 1/2024", "Quý 2/2024", "Quý 3/2024"]


def test_a_draft_before_its_deadline_is_a_draft_not_missing(world: World, demo: Any) -> None:
    import datetime

    data = queries.dashboard(
        demo.user("monitor"), Filters(plan_id=world.plan.pk, today=datetime.date(2024, 7, 1))
    )
    assert heat(data)["Đơn vị A1"][1] == "draft"
    assert heat(data)["Đơn vị B"][1] == "draft"


def test_completeness_and_timeliness(world: World, demo: Any) -> None:
    data = queries.dashboard(demo.user("monitor"), filters(world))
    totals = data["totals"]
    assert (totals["due"], totals["received"], totals["on_time"], totals["missing"]) == (8, 5, 4, 3)
    assert totals["completeness"] == 62.5
    assert totals["timeliness"] == 80.0
    by_round = {r["label"]: (r["due"], r["received"], r["completeness"]) for r in data["by_round"]}
    assert by_round == {
        "Quý 1/2024": (3, 2, 66.7),
        "Quý 2/2024": (3, 1, 33.3),
        "Quý 3/2024": (2, 2, 100.0),
    }


def test_sub_units_aggregate_their_subtrees(world: World, demo: Any) -> None:
    root = Filters(plan_id=world.plan.pk, today=TODAY, unit=world.units["R"])
    rows = {r["unit"]: r for r in queries.dashboard(demo.user("monitor"), root)["by_unit"]}
    assert set(rows) == {"Đơn vị A", "Đơn vị B"}
    assert (rows["Đơn vị A"]["due"], rows["Đơn vị A"]["received"]) == (5, 3)
    assert rows["Đơn vị A"]["completeness"] == 60.0
    assert rows["Đơn vị B"]["completeness"] == 66.7


def test_drill_down_restricts_every_section_to_the_subtree(world: World, demo: Any) -> None:
    data = queries.dashboard(demo.user("monitor"), filters(world, unit=world.units["A"]))
    assert set(heat(data)) == {"Đơn vị A", "Đơn vị A1"}
    assert [(r["unit"], r["level"]) for r in data["heatmap"]["rows"]] == [
        ("Đơn vị A", 0),
        ("Đơn vị A1", 1),
    ]
    assert {r["unit"] for r in data["by_unit"]} == {"Đơn vị A", "Đơn vị A1"}
    assert data["totals"]["due"] == 5
    assert [i["title"] for i in data["issues"]["issues"]] == ["Vướng mắc của A"]
    assert all(u["unit"] != "Đơn vị B" for d in data["difficulties"] for u in d["units"])
    assert [u["unit"] for u in data["progress_by_unit"]] == ["Đơn vị A"]


def test_progress_by_task_group_and_unit_uses_the_current_rounds_received_reports(
    world: World, demo: Any
) -> None:
    data = queries.dashboard(demo.user("monitor"), filters(world, unit=world.units["R"]))
    assert data["current_round"] == "Quý 3/2024"
    groups = {g["group"]: g["progress"] for g in data["progress_by_group"]}
    assert groups == {"II.1": 55.0, "II.2": 50.0}
    units = {u["unit"]: u["progress"] for u in data["progress_by_unit"]}
    assert units == {"Đơn vị A": 45.0, "Đơn vị B": 70.0}


def test_stalled_tasks_did_not_progress_over_the_last_two_rounds(world: World, demo: Any) -> None:
    stalled = queries.dashboard(demo.user("monitor"), filters(world))["stalled"]
    assert stalled["count"] == 1
    [task] = stalled["tasks"]
    assert task["code"] == "II.1"
    assert task["units"] == [{"unit": "Đơn vị A", "progress": 40}]


def test_recurring_difficulties_are_grouped_by_folded_text(world: World, demo: Any) -> None:
    root = filters(world, unit=world.units["R"])
    groups = queries.dashboard(demo.user("monitor"), root)["difficulties"]
    assert len(groups) == 1  # "Chưa có hướng dẫn" was reported once: not recurring
    assert groups[0]["count"] == 3
    # The child units that raised it, most often first, each counting its subtree.
    assert groups[0]["units"] == [
        {"unit": "Đơn vị A", "count": 2},
        {"unit": "Đơn vị B", "count": 1},
    ]
    assert groups[0]["more_units"] == 0
    assert text_key("THIẾU KINH PHÍ, thực hiện!") == "thieu kinh phi thuc hien"


def test_with_a_single_root_the_dashboard_starts_at_it(world: World, demo: Any) -> None:
    from orgunits.models import OrgUnit

    monitor = demo.user("monitor")
    assert queries.default_unit(monitor) is None  # the demo registry has several roots
    # Make R the registry's only root. Only the parent links are changed (the other trees'
    # paths are left stale): this plan's reports are all under R, and nothing else is read.
    others = OrgUnit.objects.filter(parent__isnull=True).exclude(pk=world.units["R"].pk)
    others.update(parent=world.units["R"])
    assert queries.default_unit(monitor) == world.units["R"]
    data = queries.dashboard(monitor, filters(world))
    assert {r["unit"] for r in data["by_unit"]} == {"Đơn vị A", "Đơn vị B"}
    assert data["difficulties"][0]["units"][0] == {"unit": "Đơn vị A", "count": 2}
    # The same figures as the root chosen explicitly with another root beside it.
    assert data["totals"]["due"] == 8
    assert {u["unit"]: u["progress"] for u in data["progress_by_unit"]} == {
        "Đơn vị A": 45.0,
        "Đơn vị B": 70.0,
    }


def test_overdue_reports_and_open_issues(world: World, demo: Any) -> None:
    data = queries.dashboard(demo.user("monitor"), filters(world))
    overdue = data["overdue"]
    assert overdue["count"] == 3
    assert [(r["unit__name"], r["round__label"]) for r in overdue["reports"]] == [
        ("Đơn vị A1", "Quý 1/2024"),
        ("Đơn vị A1", "Quý 2/2024"),
        ("Đơn vị B", "Quý 2/2024"),
    ]
    issues = data["issues"]
    assert issues["count"] == 2
    assert [i["title"] for i in issues["issues"]] == ["Vướng mắc của A", "Vướng mắc của B"]
    assert issues["issues"][0]["overdue"] is True


def test_year_filter(world: World, demo: Any) -> None:
    assert queries.dashboard(demo.user("monitor"), filters(world, year=2023))["rounds"] == []
    assert len(queries.dashboard(demo.user("monitor"), filters(world, year=2024))["rounds"]) == 3
    assert queries.years(demo.user("monitor"), world.plan.pk) == [2024]


def test_a_unit_user_sees_only_its_subtree(world: World) -> None:
    data = queries.dashboard(world.unit_user, filters(world))
    assert set(heat(data)) == {"Đơn vị A", "Đơn vị A1"}
    assert data["totals"]["due"] == 5
    assert [i["title"] for i in data["issues"]["issues"]] == ["Vướng mắc của A"]
    assert {r["unit__name"] for r in data["overdue"]["reports"]} == {"Đơn vị A1"}
    assert [d["units"] for d in data["difficulties"]] == [[{"unit": "Đơn vị A", "count": 2}]]
    assert queries.default_unit(world.unit_user) == world.units["A"]


def test_the_outsider_sees_no_reports_at_all(world: World, demo: Any) -> None:
    data = queries.dashboard(demo.user("outsider"), filters(world))
    assert data["heatmap"]["rows"] == []
    assert data["totals"]["expected"] == 0
    assert data["issues"]["count"] == 0
    assert data["difficulties"] == []
    assert data["stalled"]["count"] == 0


def test_the_number_of_queries_does_not_grow_with_the_data(world: World, demo: Any) -> None:
    monitor = demo.user("monitor")
    queries.dashboard(monitor, filters(world))  # scope cached on the user object

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            queries.live_dashboard(monitor, filters(world, unit=world.units["R"]))
        return len(ctx.captured_queries)

    small = count()
    add_units(world, 6)
    add_units(world, 4, prefix="Y")
    assert count() == small
    assert small <= 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner statistics")
def test_postgresql_knows_how_many_child_units_each_tree_level_has(db: Any) -> None:
    """The statistics of orgunits 0002 cover the very expression the child grouping emits."""
    from importlib import import_module

    migration = import_module("orgunits.migrations.0002_guard_constraints_and_path_statistics")
    assert migration.SEGMENT == queries.SEGMENT
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pg_get_statisticsobjdef_expressions(oid) FROM pg_statistic_ext "
            "WHERE stxname LIKE 'orgunit_path_prefix_%%' ORDER BY stxname"
        )
        expressions = [row[0][0] for row in cur.fetchall()]
    assert len(expressions) == migration.LEVELS
    assert f"1, {queries.SEGMENT * 2})" in expressions[1]


def test_a_drafts_difficulties_stay_with_its_unit(world: World, demo: Any) -> None:
    """The office counts difficulties of reports that reached it, never the text of a unit's
    draft (reporting: drafts are private to the unit)."""
    from reporting.models import ReportStatus, TaskReport, UnitReport

    root = filters(world, unit=world.units["R"])
    monitor = demo.user("monitor")
    assert queries.dashboard(monitor, root)["difficulties"][0]["count"] == 3
    sections = TaskReport.objects.filter(
        unit_report__round__plan=world.plan, difficulty_key="thieu kinh phi thuc hien"
    )
    drafted = sections.first()
    assert drafted is not None
    UnitReport.objects.filter(pk=drafted.unit_report_id).update(status=ReportStatus.DRAFT)
    groups = queries.dashboard(monitor, root)["difficulties"]
    assert sum(g["count"] for g in groups if g["text"].lower().startswith("thiếu kinh phí")) < 3
