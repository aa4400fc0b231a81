"""Speed of compiling and exporting a tổng kết report, and of one indicator roll-up.

Builds, in a fresh PostgreSQL test database: 60 units, one plan with 300 tasks in sections
II.1…II.6 and III.1…III.4 (each task led by one unit with two cooperating units), a tổng kết
round in which every unit reported on each of its tasks (900 task sections, most accepted,
some drafts/returned), and 12 indicators with 2025 targets and five years of quarterly values
per unit. Times ``reviews.actions.compile_review`` + DOCX + XLSX export (``compile_median_s``)
and, separately, the PDF conversion through LibreOffice (``pdf_median_s``). Then builds the
indicators helper's province-scale dataset (``bench/indicator_rollup.py``: 3,000 units, ten
years) and times one roll-up of the whole province (``rollup_p95_ms``).

Usage::

    .venv/bin/python bench/compile_report.py [--repeat 5] [--no-pdf] [--no-rollup]

Without DATABASE_URL the script re-runs itself under ./scripts/with_postgres.sh. The last line
printed is one JSON object {"compile_median_s": …, "rollup_p95_ms": …, …}.
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
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

UNITS = 60
TASKS = 300
SECTIONS = [("II", str(i)) for i in range(1, 7)] + [("III", str(i)) for i in range(1, 5)]
RESULTS = [
    "Tổ chức {n} hội nghị quán triệt cho cán bộ, đảng viên",
    "Chuyển giao {n} quy trình kỹ thuật cho hợp tác xã",
    "Hỗ trợ {n} doanh nghiệp đổi mới công nghệ",
    "Xây dựng {n} mô hình ứng dụng công nghệ cao",
    "Đăng {n} tin, bài trên cổng thông tin điện tử",
]
DIFFICULTIES = [
    "Thiếu kinh phí thực hiện nhiệm vụ",
    "Kinh phí thực hiện nhiệm vụ còn thiếu",
    "Cán bộ kiêm nhiệm, thiếu nhân lực chuyên môn",
    "Thủ tục thanh quyết toán còn phức tạp",
    "Do nguồn ngân sách phân bổ chậm",
    "Doanh nghiệp chưa quan tâm đầu tư cho khoa học và công nghệ",
]
PROPOSALS = [
    "Đề nghị bổ sung kinh phí sự nghiệp khoa học và công nghệ",
    "Đề nghị tỉnh ban hành cơ chế hỗ trợ doanh nghiệp đổi mới công nghệ",
    "Kiến nghị đơn giản hóa thủ tục thanh quyết toán",
]


def build() -> dict[str, Any]:
    from indicators.models import Aggregation, Indicator, IndicatorTarget, IndicatorValue
    from orgunits.models import OrgUnit, UnitKind
    from plans.models import AssignmentRole, Plan, PlanStatus, Section, Task, TaskAssignment
    from reporting.models import PeriodKind, ReportingRound, ReportStatus, TaskReport, UnitReport

    rng = random.Random(11)
    owner = OrgUnit(code="C-UBND", name="Ủy ban nhân dân thành phố Thử", kind=UnitKind.GOVERNMENT)
    owner.save()
    units = []
    for i in range(UNITS):
        unit = OrgUnit(
            id=uuid.uuid4(),
            code=f"C-{i:03d}",
            name=f"Phòng chuyên môn số {i + 1} thành phố Thử",
            kind=UnitKind.GOVERNMENT_AGENCY,
            parent=owner,
        )
        unit.compute_path()
        units.append(unit)
    OrgUnit.objects.bulk_create(units)
    plan = Plan.objects.create(
        title="Kế hoạch phát triển khoa học và công nghệ thành phố Thử",
        owner=owner,
        start_year=2021,
        end_year=2025,
        status=PlanStatus.ACTIVE,
    )
    sections = []
    order = 0
    tops: dict[str, Section] = {}
    for top, child in SECTIONS:
        if top not in tops:
            order += 1
            tops[top] = Section.objects.create(
                plan=plan, label=top, heading=f"Mục {top}", order=order
            )
        order += 1
        sections.append(
            Section.objects.create(
                plan=plan,
                parent=tops[top],
                label=child,
                heading=f"Nhóm nhiệm vụ {top}.{child}",
                order=order,
            )
        )
    tasks = []
    for i in range(TASKS):
        section = sections[i % len(sections)]
        task = Task(
            id=uuid.uuid4(),
            plan=plan,
            section=section,
            code=f"{section.parent.label}.{section.label}.{i + 1}",  # type: ignore[union-attr]
            title=f"Nhiệm vụ thử số {i + 1} về ứng dụng khoa học và công nghệ",
            order=i,
            status="in_progress",
            progress=rng.randint(0, 100),
        )
        task.search_text = task.title
        tasks.append(task)
    Task.objects.bulk_create(tasks)
    assignments = []
    pairs = []
    for i, task in enumerate(tasks):
        chosen = [units[i % UNITS], units[(i + 7) % UNITS], units[(i + 19) % UNITS]]
        for j, unit in enumerate(chosen):
            role = AssignmentRole.LEAD if j == 0 else AssignmentRole.COOPERATING
            assignments.append(TaskAssignment(task=task, unit=unit, role=role))
            pairs.append((task, unit, role))
    TaskAssignment.objects.bulk_create(assignments)
    start, end = datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)
    rnd = ReportingRound.objects.create(
        plan=plan,
        kind=PeriodKind.FINAL_REVIEW,
        label="Tổng kết 2021 - 2025",
        period_start=start,
        period_end=end,
        due_date=datetime.date(2026, 1, 20),
    )
    tz = datetime.UTC
    reports = {}
    for i, unit in enumerate(units):
        status = (
            ReportStatus.ACCEPTED
            if i % 12
            else (ReportStatus.DRAFT if i % 24 else ReportStatus.RETURNED)
        )
        day = datetime.date(2026, 1, 10 + i % 20)
        reports[unit.pk] = UnitReport(
            id=uuid.uuid4(),
            round=rnd,
            unit=unit,
            status=status,
            submitted_at=datetime.datetime(day.year, day.month, day.day, 9, tzinfo=tz),
        )
    UnitReport.objects.bulk_create(reports.values())
    TaskReport.objects.bulk_create(
        [
            TaskReport(
                unit_report=reports[unit.pk],
                task=task,
                role=role,
                results=". ".join(
                    rng.choice(RESULTS).format(n=rng.randint(1, 30)) for _ in range(3)
                )
                + ".",
                status=rng.choice(["in_progress", "completed"]),
                progress=rng.randint(10, 100),
                difficulties="\n".join(rng.sample(DIFFICULTIES, 2)),
                proposals=rng.choice(PROPOSALS) + ".",
            )
            for task, unit, role in pairs
        ],
        batch_size=1000,
    )
    indicators = [
        Indicator.objects.create(
            code=f"CI-{k}",
            name=f"Chỉ tiêu thử {k}",
            measure_unit="đơn vị",
            aggregation=Aggregation.LATEST if k % 4 == 0 else Aggregation.SUM,
            order=k,
        )
        for k in range(12)
    ]
    IndicatorTarget.objects.bulk_create(
        [
            IndicatorTarget(indicator=ind, unit=owner, year=2025, value=Decimal(5000))
            for ind in indicators
        ]
    )
    quarters = []
    for y in range(2021, 2026):
        for q in range(4):
            qs = datetime.date(y, 3 * q + 1, 1)
            qe = (
                datetime.date(y, 12, 31)
                if q == 3
                else datetime.date(y, 3 * q + 4, 1) - datetime.timedelta(days=1)
            )
            quarters.append((qs, qe))
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=ind,
                unit=unit,
                period_start=qs,
                period_end=qe,
                value=Decimal(rng.randint(0, 20)),
                report=reports[unit.pk] if (qs, qe) == quarters[-1] else None,
            )
            for ind in indicators
            for unit in units
            for qs, qe in quarters
        ],
        batch_size=2000,
    )
    return {"plan": plan, "round": rnd}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-rollup", action="store_true")
    parser.add_argument("--rollup-repeat", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="print a profile of one compile")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        script = str(REPO / "scripts" / "with_postgres.sh")
        os.execv(script, [script, sys.executable, *sys.argv])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from reviews import actions
        from reviews.drafting import Period
        from reviews.exports import export

        t0 = time.perf_counter()
        data = build()
        result: dict[str, Any] = {
            "engine": connection.vendor,
            "build_s": round(time.perf_counter() - t0, 1),
        }
        period = Period.of_round(data["round"])
        if args.profile:
            import cProfile
            import pstats

            def once() -> None:
                rv = actions.compile_review(None, data["plan"], period, system=True)
                for fmt in ("docx", "xlsx"):
                    export(rv, fmt, final=False)

            profiler = cProfile.Profile()
            profiler.runcall(once)
            pstats.Stats(profiler, stream=sys.stderr).sort_stats(
                os.environ.get("PROFILE_SORT", "cumulative")
            ).print_stats(35)
        samples: list[float] = []
        sizes: dict[str, int] = {}
        review = None
        parts: dict[str, list[float]] = {"compile": [], "docx": [], "xlsx": []}
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            review = actions.compile_review(None, data["plan"], period, system=True)
            parts["compile"].append(time.perf_counter() - t0)
            for fmt in ("docx", "xlsx"):
                t1 = time.perf_counter()
                sizes[fmt] = len(export(review, fmt, final=False))
                parts[fmt].append(time.perf_counter() - t1)
            samples.append(time.perf_counter() - t0)
        for name, values in parts.items():
            result[f"{name}_only_median_s"] = round(statistics.median(values), 2)
        assert review is not None
        result.update(
            tasks=TASKS,
            units=UNITS,
            paragraphs=review.paragraphs.count(),
            docx_bytes=sizes["docx"],
            compile_median_s=round(statistics.median(samples), 2),
            compile_max_s=round(max(samples), 2),
        )
        if not args.no_pdf:
            from docparse.office import find_soffice

            if find_soffice():
                pdf_samples = []
                for _ in range(max(1, min(3, args.repeat))):
                    t0 = time.perf_counter()
                    pdf = export(review, "pdf", final=False)
                    pdf_samples.append(time.perf_counter() - t0)
                result.update(
                    pdf_median_s=round(statistics.median(pdf_samples), 2), pdf_bytes=len(pdf)
                )
                out = os.environ.get("BENCH_PDF_OUT")
                if out:
                    Path(out).write_bytes(pdf)
        if not args.no_rollup:
            bench_path = REPO / "bench" / "indicator_rollup.py"
            if bench_path.exists():
                import importlib.util

                spec = importlib.util.spec_from_file_location("indicator_rollup", bench_path)
                module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
                spec.loader.exec_module(module)  # type: ignore[union-attr]
                from indicators.rollup import rollup

                roll = module.build(3000, 10)
                rs, re_ = roll["span"]
                med, p95 = module.timeit(
                    lambda: rollup(roll["flow"], roll["root"], rs, re_), args.rollup_repeat
                )
                result.update(rollup_units=roll["units"], rollup_median_ms=med, rollup_p95_ms=p95)
        print(json.dumps(result))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
