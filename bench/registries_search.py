"""Search latency of the actor and outcome registries at scale (issue 13).

Builds ``--rows`` records (default 100,000) in each registry — organisations, IP titles,
events, experts, cooperation agreements — with synthetic Vietnamese names, in a throwaway SQLite
database (or the one ``DATABASE_URL`` names), then times what a list page does for a search:
the folded, diacritic-insensitive filter (``core.filters.folded_search`` on ``search_text``),
the page of 50 rows and the pagination count. Queries are drawn from the registries' own
vocabulary, half typed with diacritics and half without, one to three words each.

Usage::

    .venv/bin/python bench/registries_search.py [--rows 100000] [--queries 40]

Figures per registry: median and p95 in ms; ratio = p95 / median. The last line printed is one
JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WORDS = (
    "hoa rau chè cà phê atisô dâu tây dược liệu nấm lan cúc hồng khoai tây giống sinh học "
    "vi tảo nhà kính thông minh cảm biến tưới nhỏ giọt hữu cơ chế biến sấy lạnh đóng gói "
    "Đà Lạt Lâm Đồng Cầu Đất Xuân Trường Trạm Hành Langbiang Tà Nung Thái Phiên Vạn Thành "
    "nông nghiệp công nghệ cao chuyển giao đổi mới sáng tạo khởi nghiệp chất lượng an toàn"
).split()
PREFIXES = ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Viện", "Trung tâm", "Trường"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def build(rows: int, rng: random.Random) -> dict[str, object]:
    import datetime

    from cooperation.models import Agreement
    from core.text import fold
    from events.models import Event
    from experts.models import Expert
    from ip.models import IpTitle
    from organisations.models import Organisation
    from orgunits import demo as orgunits_demo

    units = orgunits_demo.load()
    city = units["UBND-DL"]
    batch = 5000
    orgs = []
    for i in range(rows):
        name = f"{rng.choice(PREFIXES)} {phrase(rng, 3)} {i}"
        orgs.append(
            Organisation(
                id=uuid.uuid4(),
                kind="enterprise",
                name=name,
                area=city,
                search_text=fold(name),
                is_published=True,
            )  # fmt: skip
        )
    Organisation.objects.bulk_create(orgs, batch_size=batch)
    holders = orgs[:1000]
    day = datetime.date(2020, 1, 1)
    titles, events, experts, agreements = [], [], [], []
    for i in range(rows):
        name = f"{phrase(rng, 3)} {i}"
        titles.append(
            IpTitle(
                id=uuid.uuid4(),
                kind="trademark",
                name=name,
                holder=holders[i % 1000],
                owner_unit=city,
                search_text=fold(name),
                is_published=True,
            )  # fmt: skip
        )
        title = f"Hội thảo {phrase(rng, 4)} {i}"
        place = phrase(rng, 2)
        when = day + datetime.timedelta(days=i % 2000)
        events.append(
            Event(
                id=uuid.uuid4(),
                kind="workshop",
                title=title,
                owner_unit=city,
                organiser_name="Sở KH&CN",
                starts_on=when,
                ends_on=when,
                place=place,
                participants=i % 300,
                search_text=fold(f"{title} {place}"),
                is_published=True,
            )  # fmt: skip
        )
        full_name = f"Nguyễn {rng.choice(['Văn', 'Thị'])} {rng.choice(WORDS).title()} {i}"
        keywords = ", ".join(phrase(rng, 2) for _ in range(3))
        experts.append(
            Expert(
                id=uuid.uuid4(),
                full_name=full_name,
                birth_year=1950 + i % 50,
                degree="doctor",
                field="agriculture",
                keywords=keywords,
                owner_unit=city,
                consent_on=day,
                consent_profile=True,
                is_published=True,
                search_text=fold(f"{full_name} {keywords}"),
            )  # fmt: skip
        )
        scope = phrase(rng, 6)
        atitle = f"Hợp tác {phrase(rng, 3)} {i}"
        agreements.append(
            Agreement(
                id=uuid.uuid4(),
                title=atitle,
                owner_unit=city,
                scope=scope,
                status="negotiating",
                search_text=fold(f"{atitle} {scope}"),
                is_published=True,
            )  # fmt: skip
        )
    IpTitle.objects.bulk_create(titles, batch_size=batch)
    Event.objects.bulk_create(events, batch_size=batch)
    Expert.objects.bulk_create(experts, batch_size=batch)
    Agreement.objects.bulk_create(agreements, batch_size=batch)
    return {
        "organisations": (Organisation, "name"),
        "ip_titles": (IpTitle, "name"),
        "events": (Event, "-starts_on"),
        "experts": (Expert, "full_name"),
        "agreements": (Agreement, "title"),
    }


def time_searches(registries: dict, queries: list[str]) -> dict[str, dict[str, float]]:
    from core.filters import folded_search

    figures = {}
    for key, (model, order) in registries.items():
        timings = []
        for query in queries:
            started = time.perf_counter()
            qs = folded_search(model.objects.filter(is_published=True), "search_text", query)
            list(qs.order_by(order)[:50])
            qs.count()
            timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        p95 = percentile(timings, 0.95)
        figures[key] = {
            "median_ms": round(median, 2),
            "p95_ms": round(p95, 2),
            "ratio": round(p95 / median, 2) if median else 0.0,
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    tmp = None
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="khcn-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    rng = random.Random(13)
    started = time.perf_counter()
    registries = build(args.rows, rng)
    build_s = time.perf_counter() - started
    from core.text import fold

    queries = []
    for i in range(args.queries):
        text = phrase(rng, 1 + i % 3)
        queries.append(fold(text) if i % 2 else text)
    time_searches(registries, queries[:5])  # warm the page cache
    figures = time_searches(registries, queries)
    for key, row in figures.items():
        print(f"{key:14s} median {row['median_ms']:8.2f} ms   p95 {row['p95_ms']:8.2f} ms")
    result = {
        "rows_per_registry": args.rows,
        "queries": len(queries),
        "database": connection.vendor,
        "build_s": round(build_s, 1),
        "worst_p95_ms": max(r["p95_ms"] for r in figures.values()),
        **{f"{k}_{m}": v for k, r in figures.items() for m, v in r.items()},
    }
    connection.close()
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
