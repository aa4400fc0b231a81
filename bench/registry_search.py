"""List and search speed of the registries (sổ theo dõi) at scale, on PostgreSQL.

Usage::

    ./scripts/with_postgres.sh .venv/bin/python bench/registry_search.py [--rows 100000]
        [--repeat 30] [--registry projects]

Without DATABASE_URL the script re-runs itself under ./scripts/with_postgres.sh (a throwaway
server). It works in a fresh test database (created and dropped here), builds each registry
with ``--rows`` rows, then times what a list page asks of the database — the scoped queryset
through the page's filterset, its count and its first page — for the whole list and for
searches typed with and without diacritics, as the monitoring office (sees everything) and as
a district manager (scoped). Each scenario is also run as one hand-written SQL query that
returns the same page and count, and the ratio ORM / SQL is reported.

Another registry joins by adding a ``Registry`` to ``REGISTRIES``: a ``build(rows, world)``
that fills its table and a ``scenarios(world)`` list. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
PAGE = 50
TARGET_MS = 50


@dataclass
class Scenario:
    label: str
    run: Callable[[], Any]  # the page's ORM path: returns (count, rows)
    sql: str  # one hand-written query returning the same page, with the count per row
    params: list[Any]


@dataclass
class Registry:
    name: str
    build: Callable[[int, dict[str, Any]], int]
    scenarios: Callable[[dict[str, Any]], list[Scenario]]


# -- the shared world: a province of units and two users ---------------------------------------


def build_world() -> dict[str, Any]:
    from accounts.models import Membership, User
    from core.permissions import Role
    from orgunits.models import OrgUnit, UnitKind

    def unit(code: str, name: str, parent: Any) -> Any:
        u = OrgUnit(id=uuid.uuid4(), code=code, name=name, kind=UnitKind.OTHER, parent=parent)
        u.compute_path()
        u.save()
        return u

    root = unit("B-ROOT", "Tỉnh", None)
    office = unit("B-SKHCN", "Sở Khoa học và Công nghệ", root)
    districts = [unit(f"B-H{d:02d}", f"Huyện {d}", root) for d in range(20)]
    agencies = [
        unit(f"B-H{d:02d}-{a}", f"Cơ quan {d}.{a}", districts[d])
        for d in range(20)
        for a in range(5)
    ]
    monitor = User.objects.create(username="bench-monitor")
    Membership.objects.create(user=monitor, unit=root, role=Role.MONITOR)
    manager = User.objects.create(username="bench-manager")
    Membership.objects.create(user=manager, unit=districts[3], role=Role.MANAGER)
    return {
        "root": root,
        "office": office,
        "districts": districts,
        "agencies": agencies,
        "monitor": monitor,
        "manager": manager,
    }


def timeit(func: Callable[[], Any], repeat: int) -> tuple[float, float]:
    func()  # warm-up (plans, caches)
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return round(statistics.median(samples), 2), round(p95, 2)


# -- projects (nhiệm vụ KH&CN) ---------------------------------------------------------------

WORDS = [
    "Nghiên cứu",
    "ứng dụng",
    "chọn tạo",
    "giống",
    "hoa cúc",
    "hoa hồng",
    "atisô",
    "chè",
    "cà phê",
    "dâu tây",
    "rau",
    "dược liệu",
    "đương quy",
    "nấm",
    "khoai tây",
    "nhà kính",
    "tưới",
    "vi sinh",
    "hữu cơ",
    "bảo quản",
    "sau thu hoạch",
    "Đà Lạt",
    "Lâm Đồng",
    "Lạc Dương",
    "Đơn Dương",
    "chuyển đổi số",
    "truy xuất",
    "nguồn gốc",
    "mô hình",
    "nhân rộng",
    "in vitro",
    "công nghệ cao",
    "chế biến",
    "sấy lạnh",
    "thương hiệu",
    "chỉ dẫn địa lý",
    "cà chua",
]


def build_projects(rows: int, world: dict[str, Any]) -> int:
    """``rows`` projects through COPY (the ORM would take minutes); ``search_text`` is folded by
    the application's own ``fold`` so search sees exactly what the app would store."""
    from django.db import connection

    from core.text import fold
    from projects.models import Project, ProjectKind, ProjectLevel, ScienceField, Status

    rng = random.Random(11)
    statuses = [s for s in Status.values if s != Status.DRAFT]
    units = [world["office"], *world["districts"], *world["agencies"]]
    table = Project._meta.db_table
    columns = [
        "id",
        "created_at",
        "updated_at",
        "version",
        "code",
        "title",
        "kind",
        "level",
        "science_field",
        "objectives",
        "expected_products",
        "abstract",
        "duration_months",
        "estimated_budget",
        "unit_id",
        "managing_unit_id",
        "principal_investigator",
        "status",
        "list_year",
        "selection_method",
        "selection_decision",
        "contract_number",
        "products_delivered",
        "registration_number",
        "closing_reason",
        "rating",
        "is_published",
        "accepted_on",
        "search_text",
    ]
    now = datetime.datetime.now(datetime.UTC).isoformat()
    buffer = io.StringIO()
    for i in range(rows):
        title = " ".join(rng.sample(WORDS, 7)) + f" giai đoạn {i % 97}"
        status = rng.choice(statuses)
        judged = status in (Status.ACCEPTED, Status.REGISTERED, Status.FAILED)
        year = 2000 + i % 26
        unit = rng.choice(units)
        managing = world["office"] if i % 3 else unit
        code = f"B-{i:06d}"
        values = [
            str(uuid.uuid4()),
            now,
            now,
            "1",
            code,
            title,
            rng.choice(ProjectKind.values),
            rng.choice(ProjectLevel.values),
            rng.choice(ScienceField.values),
            "",
            "",
            "",
            "24",
            str(rng.randrange(100, 5000) * 1_000_000),
            str(unit.pk),
            str(managing.pk),
            f"TS. Nguyễn Văn {i % 500}",
            status,
            str(year),
            "",
            "",
            "",
            "",
            "",
            "",
            ("dat" if status != Status.FAILED else "khong_dat") if judged else "",
            "t" if status in (Status.ACCEPTED, Status.REGISTERED) else "f",
            f"{min(year + 2, 2025)}-08-15" if judged else "\\N",
            fold(f"{code} {title} TS. Nguyễn Văn {i % 500}"),
        ]
        buffer.write("\t".join(values) + "\n")
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        cursor.execute(f"VACUUM ANALYZE {table}")
    return rows


