"""Part I.3 of the report, indicators (kết quả thực hiện các chỉ tiêu): figures against targets.

Also builds the annex table of indicators (phụ lục 3). Two rules make the figures ones a
statistician would sign:

* **Like with like.** A figure is compared only with a target of the same kind of period
  (``indicators.rollup.comparable_target``): a flow summed over five years is set against a
  five-year target, never against a one-year one; a stock read at the end of the period against
  the level set for that time. Without a comparable target the figure is given alone.
* **Whose figure.** Every figure names the unit it belongs to; figures of units below the
  plan's level (a ward that set its own target) are grouped apart and say they are that unit's
  own, so a ward's number never reads as the city's.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from core.text import fold
from indicators import formatting
from indicators.models import IndicatorTarget, IndicatorValue, TimeBasis
from indicators.rollup import figures, table, target_label
from reviews.drafting.base import Para
from reviews.drafting.gather import Sources
from reviews.drafting.text import fmt_date, render
from reviews.models import ParagraphKind

AREA, LOCAL, REPORTED = "area", "local", "reported"


def _percent(actual: Decimal | None, target: Decimal | None) -> float | None:
    if actual is None or not target:
        return None
    return round(float(Decimal(str(actual)) / target * 100), 1)


def _row(indicator: Any, unit_name: str, level: str, cell: Any, reported: Any = None) -> dict:
    target = cell.target_row if cell is not None else None
    value = cell.value if cell is not None else None
    count = cell.reported if cell is not None else reported
    return {
        "code": indicator.code,
        "name": indicator.name,
        "measure_unit": indicator.measure_unit,
        "value_type": indicator.value_type,
        "basis": "stock" if indicator.is_stock else indicator.time_basis,
        "unit": unit_name,
        "level": level,
        "target_label": target_label(target) if target is not None else "",
        "target": str(target.value) if target is not None else None,
        "value": str(value) if value is not None else None,
        "units_reported": count,
        "percent": None if indicator.is_boolean else _percent(value, target and target.value),
    }


def indicator_rows(sources: Sources) -> tuple[list[dict[str, Any]], dict[str, set[Any]]]:
    """Indicators vs comparable targets, and the accepted reports each indicator came from.

    The plan is measured where its targets are set: among the plan's owner (and ancestors) and
    the units assigned to its tasks, each indicator takes the broadest unit (shallowest in the
    tree) holding a target of any kind; its figure is that unit's roll-up over the period
    (subtree, predecessors, time basis). Indicators reported in the accepted reports without
    any target are rolled up over the reporting units, by the same rules, and say so.
    """
    period = sources.period
    owner = sources.plan.owner
    candidates = {u.pk: u for u in [*owner.ancestors(), owner]}
    for task in sources.tasks:
        for assignment in task.assignments.all():
            candidates.setdefault(assignment.unit_id, assignment.unit)
    targets = sorted(
        IndicatorTarget.objects.filter(unit_id__in=list(candidates)).select_related("indicator"),
        key=lambda t: (candidates[t.unit_id].depth, fold(candidates[t.unit_id].name)),
    )
    chosen: dict[Any, IndicatorTarget] = {}
    for held in targets:
        chosen.setdefault(held.indicator_id, held)
    top = min((candidates[t.unit_id].depth for t in chosen.values()), default=0)
    by_unit: dict[Any, list[Any]] = defaultdict(list)
    for held in chosen.values():
        by_unit[held.unit_id].append(held.indicator)
    entries: list[tuple[Any, dict[str, Any]]] = []
    for unit_id, indicator_list in by_unit.items():
        unit = candidates[unit_id]
        level = AREA if unit.depth <= top else LOCAL
        for row in table(indicator_list, [unit], (period.start, period.end)):
            entries.append((row.indicator, _row(row.indicator, unit.name, level, row.cells[0])))
    sources_by_code: dict[str, set[Any]] = defaultdict(set)
    extra: dict[Any, Any] = {}
    reporting_units: set[Any] = set()
    for value in IndicatorValue.objects.filter(
        report_id__in=[r.pk for r in sources.accepted],
        period_start__gte=period.start,
        period_end__lte=period.end,
    ).select_related("indicator"):
        sources_by_code[value.indicator.code].add(value.report_id)
        if value.indicator_id not in chosen:
            extra.setdefault(value.indicator_id, value.indicator)
            reporting_units.add(value.unit_id)
    if extra:
        counts: dict[Any, int] = {}
        rolled = figures(
            list(extra.values()),
            Q(unit_id__in=reporting_units, report_id__in=[r.pk for r in sources.accepted]),
            period.start,
            period.end,
            counts,
        )
        for pk, ind in extra.items():
            units = len({r.unit_id for r in sources.accepted if r.pk in sources_by_code[ind.code]})
            line = _row(ind, "", REPORTED, None, counts.get(pk))
            line["value"] = str(rolled[pk]) if rolled.get(pk) is not None else None
            line["reports"] = units
            entries.append((ind, line))
    entries.sort(key=lambda e: ({AREA: 0, LOCAL: 1, REPORTED: 2}[e[1]["level"]], e[0].order))
    return [row for _ind, row in entries], sources_by_code


def value_text(row: dict[str, Any]) -> str:
    """The figure as the report writes it, with its measure unit; a yes/no one as a count."""
    if row["value"] is None:
        return ""
    if row["value_type"] == "boolean":
        return formatting.count_yes(Decimal(row["value"]), row.get("units_reported"))
    places = 0 if row["value_type"] == "integer" else 2
    number = formatting.number(row["value"], places)
    return f"{number} {row['measure_unit']}".strip()


def target_text(row: dict[str, Any]) -> str:
    if row["target"] is None:
        return ""
    places = 0 if row["value_type"] == "integer" else 2
    return f"{formatting.number(row['target'], places)} {row['measure_unit']}".strip()


def _when(row: dict[str, Any], start: str, end: str) -> str:
    """What the figure covers: summed over the period, read at its end, or computed for it."""
    if row["basis"] == "stock":
        return _("tại ngày %(end)s") % {"end": end}
    if row["basis"] == TimeBasis.RATIO:
        return _("tính cho cả kỳ từ %(start)s đến %(end)s") % {"start": start, "end": end}
    return _("cộng dồn từ %(start)s đến %(end)s") % {"start": start, "end": end}


def indicator_paragraphs(
    rows: list[dict[str, Any]], sources: dict[str, set[Any]], period: Any = None
) -> list[Para]:
    start = fmt_date(period.start) if period is not None else ""
    end = fmt_date(period.end) if period is not None else ""
    paras = []
    shown_level = AREA
    for row in rows:
        if row["level"] != shown_level:
            shown_level = row["level"]
            lead = (
                _(
                    "Chỉ tiêu do đơn vị cơ sở tự đặt mục tiêu (số liệu riêng của từng đơn vị, "
                    "không phải của toàn địa bàn):"
                )
                if shown_level == LOCAL
                else _(
                    "Chỉ tiêu chưa có mục tiêu (tổng hợp từ các báo cáo được tiếp nhận, chỉ "
                    "gồm các đơn vị đã báo cáo):"
                )
            )
            paras.append(Para("results", lead, ParagraphKind.TEXT))
        whose = row["unit"] or _("%(n)s đơn vị báo cáo") % {"n": row.get("reports", 0)}
        text = render(
            "indicator.txt",
            name=row["name"],
            whose=whose,
            when=_when(row, start, end) if period is not None else "",
            value=value_text(row),
            has_target=row["target"] is not None,
            target_label=row["target_label"],
            target=target_text(row),
            percent=formatting.number(row["percent"], 1) if row["percent"] is not None else "",
        )
        paras.append(Para("results", text, reports=set(sources.get(row["code"], ()))))
    return paras
