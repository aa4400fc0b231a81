"""Monitoring dashboard at province scale on PostgreSQL.

Builds 3,000 units (province → 30 districts → wards, agencies, schools), one plan with 300
tasks in sections II.1…II.6 and III.1…III.4, ten years of quarterly rounds (40) and a report
from every unit in every round with eight task sections each (~960,000 TaskReport rows), plus
issues; then times the dashboard's data request (GET /monitoring/api/summary/ through the Django
test client, as the monitoring officer, whole province: the dashboard starts at the province,
the only root, and its per-unit tables list the districts) and one hand-written SQL statement
that computes the same figures. The process is settled first as khcn.wsgi settles a served one
(views imported, start-up objects frozen for the garbage collector: khcn.serving).
``--scale small`` does the same on a tenth of the units.

Rows are written in raw SQL, round by round as derive_reports writes them, including the
values the app keeps for the dashboard (reporting.progress: previous progress per section,
progress total and count per report; the folded difficulty key; each section's round and unit).
The hand-written statement reads the same tables and kept values and returns the same lists
(heat-map cells, stalled tasks with their units, overdue reports, open issues), so the ratio
measures what the Django path costs over one well-written query, not a different algorithm or
a smaller answer.

Usage::

    .venv/bin/python bench/monitoring.py [--scale small|full] [--repeat 30] [--reuse DBNAME]

Without DATABASE_URL the script re-executes itself under scripts/with_postgres.sh (a throwaway
server). It creates a fresh database, migrates, builds, times and drops it (``--reuse`` keeps
the dataset in the named database between runs). The last line is one JSON object: units,
report_rows, median_ms, p95_ms, sql_p95_ms, ratio (p95 / sql_p95), and more figures: the
all-years view (median, p95, all_years_ratio = p95 / the 300 ms target; "cold", with a write
before each request: the last figures served, marked stale, while the worker recomputes them
between requests - all_years_refresh_* times that recomputation, all_years_stale_served counts
the stale answers; and all_years_recompute_*, the recomputation done in the request, as it is
for views cheaper than MONITORING_SYNC_MS), the HTML page.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TODAY = datetime.date(2026, 11, 25)
FIRST_YEAR = 2017
YEARS = 10
TASKS = 300
SECTIONS_PER_REPORT = 8
# Issue 11: the all-years view (no year filter) under 300 ms p95 at province scale.
ALL_YEARS_TARGET_MS = 300.0
DIFFICULTIES = [
    "Thiếu kinh phí thực hiện nhiệm vụ",
    "Chưa có hướng dẫn của cấp trên",
    "Cán bộ kiêm nhiệm, thiếu nhân lực chuyên môn",
    "Thủ tục thanh quyết toán còn phức tạp",
    "Doanh nghiệp chưa quan tâm đầu tư cho khoa học và công nghệ",
    "Hạ tầng công nghệ thông tin chưa đồng bộ",
    "Chưa bố trí được mặt bằng triển khai mô hình",
    "Số liệu thống kê chưa đầy đủ",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# ---------------------------------------------------------------------------------------------
# Database lifecycle
# ---------------------------------------------------------------------------------------------


def create_database(server_url: str) -> tuple[str, str]:
    import psycopg

    name = f"khcn_bench_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server_url.rpartition("/")
    return name, f"{base}/{name}"


def reuse_database(server_url: str, name: str) -> tuple[str, str, bool]:
    """--reuse NAME: keep the dataset between runs (for working on the queries)."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server_url.rpartition("/")
    return name, f"{base}/{name}", not found


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---------------------------------------------------------------------------------------------
# Dataset (raw SQL: COPY for the small tables, INSERT … SELECT generate_series for the big ones)
# ---------------------------------------------------------------------------------------------


def _defaults(model: Any, provided: set[str]) -> dict[str, Any]:
    """Literal values for every NOT NULL column the builder does not set (model defaults)."""
    values = {}
    for f in model._meta.concrete_fields:
        if f.column in provided or f.null:
            continue
        if f.has_default():
            values[f.column] = f.get_default()
        elif getattr(f, "blank", False) and f.get_internal_type() in ("CharField", "TextField"):
            values[f.column] = ""
    return values


