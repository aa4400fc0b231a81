"""Part I.3 of the report, indicators (kết quả thực hiện các chỉ tiêu): figures against targets.

Also builds the annex table of indicators (phụ lục 3).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from core.text import fold
from indicators.models import IndicatorTarget, IndicatorValue
from indicators.rollup import table, target_year
from reviews.drafting.base import Para
from reviews.drafting.gather import Sources
from reviews.drafting.text import fmt_number, render


def indicator_rows(sources: Sources) -> tuple[list[dict[str, Any]], dict[str, set[Any]]]:
    """Indicators vs targets, and the accepted reports each indicator's values came from.

    The plan is measured where its targets are set: among the plan's owner (and ancestors) and
    the units assigned to its tasks, each indicator takes the broadest unit (shallowest in the
    tree) holding a target for the milestone year, and its figure is that unit's roll-up over
    the period (``indicators.rollup.table``: subtree, predecessors, aggregation rule). Values
    entered in accepted reports of the round without such a target are added up as reported.
    """
    period = sources.period
    owner = sources.plan.owner
    candidates = {u.pk: u for u in [*owner.ancestors(), owner]}
    for task in sources.tasks:
        for assignment in task.assignments.all():
            candidates.setdefault(assignment.unit_id, assignment.unit)
    targets = sorted(
        IndicatorTarget.objects.filter(
            unit_id__in=list(candidates), year=target_year(period.end)
        ).select_related("indicator"),
        key=lambda t: (candidates[t.unit_id].depth, fold(candidates[t.unit_id].name)),
    )
    chosen: dict[Any, IndicatorTarget] = {}
    for held in targets:
        chosen.setdefault(held.indicator_id, held)
    by_unit: dict[Any, list[Any]] = defaultdict(list)
    for held in chosen.values():
        by_unit[held.unit_id].append(held.indicator)
    figures: dict[Any, Decimal | None] = {}
    for unit_id, indicator_list in by_unit.items():
        for row in table(indicator_list, [candidates[unit_id]], (period.start, period.end)):
            figures[row.indicator.pk] = row.cells[0].value
    sources_by_code: dict[str, set[Any]] = defaultdict(set)
    sums: dict[Any, Decimal] = defaultdict(Decimal)
    extra: dict[Any, Any] = {}
    for value in IndicatorValue.objects.filter(
        report_id__in=[r.pk for r in sources.accepted],
        period_start__gte=period.start,
        period_end__lte=period.end,
    ).select_related("indicator"):
        sources_by_code[value.indicator.code].add(value.report_id)
        if value.indicator_id not in chosen:
            extra.setdefault(value.indicator_id, value.indicator)
            sums[value.indicator_id] += value.value
    entries: list[tuple[Any, IndicatorTarget | None, Decimal | None]] = [
        (t.indicator, t, figures.get(t.indicator_id)) for t in chosen.values()
    ]
    entries += [(ind, None, sums[pk]) for pk, ind in extra.items()]
    rows = []
    for indicator, target, actual in sorted(entries, key=lambda e: (e[0].order, e[0].code)):
        percent = None
        if target is not None and actual is not None and target.value:
            percent = round(float(Decimal(str(actual)) / target.value * 100), 1)
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "measure_unit": indicator.measure_unit,
                "unit": candidates[target.unit_id].name if target else "",
                "target_year": target.year if target else None,
                "target": str(target.value) if target else None,
                "value": str(actual) if actual is not None else None,
                "percent": percent,
            }
        )
    return rows, sources_by_code


def _amount(value: Any, measure_unit: str) -> str:
    return f"{fmt_number(value)} {measure_unit}" if measure_unit else fmt_number(value)


def indicator_paragraphs(rows: list[dict[str, Any]], sources: dict[str, set[Any]]) -> list[Para]:
    paras = []
    for row in rows:
        has_target = row["target"] is not None
        text = render(
            "indicator.txt",
            name=row["name"],
            unit=row["unit"],
            value=_amount(row["value"], row["measure_unit"]) if row["value"] is not None else "",
            has_target=has_target,
            year=str(row["target_year"]) if has_target else "",
            target=_amount(row["target"], row["measure_unit"]) if has_target else "",
            percent=fmt_number(row["percent"]) if row["percent"] is not None else "",
        )
        paras.append(Para("results", text, reports=set(sources.get(row["code"], ()))))
    return paras
