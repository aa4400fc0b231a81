"""The kept all-years dashboard (monitoring/queries/cache.py) equals the live computation: on
the demo data for every persona, and after every kind of write to every table it reads
(the data version's triggers, monitoring/dataversion.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Role
from core.text import text_key
from monitoring import dataversion, queries
from monitoring.queries import Filters
from monitoring.queries.cache import cacheable
from orgunits.models import OrgUnit
from plans.models import Plan, Section, Task
from reporting.models import (
    Issue,
    IssueStatus,
    ReportingRound,
    ReportStatus,
    TaskReport,
    UnitReport,
)

PERSONAS = ["monitor", "manager", "reporter", "supervisor", "outsider", "admin", "ward_reporter"]
TODAY = datetime.date(2025, 11, 25)


def plans_with_rounds() -> list[Any]:
    return list(Plan.objects.filter(pk__in=ReportingRound.objects.values("plan_id")))


def all_years(plan: Any) -> Filters:
    return Filters(plan_id=plan.pk, today=TODAY)


def both(user: Any, f: Filters) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dashboard as served (kept when possible) and as computed now."""
    return queries.dashboard(user, f), queries.live_dashboard(user, f)


def test_the_triggers_are_installed_on_every_watched_table(db: Any) -> None:
    assert dataversion.installed_triggers() == set(dataversion.trigger_names(connection.vendor))
    assert dataversion.current() is not None


def test_migrate_reinstalls_dropped_triggers(db: Any) -> None:
    """A migration that rebuilds a table (SQLite) drops its triggers: migrate puts them back."""
    table = UnitReport._meta.db_table
    name = dataversion.trigger_names(connection.vendor)[0]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f'DROP TRIGGER "{name}" ON "{table}"')
        else:
            cur.execute(f'DROP TRIGGER "{name}"')
    assert name not in dataversion.installed_triggers()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    assert name in dataversion.installed_triggers()


@pytest.mark.parametrize("persona", PERSONAS)
def test_kept_dashboard_equals_the_live_one_for_every_persona(persona: str, demo: Any) -> None:
    user = demo.user(persona)
    plans = plans_with_rounds()
    assert plans
    for plan in plans:
        f = all_years(plan)
        first, live = both(user, f)
        assert first == live
        # The second request is served from the cache: the version and the entry, nothing else.
        with CaptureQueriesContext(connection) as ctx:
            again = queries.dashboard(user, f)
        assert again == live
        assert len(ctx.captured_queries) <= 3, [q["sql"] for q in ctx.captured_queries]


def test_each_user_keeps_their_own_scope(demo: Any) -> None:
    """The monitoring office's entry never answers a unit user (other units, their drafts)."""
    plan = demo.seed_plan
    f = all_years(plan)
    monitor, outsider = demo.user("monitor"), demo.user("outsider")
    seen = queries.dashboard(monitor, f)
    assert seen["heatmap"]["rows"]
    theirs = queries.dashboard(outsider, f)
    assert theirs == queries.live_dashboard(outsider, f)
    assert theirs["heatmap"]["rows"] != seen["heatmap"]["rows"]


def test_a_new_membership_changes_what_is_kept(demo: Any) -> None:
    outsider = demo.user("outsider")
    plan = demo.seed_plan
    f = all_years(plan)
    before = queries.dashboard(outsider, f)
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    assert root is not None
    Membership.objects.create(user=outsider, unit=root, role=Role.MONITOR)
    outsider = demo.user("outsider")  # a fresh user object: the scope is read again
    after, live = both(outsider, f)
    assert after == live
    assert after != before


def _report(plan: Any) -> UnitReport:
    report = (
        UnitReport.objects.filter(round__plan=plan, status=ReportStatus.ACCEPTED)
        .order_by("pk")
        .first()
    )
    assert report is not None
    return report


def _section(plan: Any) -> TaskReport:
    section = (
        TaskReport.objects.filter(unit_report__round__plan=plan, progress__isnull=False)
        .order_by("pk")
        .first()
    )
    assert section is not None
    return section


# Every kind of write, on every table the dashboard reads: save, QuerySet.update,
# bulk_update, delete, raw SQL. Each changes something the monitoring office sees.
def _report_status(plan: Any) -> None:
    report = _report(plan)
    report.status = ReportStatus.RETURNED
    report.save(update_fields=["status"])


def _report_queryset_update(plan: Any) -> None:
    UnitReport.objects.filter(pk=_report(plan).pk).update(status=ReportStatus.DRAFT)


def _report_delete(plan: Any) -> None:
    _report(plan).delete()


