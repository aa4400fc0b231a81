"""Speed of the registries' Excel import and export (core.sheets), on the events registry.

Usage::

    TEST_SQLITE_PATH=/tmp/bench-import.sqlite3 .venv/bin/python bench/registry_import.py \
        [--rows 2000] [--repeat 5]
    ./scripts/with_postgres.sh .venv/bin/python bench/registry_import.py   # PostgreSQL

It works in a fresh test database (created and dropped here): a small tree of units, a
monitoring user and a few organisations. It times, for a sheet of ``--rows`` events (the
largest a file may hold) and for a tenth of it: the export of that many events, the check of
the file alone (every cell and the model's checks, nothing written) and the whole import
(check + the one transactional action with its audit rows; rolled back after each run). The
per-row ratio full/tenth is ≈1 when the cost is linear. The last line is one JSON object.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def build_world() -> dict[str, Any]:
    from accounts.models import Membership, User
    from core.permissions import Role
    from organisations.models import Organisation
    from orgunits.models import OrgUnit, UnitKind

    def unit(code: str, name: str, parent: Any) -> Any:
        u = OrgUnit(id=uuid.uuid4(), code=code, name=name, kind=UnitKind.OTHER, parent=parent)
        u.compute_path()
        u.save()
        return u

    root = unit("B-ROOT", "Tỉnh", None)
    districts = [unit(f"B-H{d:02d}", f"Huyện {d}", root) for d in range(10)]
    monitor = User.objects.create(username="bench-monitor")
    Membership.objects.create(user=monitor, unit=root, role=Role.MONITOR)
    orgs = [Organisation.objects.create(name=f"Viện Nghiên cứu Số {i}") for i in range(50)]
    return {"districts": districts, "monitor": monitor, "orgs": orgs}


def sheet_of(rows: int, world: dict[str, Any]) -> bytes:
    from core import sheets
    from events.excel import SHEET

    start = datetime.date(2024, 1, 1)
    body = []
    for i in range(rows):
        day = start + datetime.timedelta(days=i % 700)
        body.append(
            [
                f"Hội thảo chuyển giao kỹ thuật số {i}",
                "Hội thảo",
                world["districts"][i % 10].code,
                world["orgs"][i % 50].name if i % 3 else "Hội Nông dân phường",
                day,
                day + datetime.timedelta(days=1),
                f"Hội trường {i % 40}",
                (i * 7) % 900,
                "Giới thiệu giống mới" if i % 2 else "",
                "có",
                f"{world['orgs'][(i + 1) % 50].name}; {world['orgs'][(i + 2) % 50].name}",
            ]
        )
    return sheets.export(SHEET, body)


def timeit(func: Callable[[], Any], repeat: int) -> tuple[float, float]:
    func()  # warm-up
    values = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        values.append((time.perf_counter() - t0) * 1000)
    values.sort()
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return round(statistics.median(values), 1), round(p95, 1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from core import sheets
    from events import excel
    from events.models import Event

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    result: dict[str, Any] = {"engine": connection.vendor, "rows": args.rows}
    try:
        world = build_world()
        actor = world["monitor"]

        def full_import(data: bytes) -> Callable[[], Any]:
            def run() -> None:
                with transaction.atomic():
                    written = excel.import_events(actor, data)
                    assert written == Event.objects.count(), written
                    transaction.set_rollback(True)

            return run

        def check_only(data: bytes) -> Callable[[], Any]:
            reader = excel._Reader(actor)
            return lambda: sheets.check_rows(excel.SHEET, data, reader.parse)

        per_row: dict[str, float] = {}
        for label, rows in (("tenth", max(1, args.rows // 10)), ("full", args.rows)):
            data = sheet_of(rows, world)
            result[f"{label}_rows"] = rows
            result[f"{label}_file_kb"] = len(data) // 1024
            for step, run in (("check", check_only(data)), ("import", full_import(data))):
                med, p95 = timeit(run, args.repeat)
                result[f"{label}_{step}_median_ms"], result[f"{label}_{step}_p95_ms"] = med, p95
                per_row[f"{label}_{step}"] = med / rows
                print(f"{label} ({rows} rows) {step}: median {med} ms, p95 {p95} ms")
            # Export: write the same events and read them back out as a sheet.
            with transaction.atomic():
                excel.import_events(actor, data)
                queryset = excel.export_queryset(Event.objects.visible_to(actor), actor)

                def export(queryset: Any = queryset) -> bytes:
                    return sheets.export(excel.SHEET, excel.export_rows(list(queryset)))

                med, p95 = timeit(export, args.repeat)
                transaction.set_rollback(True)
            result[f"{label}_export_median_ms"], result[f"{label}_export_p95_ms"] = med, p95
            per_row[f"{label}_export"] = med / rows
            print(f"{label} ({rows} rows) export: median {med} ms, p95 {p95} ms")
        for step in ("check", "import", "export"):
            result[f"{step}_per_row_ratio_full_vs_tenth"] = round(
                per_row[f"full_{step}"] / per_row[f"tenth_{step}"], 2
            )
        print(json.dumps(result))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
