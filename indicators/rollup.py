"""Roll-up of indicator values through the unit tree, over time and across reorganisations.

Rules (also shown on the catalogue page):

* **Tree.** A unit's figure covers every unit in its subtree: one aggregate query filtered on
  the materialised path prefix (``unit__path__startswith``), never a recursive walk.
* **Period.** A value counts when its own period lies inside the requested period.
* **Methods.** ``sum`` adds every value; ``average`` is the mean of the values; ``maximum`` the
  largest; ``latest`` (stocks such as "number of S&T enterprises") takes the most recent
  reporting date inside the period and adds the units' values of that date — so a dissolved
  unit, which stops reporting, drops out on its own and is never added to its successor's
  stock; ``ratio`` is rollup(numerator) / rollup(denominator) × ``ratio_scale``.
* **Reorganisations.** The history of a dissolved unit counts toward its successor's series:
  a predecessor outside the subtree is included when *all* of its successors are inside the
  subtree (or are themselves included predecessors). Renames and mergers (one successor) are
  therefore always followed. A **split** predecessor (several successors) is attributed to no
  single part — its figures cannot be apportioned — but to any unit whose subtree holds all
  the parts (e.g. their common parent). Each value row is matched at most once by the query
  (an ``OR`` of conditions, not a union), so nothing is counted twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Max, Q, Sum

from indicators import computed
from indicators.models import Aggregation, Indicator, IndicatorTarget, IndicatorValue

QUANTUM = Decimal("0.01")


def _q2(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(QUANTUM, rounding=ROUND_HALF_UP)


def included_predecessor_ids(unit: Any) -> set[Any]:
    """Dissolved units outside ``unit``'s subtree whose history belongs to its series."""
    from orgunits.models import UnitSuccession

    links = UnitSuccession.objects.values_list(
        "predecessor_id", "successor_id", "predecessor__path", "successor__path"
    )
    successors: dict[Any, set[Any]] = defaultdict(set)
    paths: dict[Any, str] = {}
    for pred, succ, pred_path, succ_path in links:
        successors[pred].add(succ)
        paths[pred] = pred_path
        paths[succ] = succ_path
    prefix = unit.path
    included: set[Any] = set()
    changed = True
    while changed:
        changed = False
        for pred, succs in successors.items():
            if pred in included or paths[pred].startswith(prefix):
                continue
            if all(paths[s].startswith(prefix) or s in included for s in succs):
                included.add(pred)
                changed = True
    return included


def unit_q(unit: Any) -> Q:
    """Q on IndicatorValue selecting the rows that make up ``unit``'s series.

    The units are a subquery (path prefix, plus included predecessors), so PostgreSQL can
    either hash the whole subtree or probe the value index unit by unit for a small one.
    """
    from orgunits.models import OrgUnit

    units = Q(path__startswith=unit.path)
    extra = included_predecessor_ids(unit)
    if extra:
        units |= Q(pk__in=extra)
    return Q(unit_id__in=OrgUnit.objects.filter(units).values("pk"))


def _leaves(indicators: Iterable[Indicator]) -> dict[Any, Indicator]:
    """The entered indicators behind ``indicators`` (ratios replaced by their operands)."""
    leaves: dict[Any, Indicator] = {}
    pending = list(indicators)
    seen: set[Any] = set()
    while pending:
        ind = pending.pop()
        if ind.pk in seen:
            continue
        seen.add(ind.pk)
        if ind.is_ratio:
            pending += [x for x in (ind.numerator, ind.denominator) if x is not None]
        else:
            leaves[ind.pk] = ind
    return leaves