def _section_bulk_update(plan: Any) -> None:
    sections = list(
        TaskReport.objects.filter(
            unit_report__round__plan=plan, unit_report__status=ReportStatus.ACCEPTED
        ).order_by("pk")[:2]
    )
    assert len(sections) == 2
    for section in sections:  # a difficulty now raised twice: it recurs
        section.difficulties = "Khó khăn mới xuất hiện"
        section.difficulty_key = text_key(section.difficulties)
    TaskReport.objects.bulk_update(sections, ["difficulties", "difficulty_key"])


def _section_raw_sql(plan: Any) -> None:
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {TaskReport._meta.db_table} SET progress = 0, previous_progress = 50 "
            "WHERE round_id IN (SELECT id FROM reporting_reportinground WHERE plan_id = %s)",
            [plan.pk.hex if connection.vendor == "sqlite" else plan.pk],
        )


def _round_deadline(plan: Any) -> None:
    ReportingRound.objects.filter(plan=plan).update(due_date=datetime.date(2100, 1, 1))


def _issue_status(plan: Any) -> None:
    issue = Issue.objects.filter(plan=plan).order_by("pk").first()
    if issue is None:
        issue = Issue.objects.create(plan=plan, owner=plan.owner, title="Vướng mắc mới")
    else:
        issue.status = (
            IssueStatus.CLOSED if issue.status != IssueStatus.CLOSED else IssueStatus.OPEN
        )
        issue.save()


def _unit_rename(plan: Any) -> None:
    unit = _report(plan).unit
    unit.name = "Đơn vị đổi tên"
    unit.save()


def _section_heading(plan: Any) -> None:
    Section.objects.filter(plan=plan).update(label="Z")


def _task_code(plan: Any) -> None:
    Task.objects.filter(plan=plan).update(code="Z-1", title="Nhiệm vụ đổi tên")


def _plan_title(plan: Any) -> None:
    Plan.objects.filter(pk=plan.pk).update(title="Kế hoạch đổi tên")


WRITES: list[Callable[[Any], None]] = [
    _report_status,
    _report_queryset_update,
    _report_delete,
    _section_bulk_update,
    _section_raw_sql,
    _round_deadline,
    _issue_status,
    _unit_rename,
    _section_heading,
    _task_code,
]


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.__name__.strip("_"))
def test_every_kind_of_write_refreshes_the_kept_dashboard(
    write: Callable[[Any], None], demo: Any
) -> None:
    monitor = demo.user("monitor")
    plan = demo.seed_plan
    f = all_years(plan)
    queries.dashboard(monitor, f)  # kept now
    version = dataversion.current()
    write(plan)
    assert dataversion.current() != version
    after, live = both(monitor, f)
    assert after == live


def test_writes_that_change_the_figures_are_seen(demo: Any) -> None:
    """The comparison above cannot pass by both sides being stale: a status change moves the
    counts of the live computation, and the kept one follows."""
    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    before = queries.dashboard(monitor, f)
    _report_queryset_update(demo.seed_plan)
    after = queries.dashboard(monitor, f)
    assert after["totals"] != before["totals"]
    assert after == queries.live_dashboard(monitor, f)


def test_plan_writes_move_the_version(demo: Any) -> None:
    version = dataversion.current()
    _plan_title(demo.seed_plan)
    assert dataversion.current() != version


def test_a_year_is_computed_live(demo: Any) -> None:
    monitor = demo.user("monitor")
    plan = demo.seed_plan
    year = queries.default_year(queries.years(monitor, plan.pk), TODAY)
    f = Filters(plan_id=plan.pk, year=year, today=TODAY)
    assert not cacheable(f)
    assert queries.dashboard(monitor, f) == queries.live_dashboard(monitor, f)


def test_missing_shards_mean_no_cache(demo: Any) -> None:
    from monitoring.models import DataVersion

    DataVersion.objects.filter(shard=1).delete()
    assert dataversion.current() is None
    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    queries.dashboard(monitor, f)
    _report_queryset_update(demo.seed_plan)  # no version to move: must not be served stale
    assert queries.dashboard(monitor, f) == queries.live_dashboard(monitor, f)


def test_a_memory_cache_is_not_used_inside_a_transaction(demo: Any, settings: Any) -> None:
    """A process-memory cache survives a rollback, the version does not: an entry stored inside
    a transaction that rolls back could later answer for different data with the same version."""
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches["default"].clear()
    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    queries.dashboard(monitor, f)  # inside the test's transaction
    assert not caches["default"]._cache  # type: ignore[attr-defined]


def test_an_entry_of_another_format_is_a_miss(demo: Any) -> None:
    from django.core.cache import cache

    from monitoring.queries.cache import cache_key

    monitor = demo.user("monitor")
    f = all_years(demo.seed_plan)
    cache.set(cache_key(monitor, f), {"rounds": "stale"})
    assert queries.dashboard(monitor, f) == queries.live_dashboard(monitor, f)
