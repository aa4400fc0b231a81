"""Roll-up speed of indicators.rollup.rollup on a province-scale dataset (PostgreSQL).

Usage::

    .venv/bin/python bench/indicator_rollup.py [--units 3000] [--years 10] [--repeat 30]

Without DATABASE_URL the script re-runs itself under ./scripts/with_postgres.sh (a throwaway
server). It always works in a fresh test database (created and dropped here), builds a tree
of about ``--units`` units (province → districts → communes → agencies) with some merged
(dissolved) units, ``--years`` years of quarterly values of one SUM indicator per unit and a
LATEST and a RATIO indicator, then times one roll-up of the whole province for the whole
span. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def build(units_wanted: int, years: int) -> dict[str, Any]:
    from indicators.models import Aggregation, Indicator, IndicatorValue, ValueType
    from orgunits.models import OrgUnit, SuccessionKind, UnitKind, UnitSuccession

    rng = random.Random(7)
    counter = 0

    def unit(name: str, parent: OrgUnit | None, **extra: Any) -> OrgUnit:
        nonlocal counter
        counter += 1
        u = OrgUnit(
            id=uuid.uuid4(),
            code=f"B{counter:05d}",
            name=name,
            kind=UnitKind.OTHER,
            parent=parent,
            **extra,
        )
        u.compute_path()
        return u

    root = unit("Tỉnh", None)
    districts = [unit(f"Huyện {d}", root) for d in range(20)]
    communes = [unit(f"Xã {d}.{c}", dist) for d, dist in enumerate(districts) for c in range(15)]
    remaining = max(0, units_wanted - 1 - len(districts) - len(communes))
    agencies = [unit(f"Cơ quan {i}", communes[i % len(communes)]) for i in range(remaining)]
    all_units = [root, *districts, *communes, *agencies]
    OrgUnit.objects.bulk_create(all_units, batch_size=2000)
    # 60 agencies were merged away (dissolved) into another commune's agency: their history
    # must count toward the successor, which makes the roll-up filter carry an OR clause.
    dissolved = rng.sample(agencies, 60)
    cut = datetime.date(2020 + years // 2, 6, 30)
    OrgUnit.objects.filter(pk__in=[u.pk for u in dissolved]).update(valid_to=cut)
    survivors = [a for a in agencies if a not in dissolved]
    UnitSuccession.objects.bulk_create(
        [
            UnitSuccession(
                predecessor=d,
                successor=rng.choice(survivors),
                kind=SuccessionKind.MERGE,
                effective_date=cut,
            )
            for d in dissolved
        ]
    )
    flow = Indicator.objects.create(
        code="B-SUM", name="Sự kiện", aggregation=Aggregation.SUM, value_type=ValueType.INTEGER
    )
    stock = Indicator.objects.create(
        code="B-LATEST", name="Doanh nghiệp", aggregation=Aggregation.LATEST
    )
    budget = Indicator.objects.create(
        code="B-BUDGET", name="Ngân sách", aggregation=Aggregation.SUM
    )
    ratio = Indicator.objects.create(
        code="B-RATIO",
        name="Tỷ lệ",
        aggregation=Aggregation.RATIO,
        numerator=flow,
        denominator=budget,
    )
    quarters = []
    for y in range(2016, 2016 + years):
        for q in range(4):
            start = datetime.date(y, 3 * q + 1, 1)
            end = (
                datetime.date(y, 12, 31)
                if q == 3
                else datetime.date(y, 3 * q + 4, 1) - datetime.timedelta(days=1)
            )
            quarters.append((start, end))
    from django.db import connection

    # One INSERT … SELECT per indicator (units × quarters): far faster than ORM bulk_create.
    table = IndicatorValue._meta.db_table
    total = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.7)")
        for ind, low, high in ((flow, 0, 12), (stock, 0, 40), (budget, 500, 5000)):
            cursor.execute(
                f"""
                INSERT INTO {table} (id, created_at, updated_at, indicator_id, unit_id,
                    period_start, period_end, value, source, note)
                SELECT gen_random_uuid(), now(), now(), %s, u.id, q.s::date,
                    (q.s + interval '3 months' - interval '1 day')::date,
                    floor(%s + random() * (%s - %s + 1)), 'demo', ''
                FROM {OrgUnit._meta.db_table} u
                CROSS JOIN generate_series(%s::date, %s::date, interval '3 months') AS q(s)
                WHERE u.code LIKE 'B0%%'
                """,
                [ind.pk, low, high, low, quarters[0][0], quarters[-1][0]],
            )
            total += cursor.rowcount
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "root": root,
        "district": districts[3],
        "flow": flow,
        "stock": stock,
        "ratio": ratio,
        "span": (quarters[0][0], quarters[-1][1]),
        "units": len(all_units),
        "values_per_indicator": len(all_units) * len(quarters),
        "values_total": total,
    }


def timeit(func: Any, repeat: int) -> tuple[float, float]:
    func()  # warm-up (plans, caches)
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return round(statistics.median(samples), 2), round(p95, 2)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        script = str(REPO / "scripts" / "with_postgres.sh")
        os.execv(script, [script, sys.executable, *sys.argv])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    import django

    django.setup()
    from django.db import connection

    from indicators.rollup import rollup

    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        t0 = time.perf_counter()
        data = build(args.units, args.years)
        build_s = round(time.perf_counter() - t0, 1)
        start, end = data["span"]
        root, district = data["root"], data["district"]
        result = {
            "engine": connection.vendor,
            "units": data["units"],
            "values": data["values_per_indicator"],
            "values_total": data["values_total"],
            "build_s": build_s,
        }
        med, p95 = timeit(lambda: rollup(data["flow"], root, start, end), args.repeat)
        result.update(rollup_median_ms=med, rollup_p95_ms=p95)
        for label, ind, unit in (
            ("latest_root", data["stock"], root),
            ("ratio_root", data["ratio"], root),
            ("sum_district", data["flow"], district),
        ):
            med, p95 = timeit(lambda ind=ind, unit=unit: rollup(ind, unit, start, end), args.repeat)
            result[f"{label}_median_ms"], result[f"{label}_p95_ms"] = med, p95
        if args.explain:
            from django.db.models import Sum

            from indicators.models import IndicatorValue
            from indicators.rollup import unit_q

            for unit in (root, district):
                rows = IndicatorValue.objects.filter(
                    unit_q(unit),
                    indicator=data["flow"],
                    period_start__gte=start,
                    period_end__lte=end,
                )
                plan = (
                    rows.values("indicator")
                    .annotate(s=Sum("value"))
                    .order_by()
                    .explain(analyze=True)
                )
                print(plan, file=sys.stderr)
        units, values = result["units"], result["values"]
        print(f"database {test_name}: {units} units, {values} values per indicator")
        print(json.dumps(result))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