def figures(
    indicators: Iterable[Indicator],
    unit_filter: Q,
    start: datetime.date,
    end: datetime.date,
    *,
    unit: Any = None,
) -> dict[Any, Decimal | None]:
    """Figures of several indicators over one set of units: one scan of the values for the
    sum/average/maximum indicators, one for the ``latest`` ones, ratios computed from those.
    Computed indicators (``computed_source``) are asked of their registry for ``unit``."""
    indicators = list(indicators)
    leaves = _leaves(indicators)
    result: dict[Any, Decimal | None] = dict.fromkeys(leaves)
    for pk, ind in list(leaves.items()):
        if ind.is_computed:
            del leaves[pk]
            source = ind.computed_source
            result[pk] = None if unit is None else _q2(computed.figure(source, unit, start, end))
    rows = IndicatorValue.objects.filter(unit_filter, period_start__gte=start, period_end__lte=end)
    plain = [pk for pk, i in leaves.items() if i.aggregation != Aggregation.LATEST]
    latest = [pk for pk, i in leaves.items() if i.aggregation == Aggregation.LATEST]
    if plain:
        keys = {Aggregation.AVERAGE: "a", Aggregation.MAXIMUM: "m"}
        stats: Any = (
            rows.filter(indicator_id__in=plain)
            .values("indicator_id")
            .annotate(s=Sum("value"), a=Avg("value"), m=Max("value"))
            .order_by()
        )
        for r in stats:
            method = leaves[r["indicator_id"]].aggregation
            result[r["indicator_id"]] = _q2(r[keys.get(method, "s")])  # type: ignore[call-overload]
    if latest:
        last: dict[Any, tuple[datetime.date, Any]] = {}
        for r in (
            rows.filter(indicator_id__in=latest)
            .values("indicator_id", "period_end")
            .annotate(s=Sum("value"))
            .order_by()
        ):
            known = last.get(r["indicator_id"])
            if known is None or r["period_end"] > known[0]:
                last[r["indicator_id"]] = (r["period_end"], r["s"])
        for pk, (_day, total) in last.items():
            result[pk] = _q2(total)
    # Ratios, innermost first (a ratio may use another ratio).
    ratios = [i for i in indicators if i.is_ratio]
    for _round in range(len(ratios) + 1):
        for ind in ratios:
            if ind.pk in result:
                continue
            num_id, den_id = ind.numerator_id, ind.denominator_id
            if num_id not in result or den_id not in result:
                for sub in (ind.numerator, ind.denominator):
                    if sub is not None and sub.is_ratio and sub not in ratios:
                        ratios.append(sub)
                continue
            num, den = result[num_id], result[den_id]
            result[ind.pk] = _q2(num / den * ind.ratio_scale) if num is not None and den else None
    for ind in ratios:
        result.setdefault(ind.pk, None)
    return result


def rollup(
    indicator: Indicator, unit: Any, period_start: datetime.date, period_end: datetime.date
) -> Decimal | None:
    """The indicator's figure for ``unit`` (its subtree and predecessors) over the period.

    ``None`` when nothing was reported (or a ratio's denominator is zero). One aggregate query
    over the values (two for a ratio mixing ``latest`` and other operands), plus one small
    query for the succession links.
    """
    return figures([indicator], unit_q(unit), period_start, period_end, unit=unit)[indicator.pk]


@dataclass
class Cell:
    unit: Any
    value: Decimal | None
    target: Decimal | None = None
    link: str | None = None  # computed indicators: the list of what was counted


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell] = field(default_factory=list)


def _period_bounds(period: Any) -> tuple[datetime.date, datetime.date]:
    if isinstance(period, tuple | list):
        return period[0], period[1]
    return period.period_start, period.period_end


def target_year(day: datetime.date) -> int:
    """The milestone year a period ending on ``day`` is measured against (2020, 2025, 2030…)."""
    return ((day.year + 4) // 5) * 5


def table(indicators: Iterable[Indicator], units: Iterable[Any], period: Any) -> list[Row]:
    """Rows (one per indicator) of cells (one per unit): figure and the unit's milestone target.

    ``period`` is a ``(start, end)`` pair or anything with ``period_start``/``period_end`` (a
    reporting round). Queries: two per unit plus one for the targets.
    """
    indicators = list(indicators)
    units = list(units)
    start, end = _period_bounds(period)
    year = target_year(end)
    targets = {
        (t.indicator_id, t.unit_id): t.value
        for t in IndicatorTarget.objects.filter(indicator__in=indicators, unit__in=units, year=year)
    }
    per_unit = {u.pk: figures(indicators, unit_q(u), start, end, unit=u) for u in units}
    return [
        Row(
            indicator=ind,
            cells=[
                Cell(
                    unit=u,
                    value=per_unit[u.pk].get(ind.pk),
                    target=targets.get((ind.pk, u.pk)),
                    link=computed.drilldown(ind.computed_source, u, start, end)
                    if ind.is_computed
                    else None,
                )
                for u in units
            ],
        )
        for ind in indicators
    ]


def series(
    indicator: Indicator, unit: Any, years: Iterable[int]
) -> list[tuple[int, Decimal | None]]:
    """Yearly figures of ``unit`` (calendar years) — the actual line of the target chart."""
    flt = unit_q(unit)
    return [
        (
            y,
            figures([indicator], flt, datetime.date(y, 1, 1), datetime.date(y, 12, 31), unit=unit)[
                indicator.pk
            ],
        )
        for y in years
    ]
