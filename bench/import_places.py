"""Cost of seeing the unit registry by place (``imports.bodies.RegistryPlaces.build``), which the
import review, confirm page and confirm action do once per request, on a synthetic registry.

Usage::

    .venv/bin/python bench/import_places.py [--units 5000] [--repeat 7]

A tree of provinces → cities → wards → departments, named like real units. Prints median and
p95 for the full size and for a tenth of it, and their ratio per unit (≈1 when linear); the last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from imports.bodies import RegistryPlaces  # noqa: E402

PROVINCES = ["Lâm Đồng", "Lào Cai", "Tuyên Quang", "Bình Định", "Thanh Hóa", "Hà Giang"]
DEPARTMENTS = ["Phòng Kinh tế", "Phòng Nội vụ", "Phòng Văn hóa và Thông tin", "Trung tâm Y tế"]


Row = tuple[str, str, str | None, str]


def registry(size: int) -> list[Row]:
    rows: list[Row] = []

    def add(name: str, parent: Row | None) -> Row:
        unit_id = f"u{len(rows)}"
        path = (parent[3] if parent else "") + unit_id + "/"
        row: Row = (unit_id, name, parent[0] if parent else None, path)
        rows.append(row)
        return row

    i = 0
    while len(rows) < size:
        province = add(f"Ủy ban nhân dân tỉnh {PROVINCES[i % len(PROVINCES)]} {i}", None)
        city = add(f"Ủy ban nhân dân thành phố Thành {i}", province)
        for w in range(8):
            ward = add(f"Ủy ban nhân dân phường Xuân {w} - Thành {i}", city)
            for name in DEPARTMENTS:
                add(f"{name} phường Xuân {w} - Thành {i}", ward)
        i += 1
    return rows[:size]


def _time(rows: list[Row], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        RegistryPlaces.build(rows)
        out.append((time.perf_counter() - t0) * 1000)
    return sorted(out)


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    small_rows = registry(max(1, args.units // 10))
    rows = registry(args.units)
    small = _time(small_rows, args.repeat)
    full = _time(rows, args.repeat)
    per_unit_ratio = (statistics.median(full) / len(rows)) / (
        statistics.median(small) / len(small_rows)
    )
    print(
        f"{len(small_rows)} units: median {statistics.median(small):.1f} ms, p95 {_p95(small):.1f}"
    )
    print(f"{len(rows)} units: median {statistics.median(full):.1f} ms, p95 {_p95(full):.1f}")
    print(f"per-unit cost ratio (full / tenth): {per_unit_ratio:.2f}")
    print(
        json.dumps(
            {
                "units": len(rows),
                "median_ms": round(statistics.median(full), 2),
                "p95_ms": round(_p95(full), 2),
                "tenth_median_ms": round(statistics.median(small), 2),
                "per_unit_ratio": round(per_unit_ratio, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