def project_scenarios(world: dict[str, Any]) -> list[Scenario]:
    from django.core.paginator import Paginator
    from django.test import RequestFactory

    from core.scoping import forget_scope
    from projects.filtersets import ProjectFilterSet
    from projects.models import Project
    from projects.views import ProjectListView

    factory = RequestFactory()

    def page(user: Any, params: dict[str, str]) -> Callable[[], Any]:
        def run() -> Any:
            forget_scope(user)  # a new request builds its scope again
            request = factory.get("/projects/", params)
            request.user = user
            view = ProjectListView()
            view.request = request
            queryset = view.refine_queryset(Project.objects.visible_to(user))
            rows = ProjectFilterSet(params, queryset=queryset, request=request).qs
            paginator = Paginator(rows, PAGE)
            return paginator.count, list(paginator.page(1).object_list)

        return run

    monitor, manager = world["monitor"], world["manager"]
    district = world["districts"][3]
    table = "projects_project"
    # One statement: the page, with the count of all matches as a scalar subquery on the same
    # condition (evaluated once), so the SQL does what the page's two queries do.
    base = f"""
        SELECT p.id, p.title, p.code, p.status, h.name, u.name,
            (SELECT count(*) FROM {table} p WHERE {{cond}}) AS total
        FROM {table} p LEFT JOIN organisations_organisation h ON h.id = p.host_id
        JOIN orgunits_orgunit u ON u.id = p.unit_id
        """
    order = f" ORDER BY p.list_year DESC, p.title LIMIT {PAGE}"
    everyone = "p.status <> 'draft'"
    scoped = (
        "(p.is_published OR (p.status <> 'draft' AND ("
        "p.unit_id IN (SELECT id FROM orgunits_orgunit WHERE path LIKE %s) OR "
        "p.managing_unit_id IN (SELECT id FROM orgunits_orgunit WHERE path LIKE %s))))"
    )
    like = "p.search_text LIKE %s"
    paths = [district.path + "%", district.path + "%"]

    def sql(*conditions: str) -> str:
        where = " AND ".join(conditions)
        return base.format(cond=where) + " WHERE " + where + order

    def twice(params: list[Any]) -> list[Any]:
        return [*params, *params]  # the count's condition, then the page's

    return [
        Scenario("list_monitor", page(monitor, {}), sql(everyone), []),
        Scenario(
            "search_diacritics_monitor",
            page(monitor, {"q": "Atisô"}),
            sql(everyone, like),
            twice(["%atiso%"]),
        ),
        Scenario(
            "search_plain_monitor",
            page(monitor, {"q": "atiso"}),
            sql(everyone, like),
            twice(["%atiso%"]),
        ),
        Scenario(
            "search_two_words_monitor",
            page(monitor, {"q": "đương quy Lạc Dương"}),
            sql(everyone, like, like, like),
            twice(["%duong%", "%quy%", "%lac%"]),
        ),
        Scenario("list_district_manager", page(manager, {}), sql(scoped), twice(paths)),
        Scenario(
            "search_plain_district_manager",
            page(manager, {"q": "ca phe"}),
            sql(scoped, like, like),
            twice([*paths, "%ca%", "%phe%"]),
        ),
    ]


