"""The monitoring dashboard at province scale on SQLite (the embedded default).

bench/monitoring.py builds its dataset with PostgreSQL's own tools (COPY, generate_series);
this script copies a dataset it kept (``--reuse NAME``) into a fresh, migrated SQLite file,
row for row through each field's own conversion, then times the same requests there: the
year view, the all-years view (kept; "cold", with a write before each request, served stale
while the worker's refresh runs between requests; and recomputed in the request) and the HTML
page.

Usage::

    .venv/bin/python bench/monitoring_sqlite.py --from postgres://…/khcn_bench --file /tmp/p.sqlite3
    .venv/bin/python bench/monitoring_sqlite.py --file /tmp/p.sqlite3   # time a kept copy

The last line is one JSON object with the figures of bench/monitoring.py (no hand-written
statement: it is PostgreSQL SQL).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

COPIED = [
    "orgunits.OrgUnit",
    "accounts.User",
    "accounts.Membership",
    "plans.Plan",
    "plans.Section",
    "plans.Task",
    "reporting.ReportingRound",
    "reporting.UnitReport",
    "reporting.TaskReport",
    "reporting.Issue",
]


def copy_from(pg_url: str) -> None:
    import dj_database_url
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    settings.DATABASES["source"] = dj_database_url.parse(pg_url)
    connections.settings = connections.configure_settings(settings.DATABASES)
    call_command("migrate", verbosity=0)
    lite, pg = connections["default"], connections["source"]
    from monitoring import dataversion

    with lite.cursor() as cur:
        cur.execute("PRAGMA foreign_keys = OFF")
        cur.execute("PRAGMA synchronous = OFF")
        # A bulk copy, not writes to count: the data-version triggers go back afterwards.
        for name in dataversion.installed_triggers():
            cur.execute(f'DROP TRIGGER "{name}"')
    for label in COPIED:
        model = apps.get_model(label)
        t0 = time.perf_counter()
        fields = model._meta.concrete_fields
        cols = ", ".join(f'"{f.column}"' for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        n = 0
        with pg.cursor() as src, lite.cursor() as dst:
            dst.execute(f"DELETE FROM {model._meta.db_table}")
            src.execute(f"SELECT {cols} FROM {model._meta.db_table}")
            while rows := src.fetchmany(20000):
                dst.executemany(
                    f"INSERT INTO {model._meta.db_table} ({cols}) VALUES ({marks})",
                    [
                        [
                            f.get_db_prep_value(v, connection=lite)
                            for f, v in zip(fields, row, strict=True)
                        ]
                        for row in rows
                    ],
                )
                n += len(rows)
        print(f"{label}: {n} rows in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    dataversion.install()
    with lite.cursor() as cur:
        cur.execute("ANALYZE")


def measure(repeat: int) -> dict[str, Any]:
    import importlib.util

    # bench/monitoring.py by path: its name would shadow the monitoring app.
    spec = importlib.util.spec_from_file_location("bench_monitoring", REPO / "bench/monitoring.py")
    assert spec is not None and spec.loader is not None
    bm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bm)
    from django.test.utils import override_settings

    from khcn.serving import settle
    from monitoring import dataversion, queries

    data = bm.existing()
    monitor, plan = data["monitor"], data["plan"]
    year = queries.default_year(queries.years(monitor, plan.pk), bm.TODAY)
    url = f"/monitoring/api/summary/?plan={plan.pk}"
    settle()
    few = max(5, repeat // 3)
    with bm._frozen_today():
        api = bm.time_requests(url, monitor, repeat)
        all_years = bm.time_requests(url + "&year=", monitor, few)
        # After a write: served stale while the worker recomputes (bench/monitoring.py).
        refresh = bm.Refresher()
        cold = bm.time_requests(
            url + "&year=", monitor, few, before=dataversion.bump, between=refresh.run
        )
        with override_settings(MONITORING_SYNC_MS=10**9):
            recompute = bm.time_requests(url + "&year=", monitor, few, before=dataversion.bump)
        page = bm.time_requests(f"/monitoring/?plan={plan.pk}", monitor, few)
    p95 = bm.percentile
    return {
        "database": "sqlite",
        "units": data["units"],
        "report_rows": data["report_rows"],
        "median_ms": round(statistics.median(api), 1),
        "p95_ms": round(p95(api, 0.95), 1),
        "year": year,
        "all_years_median_ms": round(statistics.median(all_years), 1),
        "all_years_p95_ms": round(p95(all_years, 0.95), 1),
        "all_years_ratio": round(p95(all_years, 0.95) / bm.ALL_YEARS_TARGET_MS, 2),
        "all_years_cold_median_ms": round(statistics.median(cold), 1),
        "all_years_cold_p95_ms": round(p95(cold, 0.95), 1),
        "all_years_cold_ratio": round(p95(cold, 0.95) / bm.ALL_YEARS_TARGET_MS, 2),
        "all_years_stale_served": refresh.stale,
        "all_years_refresh_median_ms": round(statistics.median(refresh.times), 1),
        "all_years_refresh_p95_ms": round(p95(refresh.times, 0.95), 1),
        "all_years_recompute_median_ms": round(statistics.median(recompute), 1),
        "all_years_recompute_p95_ms": round(p95(recompute, 0.95), 1),
        "page_p95_ms": round(p95(page, 0.95), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--file", required=True, help="the SQLite file (made by --from)")
    ap.add_argument("--from", dest="source", help="copy from this PostgreSQL database first")
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args(argv)
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.file).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    if args.source:
        copy_from(args.source)
    print(json.dumps(measure(args.repeat), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