def insert_select(
    cursor: Any,
    model: Any,
    exprs: dict[str, str],
    tail: str,
    expr_params: tuple = (),
    tail_params: tuple = (),
) -> int:
    """INSERT INTO model (cols) SELECT exprs… tail, filling other columns with defaults.

    Placeholders are ``%s``; a literal percent sign must be written ``%%``."""
    fill = _defaults(model, set(exprs))
    cols = [*exprs, *fill]
    select = [*exprs.values(), *["%s"] * len(fill)]
    quoted = ", ".join(f'"{c}"' for c in cols)
    sql = f"INSERT INTO {model._meta.db_table} ({quoted}) SELECT {', '.join(select)} {tail}"
    cursor.execute(sql, [*expr_params, *fill.values(), *tail_params])
    return cursor.rowcount


def copy_rows(cursor: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    fill = _defaults(model, set(rows[0]))
    cols = [*rows[0], *fill]
    quoted = ", ".join(f'"{c}"' for c in cols)
    with cursor.copy(f"COPY {model._meta.db_table} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([*row.values(), *fill.values()])


def build(n_units: int) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import Membership, Role, User
    from core.text import text_key
    from orgunits.models import OrgUnit
    from plans.models import Plan, PlanStatus, Section, Task, TaskStatus
    from reporting.models import Issue, ReportingRound, TaskReport, UnitReport

    now = timezone.now()
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        raw = cur.cursor  # psycopg cursor, for COPY
        # 1. Units: province → 30 districts → the rest spread evenly.
        units: list[dict[str, Any]] = []

        def add(name: str, parent: dict[str, Any] | None) -> dict[str, Any]:
            pk = uuid.uuid4()
            path = (parent["path"] if parent else "") + pk.hex[:12] + "/"
            row = {
                "id": pk,
                "name": name,
                "code": f"B-{len(units)}",
                "kind": "other",
                "parent_id": parent["id"] if parent else None,
                "path": path,
                "depth": parent["depth"] + 1 if parent else 0,
                "search_text": name.lower(),
                "created_at": now,
                "updated_at": now,
            }
            units.append(row)
            return row

        root = add("Tỉnh thử nghiệm", None)
        districts = [add(f"Huyện {i + 1:02d}", root) for i in range(30)]
        i = 0
        while len(units) < n_units:
            add(f"Đơn vị cơ sở {i + 1:04d}", districts[i % len(districts)])
            i += 1
        copy_rows(raw, OrgUnit, units)
        # 2. Plan, sections, tasks.
        plan = Plan.objects.create(
            title="Kế hoạch thử nghiệm quy mô tỉnh",
            owner_id=root["id"],
            status=PlanStatus.ACTIVE,
            is_published=True,
        )
        groups: list[Any] = []
        for label, children in (("II", 6), ("III", 4)):
            top = Section.objects.create(plan=plan, label=label, heading=label, order=len(groups))
            for c in range(children):
                groups.append(
                    Section.objects.create(
                        plan=plan,
                        parent=top,
                        label=str(c + 1),
                        heading=f"Nhóm {label}.{c + 1}",
                        order=len(groups) + 10,
                    )
                )
        tasks = [
            {
                "id": uuid.uuid4(),
                "plan_id": plan.pk,
                "section_id": groups[k % len(groups)].pk,
                "code": f"T{k + 1:03d}",
                "title": f"Nhiệm vụ thử nghiệm {k + 1}",
                "status": TaskStatus.IN_PROGRESS,
                "order": k,
                "created_at": now,
                "updated_at": now,
            }
            for k in range(TASKS)
        ]
        copy_rows(raw, Task, tasks)
        # 3. Rounds: ten years of quarters.
        rounds = []
        for y in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            for q in range(4):
                start = datetime.date(y, 3 * q + 1, 1)
                end = (
                    datetime.date(y, 3 * q + 4, 1) if q < 3 else datetime.date(y + 1, 1, 1)
                ) - datetime.timedelta(days=1)
                rounds.append(
                    {
                        "id": uuid.uuid4(),
                        "plan_id": plan.pk,
                        "kind": "quarter",
                        "label": f"Quý {q + 1}/{y}",
                        "period_start": start,
                        "period_end": end,
                        "due_date": end + datetime.timedelta(days=15),
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        copy_rows(raw, ReportingRound, rounds)
        # Index tables for the generators.
        cur.execute("CREATE TEMP TABLE b_unit (idx int, id uuid) ON COMMIT DROP")
        cur.execute("CREATE TEMP TABLE b_round (idx int, id uuid, due date) ON COMMIT DROP")
        cur.execute("CREATE TEMP TABLE b_task (idx int, id uuid) ON COMMIT DROP")
        with raw.copy("COPY b_unit FROM STDIN") as copy:
            for k, u in enumerate(units[1:]):  # the province itself does not report
                copy.write_row([k, u["id"]])
        with raw.copy("COPY b_round FROM STDIN") as copy:
            for k, r in enumerate(rounds):
                copy.write_row([k, r["id"], r["due_date"]])
        with raw.copy("COPY b_task FROM STDIN") as copy:
            for k, t in enumerate(tasks):
                copy.write_row([k, t["id"]])
        # 4. Unit reports: one per unit and round; status from a hash of (unit, round).
        h = "abs(hashtext(u.idx::text || '-' || r.idx::text)) %% 100"
        status = (
            f"CASE WHEN r.due >= %s THEN 'draft' WHEN {h} < 78 THEN 'accepted' "
            f"WHEN {h} < 84 THEN 'submitted' WHEN {h} < 88 THEN 'returned' "
            f"WHEN {h} < 91 THEN 'pending_approval' ELSE 'draft' END"
        )
        submitted = (
            f"CASE WHEN r.due >= %s OR {h} >= 88 THEN NULL "
            f"WHEN {h} < 66 THEN (r.due - 3)::timestamptz "
            f"ELSE (r.due + 9)::timestamptz END"
        )
        reports = _insert_reports(cur, UnitReport, status, submitted)
        # 5. Task reports: eight tasks per unit, progress rising over the years (some stall).
        cur.execute(
            "CREATE TEMP TABLE b_report ON COMMIT DROP AS SELECT ur.id, u.idx AS uidx, "
            "r.idx AS ridx, ur.round_id, ur.unit_id FROM reporting_unitreport ur "
            "JOIN b_unit u ON u.id = ur.unit_id JOIN b_round r ON r.id = ur.round_id"
        )
        variants = _difficulty_variants()
        pool = "ARRAY[" + ",".join(_sql_str(d) for d in variants) + "]"
        keys = "ARRAY[" + ",".join(_sql_str(text_key(d)) for d in variants) + "]"

        dh = "abs(hashtext(b.id::text || s::text))"
        pick = f"[1 + {dh} %% {len(variants)}]"
        sections = insert_select(
            cur,
            TaskReport,
            {
                "id": "gen_random_uuid()",
                "unit_report_id": "b.id",
                "round_id": "b.round_id",
                "unit_id": "b.unit_id",
                "task_id": "t.id",
                "role": "'lead'",
                "status": "'in_progress'",
                "progress": _progress("b.uidx", "b.ridx"),
                # What the unit reported on the same task the quarter before (the chain of
                # reporting.progress; every section here has a figure).
                "previous_progress": f"CASE WHEN b.ridx = 0 THEN NULL "
                f"ELSE {_progress('b.uidx', 'b.ridx - 1')} END",
                "difficulties": f"CASE WHEN {dh} %% 10 = 1 THEN ({pool}){pick} ELSE '' END",
                "difficulty_key": f"CASE WHEN {dh} %% 10 = 1 THEN ({keys}){pick} ELSE '' END",
                "created_at": "now()",
                "updated_at": "now()",
            },
            f"FROM b_report b CROSS JOIN generate_series(0, {SECTIONS_PER_REPORT - 1}) s "
            f"JOIN b_task t ON t.idx = (b.uidx * 7 + s * 37) %% {TASKS} "
            "ORDER BY b.ridx, b.uidx, s",
        )
        # 6. Issues: a few per district.
        issues = _insert_issues(cur, Issue, plan.pk)
        monitor = User.objects.create_user(username="bench-monitor", password="bench-Pass-2026")
        Membership.objects.create(user=monitor, unit_id=root["id"], role=Role.MONITOR)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("CHECKPOINT")  # time a settled server, not one still writing the build
    return {
        "plan": plan,
        "monitor": monitor,
        "units": len(units),
        "reports": reports,
        "report_rows": sections,
        "issues": issues,
        "build_s": round(time.perf_counter() - t0, 1),
    }


def existing() -> dict[str, Any]:
    """The figures of a dataset built by an earlier --reuse run."""
    from accounts.models import User
    from orgunits.models import OrgUnit
    from plans.models import Plan
    from reporting.models import Issue, TaskReport, UnitReport

    return {
        "plan": Plan.objects.get(title="Kế hoạch thử nghiệm quy mô tỉnh"),
        "monitor": User.objects.get(username="bench-monitor"),
        "units": OrgUnit.objects.count(),
        "reports": UnitReport.objects.count(),
        "report_rows": TaskReport.objects.count(),
        "issues": Issue.objects.count(),
        "build_s": 0.0,
    }


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _difficulty_variants() -> list[str]:
    from core.text import fold

    out = []
    for text in DIFFICULTIES:
        out += [text, text.upper() + ".", fold(text)]
    return out


def _progress(uidx: str, ridx: str) -> str:
    """A section's progress: rising over the years, a tenth of them slipping back (stalled)."""
    slip = f"abs(hashtext({uidx}::text || '-' || ({ridx})::text || '-' || s::text)) %% 10 = 0"
    return f"LEAST(100, 3 + ({ridx}) * 2 + ({uidx} + s) %% 20 - CASE WHEN {slip} THEN 3 ELSE 0 END)"


def _insert_reports(cur: Any, model: Any, status: str, submitted: str) -> int:
    # The report's progress total over its sections (kept by reporting.progress in the app).
    total = (
        f"(SELECT sum({_progress('u.idx', 'r.idx')}) "
        f"FROM generate_series(0, {SECTIONS_PER_REPORT - 1}) s)"
    )
    return insert_select(
        cur,
        model,
        {
            "id": "gen_random_uuid()",
            "round_id": "r.id",
            "unit_id": "u.id",
            "status": status,
            "submitted_at": submitted,
            "progress_total": total,
            "progress_count": str(SECTIONS_PER_REPORT),
            "created_at": "now()",
            "updated_at": "now()",
        },
        # Round by round, as derive_round writes them (rows of one round sit together).
        "FROM b_round r CROSS JOIN b_unit u ORDER BY r.idx, u.idx",
        expr_params=(TODAY, TODAY),
    )


def _insert_issues(cur: Any, model: Any, plan_id: Any) -> int:
    return insert_select(
        cur,
        model,
        {
            "id": "gen_random_uuid()",
            "plan_id": "%s::uuid",
            "raised_by_unit_id": "u.id",
            "owner_id": "u.id",
            "title": "'Vướng mắc số ' || u.idx",
            "severity": "(ARRAY['low','medium','high','critical'])[1 + u.idx %% 4]",
            "status": "(ARRAY['open','in_progress','resolved','closed'])[1 + (u.idx / 4) %% 4]",
            "due_date": "DATE '2026-06-30' + (u.idx %% 300)",
            "created_at": "now()",
            "updated_at": "now()",
        },
        "FROM b_unit u WHERE u.idx %% 2 = 0",
        expr_params=(str(plan_id),),
    )


# ---------------------------------------------------------------------------------------------
# The same figures in one hand-written statement
# ---------------------------------------------------------------------------------------------

HAND_SQL = """
WITH rr AS (
    SELECT id, period_end, due_date FROM reporting_reportinground
    WHERE plan_id = %(plan)s AND extract(year FROM period_end) = %(year)s
), last_round AS (
    SELECT id FROM rr WHERE period_end < %(today)s ORDER BY period_end DESC LIMIT 1
), ur AS (
    SELECT ur.id, ur.round_id, ur.unit_id, ur.status, u.path, u.name, rr.due_date,
           ur.progress_total, ur.progress_count,
           (ur.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS submitted_on
    FROM reporting_unitreport ur JOIN rr ON rr.id = ur.round_id
    JOIN orgunits_orgunit u ON u.id = ur.unit_id
), counted AS (
    SELECT ur.*,
           (status IN ('submitted', 'accepted')) AS received,
           (due_date < %(today)s OR status IN ('submitted', 'accepted')) AS due,
           (status IN ('submitted', 'accepted') AND submitted_on <= due_date) AS on_time,
           (status IN ('draft', 'returned', 'pending_approval') AND due_date < %(today)s)
               AS missing
    FROM ur
), by_round AS (
    SELECT round_id, count(*) AS expected, count(*) FILTER (WHERE due) AS due,
           count(*) FILTER (WHERE received) AS received,
           count(*) FILTER (WHERE on_time) AS on_time,
           count(*) FILTER (WHERE missing) AS missing
    FROM counted GROUP BY round_id
), by_child AS (
    -- The dashboard starts at the province (the only root): its children are the districts.
    SELECT substr(path, 1, 26) AS child, count(*) FILTER (WHERE due) AS due,
           count(*) FILTER (WHERE received) AS received,
           count(*) FILTER (WHERE on_time) AS on_time
    FROM counted GROUP BY 1
), heat_units AS (
    SELECT u.path, u.id AS unit_id FROM orgunits_orgunit u
    WHERE u.id IN (SELECT unit_id FROM ur) ORDER BY u.path LIMIT 201
), heat AS (
    SELECT c.unit_id, c.name, c.round_id, c.id AS report_id, c.submitted_on, CASE
        WHEN c.status = 'accepted' AND c.submitted_on <= c.due_date THEN 'on_time'
        WHEN c.status = 'accepted' THEN 'late' WHEN c.status = 'submitted' THEN 'submitted'
        WHEN c.status = 'returned' THEN 'returned' WHEN c.missing THEN 'missing'
        ELSE 'draft' END AS kind
    FROM counted c JOIN heat_units h ON h.unit_id = c.unit_id
), cur AS (
    -- Sections of the current round, reached round → its reports → their sections.
    SELECT tr.task_id, tr.progress, r.status
    FROM ur r JOIN reporting_taskreport tr ON tr.unit_report_id = r.id
    WHERE r.round_id = (SELECT id FROM last_round) AND tr.progress IS NOT NULL
), by_group AS (
    SELECT t.section_id, avg(cur.progress) AS progress, count(DISTINCT cur.task_id) AS tasks
    FROM cur JOIN plans_task t ON t.id = cur.task_id
    WHERE cur.status IN ('submitted', 'accepted')
    GROUP BY 1
), by_unit_progress AS (
    SELECT substr(path, 1, 26) AS child, sum(progress_total)::numeric / sum(progress_count)
    FROM ur WHERE round_id = (SELECT id FROM last_round) AND progress_count > 0
      AND status IN ('submitted', 'accepted')
    GROUP BY 1
), stalled AS (
    SELECT task_id, unit_id, progress FROM reporting_taskreport
    WHERE round_id = (SELECT id FROM last_round) AND progress <= previous_progress
      AND progress < 100
), stalled_tasks AS (
    -- The tasks with most units stalled, each with up to twenty of them.
    SELECT t.code, t.title, count(*) AS n,
           (array_agg(u.name || ' ' || s.progress ORDER BY u.name, s.progress))[1:20] AS units
    FROM stalled s JOIN plans_task t ON t.id = s.task_id
    JOIN orgunits_orgunit u ON u.id = s.unit_id
    GROUP BY t.id ORDER BY n DESC, t.code LIMIT 50
), mentions AS (
    -- Difficulties of the year, from the sections' own round and unit copies.
    SELECT tr.difficulty_key, tr.difficulties, tr.unit_id
    FROM reporting_taskreport tr
    WHERE tr.round_id IN (SELECT id FROM rr) AND tr.difficulty_key <> ''
), per_child AS (
    SELECT m.difficulty_key, substr(u.path, 1, 26) AS child, count(*) AS n,
           min(m.difficulties) AS text
    FROM mentions m JOIN orgunits_orgunit u ON u.id = m.unit_id
    GROUP BY 1, 2
), difficulties AS (
    SELECT difficulty_key, sum(n) AS n, min(text) AS text,
           (array_agg(child ORDER BY n DESC, child))[1:20] AS top_children
    FROM per_child GROUP BY difficulty_key HAVING sum(n) >= 2
), overdue AS (
    SELECT id, name, due_date FROM counted WHERE missing ORDER BY due_date, name LIMIT 50
), issues AS (
    SELECT severity, count(*) AS n FROM reporting_issue
    WHERE plan_id = %(plan)s AND status IN ('open', 'in_progress') GROUP BY severity
), issue_list AS (
    SELECT i.id, i.title, i.severity, i.status, i.due_date, o.name AS owner
    FROM reporting_issue i LEFT JOIN orgunits_orgunit o ON o.id = i.owner_id
    WHERE i.plan_id = %(plan)s AND i.status IN ('open', 'in_progress')
    ORDER BY array_position(ARRAY['critical', 'high', 'medium', 'low'], i.severity::text),
             i.due_date, i.title
    LIMIT 50
)
SELECT
    (SELECT json_agg(by_round) FROM by_round),
    (SELECT json_agg(by_child) FROM by_child),
    (SELECT json_agg(heat) FROM heat),
    (SELECT json_agg(by_group) FROM by_group),
    (SELECT json_agg(by_unit_progress) FROM by_unit_progress),
    (SELECT count(DISTINCT task_id) FROM stalled),
    (SELECT json_agg(stalled_tasks) FROM stalled_tasks),
    (SELECT json_agg(d) FROM (SELECT * FROM difficulties ORDER BY n DESC, text LIMIT 20) d),
    (SELECT json_agg(overdue) FROM overdue),
    (SELECT count(*) FROM counted WHERE missing),
    (SELECT json_agg(issues) FROM issues),
    (SELECT json_agg(issue_list) FROM issue_list)
"""


def time_requests(
    url: str, user: User, repeat: int, between: Any = None, before: Any = None
) -> list[float]:
    """Milliseconds per request; ``between`` (if given) runs after each one, untimed here, so
    two measurements interleave and see the same machine (a shared VM drifts in speed);
    ``before`` (if given) runs before each timed one, untimed."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    for _ in range(3):  # warm-up: connection, scope, caches
        response = client.get(url)
        assert response.status_code == 200, response.content[:500]
    out = []
    for _ in range(repeat):
        if before is not None:
            before()
        t0 = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        if between is not None:
            between()
    return out


def profile(url: str, user: User) -> None:
    """BENCH_PROFILE=1: print each query of one request with its time (slowest first)."""
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(user)
    client.get(url)
    timings: list[tuple[float, str, Any]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - t0) * 1000, sql, params))

    with connection.execute_wrapper(wrapper):
        client.get(url)
    timings.sort(key=lambda t: -t[0])
    for ms, sql, _params in timings:
        print(f"{ms:8.1f} ms  {sql[:300]}", file=sys.stderr)
    if os.environ.get("BENCH_PROFILE") == "explain":
        with connection.cursor() as cur:
            for _ms, sql, params in timings[:3]:
                cur.execute("EXPLAIN ANALYZE " + sql, params)
                print("\n".join(r[0] for r in cur.fetchall()), file=sys.stderr)


class Refresher:
    """The worker's part after each stale view: runs the queued refresh (the task as the
    worker runs it, from the database queue) and times it."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.stale = 0

    def run(self) -> None:
        from django_tasks_db.models import DBTaskResult

        from monitoring.tasks import refresh_dashboard_task

        queued = list(
            DBTaskResult.objects.ready().filter(task_path=refresh_dashboard_task.module_path)
        )
        self.stale += len(queued)
        for result in queued:
            t0 = time.perf_counter()
            refresh_dashboard_task.call(*result.args_kwargs["args"])
            self.times.append((time.perf_counter() - t0) * 1000)
            result.delete()


class HandSql:
    """The hand-written statement, timed one run per call (see time_requests' ``between``)."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params
        self.times: list[float] = []
        for _ in range(3):  # warm-up
            self.run()
        self.times.clear()

    def run(self) -> None:
        from django.db import connection

        with connection.cursor() as cur:
            t0 = time.perf_counter()
            cur.execute(HAND_SQL, self.params)
            cur.fetchall()
            self.times.append((time.perf_counter() - t0) * 1000)


def run(args: argparse.Namespace) -> dict[str, Any]:
    server_url = os.environ["DATABASE_URL"]
    if args.reuse:
        name, db_url, fresh = reuse_database(server_url, args.reuse)
    else:
        (name, db_url), fresh = create_database(server_url), True
    try:
        os.environ["DATABASE_URL"] = db_url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
        os.environ.setdefault("DEBUG", "0")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.ALLOWED_HOSTS = ["*"]
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_s = round(time.perf_counter() - t0, 1)
        n_units = 3000 if args.scale == "full" else 300
        data = build(n_units) if fresh else existing()
        print(
            f"built {data['units']} units, {data['reports']} unit reports, "
            f"{data['report_rows']} task reports, {data['issues']} issues "
            f"in {data['build_s']} s (migrate {migrate_s} s)",
            file=sys.stderr,
        )
        from django.test.utils import override_settings
        from django.utils import timezone

        from monitoring import dataversion, queries

        year = queries.default_year(queries.years(data["monitor"], data["plan"].pk))
        url = f"/monitoring/api/summary/?plan={data['plan'].pk}"
        if os.environ.get("BENCH_PROFILE"):
            profile(url, data["monitor"])
        # Time the process as khcn.wsgi serves: views loaded, start-up objects frozen.
        from khcn.serving import settle

        settle()
        hand = HandSql({"plan": data["plan"].pk, "year": year, "today": TODAY})
        with _frozen_today():
            api = time_requests(url, data["monitor"], args.repeat, between=hand.run)
            all_years = time_requests(url + "&year=", data["monitor"], max(5, args.repeat // 3))
            # The same with a write before each request (the data version moves), i.e. the
            # first view after a change: served with the last figures, marked stale, while the
            # worker recomputes them (run here between two requests, timed on its own).
            refresh = Refresher()
            all_years_cold = time_requests(
                url + "&year=",
                data["monitor"],
                max(5, args.repeat // 3),
                before=dataversion.bump,
                between=refresh.run,
            )
            # And the recomputation itself when done in the request (as it is for views that
            # compute under MONITORING_SYNC_MS).
            with override_settings(MONITORING_SYNC_MS=10**9):
                recompute = time_requests(
                    url + "&year=",
                    data["monitor"],
                    max(5, args.repeat // 3),
                    before=dataversion.bump,
                )
            page = time_requests(
                f"/monitoring/?plan={data['plan'].pk}", data["monitor"], max(5, args.repeat // 3)
            )
        sql = hand.times
        del timezone
        result = {
            "units": data["units"],
            "report_rows": data["report_rows"],
            "median_ms": round(statistics.median(api), 1),
            "p95_ms": round(percentile(api, 0.95), 1),
            "sql_p95_ms": round(percentile(sql, 0.95), 1),
            "ratio": round(percentile(api, 0.95) / percentile(sql, 0.95), 2),
            "sql_median_ms": round(statistics.median(sql), 1),
            "year": year,
            "all_years_median_ms": round(statistics.median(all_years), 1),
            "all_years_p95_ms": round(percentile(all_years, 0.95), 1),
            "all_years_ratio": round(percentile(all_years, 0.95) / ALL_YEARS_TARGET_MS, 2),
            "all_years_cold_median_ms": round(statistics.median(all_years_cold), 1),
            "all_years_cold_p95_ms": round(percentile(all_years_cold, 0.95), 1),
            "all_years_cold_ratio": round(
                percentile(all_years_cold, 0.95) / ALL_YEARS_TARGET_MS, 2
            ),
            "all_years_stale_served": refresh.stale,
            "all_years_refresh_median_ms": round(statistics.median(refresh.times), 1),
            "all_years_refresh_p95_ms": round(percentile(refresh.times, 0.95), 1),
            "all_years_recompute_median_ms": round(statistics.median(recompute), 1),
            "all_years_recompute_p95_ms": round(percentile(recompute, 0.95), 1),
            "page_p95_ms": round(percentile(page, 0.95), 1),
            "unit_reports": data["reports"],
            "build_s": data["build_s"],
        }
    finally:
        from django.db import connections

        connections.close_all()
        if not args.reuse:
            drop_database(server_url, name)
    return result


class _frozen_today:  # noqa: N801 - used as a context manager
    """Pin timezone.localdate() to TODAY so the generated statuses and the views agree."""

    def __enter__(self) -> None:
        from django.utils import timezone

        self._saved = timezone.localdate
        timezone.localdate = lambda *a, **k: TODAY  # type: ignore[assignment]

    def __exit__(self, *exc: Any) -> None:
        from django.utils import timezone

        timezone.localdate = self._saved  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--scale", choices=["small", "full"], default="full")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument(
        "--reuse",
        metavar="DBNAME",
        help="keep the dataset in this database (built when missing) instead of a fresh one",
    )
    args = ap.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        script = REPO / "scripts" / "with_postgres.sh"
        os.environ.pop("DATABASE_URL", None)
        os.execv(str(script), [str(script), sys.executable, *sys.argv])
    result = run(args)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