REGISTRIES: dict[str, Registry] = {
    "projects": Registry("projects", build_projects, project_scenarios),
}


def run_sql(sql: str, params: list[Any]) -> Callable[[], Any]:
    from django.db import connection

    def run() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--registry", action="append", choices=sorted(REGISTRIES))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        script = str(REPO / "scripts" / "with_postgres.sh")
        os.execv(script, [script, sys.executable, *sys.argv])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    result: dict[str, Any] = {
        "engine": connection.vendor,
        "rows": args.rows,
        "target_p95_ms": TARGET_MS,
    }
    try:
        world = build_world()
        worst = 0.0
        for name in args.registry or sorted(REGISTRIES):
            registry = REGISTRIES[name]
            t0 = time.perf_counter()
            registry.build(args.rows, world)
            result[f"{name}_build_s"] = round(time.perf_counter() - t0, 1)
            for scenario in registry.scenarios(world):
                count, rows = scenario.run()
                sql_rows = run_sql(scenario.sql, scenario.params)()
                assert len(rows) == len(sql_rows), (scenario.label, len(rows), len(sql_rows))
                assert not sql_rows or sql_rows[0][-1] == count, (
                    scenario.label,
                    count,
                    sql_rows[0][-1],
                )
                med, p95 = timeit(scenario.run, args.repeat)
                sql_med, sql_p95 = timeit(run_sql(scenario.sql, scenario.params), args.repeat)
                key = f"{name}_{scenario.label}"
                result[f"{key}_count"] = count
                result[f"{key}_median_ms"], result[f"{key}_p95_ms"] = med, p95
                result[f"{key}_sql_median_ms"] = sql_med
                result[f"{key}_ratio"] = round(med / sql_med, 2) if sql_med else None
                worst = max(worst, p95)
                print(
                    f"{key}: {count} rows, median {med} ms, p95 {p95} ms, SQL median {sql_med} ms"
                )
        result["worst_p95_ms"] = worst
        result["meets_target"] = worst <= TARGET_MS
        print(f"database {test_name}")
        print(json.dumps(result))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
