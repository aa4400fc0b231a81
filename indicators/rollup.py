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
import decimal
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, Max, Q, Sum

from indicators import computed
from indicators.models import (
    Aggregation,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    TargetPeriod,
    TimeBasis,
)

QUANTUM = Decimal("0.01")


_WIDE = decimal.Context(prec=400, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def _q2(value: Any) -> Decimal | None:
    # A wide context: a figure stored out of range (a REAL on SQLite) still rolls up.
    if value is None:
        return None
    return Decimal(value).quantize(QUANTUM, rounding=ROUND_HALF_UP, context=_WIDE)


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


def _reads_latest(indicator: Indicator) -> bool:
    """A stock is read at the last reporting date of the period, not added over time."""
    return indicator.aggregation == Aggregation.LATEST or (
        indicator.time_basis == TimeBasis.STOCK and indicator.aggregation == Aggregation.SUM
    )


def figures(
    indicators: Iterable[Indicator],
    unit_filter: Q,
    start: datetime.date,
    end: datetime.date,
    reported: dict[Any, int] | None = None,
    *,
    unit: Any = None,
) -> dict[Any, Decimal | None]:
    """Figures of several indicators over one set of units: one scan of the values for the
    sum/average/maximum indicators, one for the ``latest`` ones, one for the yes/no ones,
    ratios computed from those.

    A yes/no indicator is counted, never summed: its figure is the number of units that
    answered "có" in the period, and ``reported`` (when given) receives the number of units
    that answered at all. Computed indicators (``computed_source``) are asked of their
    registry for ``unit``."""
    indicators = list(indicators)
    leaves = _leaves(indicators)
    result: dict[Any, Decimal | None] = dict.fromkeys(leaves)
    for pk, ind in list(leaves.items()):
        if ind.is_computed:
            del leaves[pk]
            source = ind.computed_source
            result[pk] = None if unit is None else _q2(computed.figure(source, unit, start, end))
    rows = IndicatorValue.objects.filter(unit_filter, period_start__gte=start, period_end__lte=end)
    yes_no = [pk for pk, i in leaves.items() if i.is_boolean]
    plain = [pk for pk, i in leaves.items() if not _reads_latest(i) and not i.is_boolean]
    latest = [pk for pk, i in leaves.items() if _reads_latest(i) and not i.is_boolean]
    if yes_no:
        answers: Any = (
            rows.filter(indicator_id__in=yes_no)
            .values("indicator_id")
            .annotate(
                yes=Count("unit_id", distinct=True, filter=Q(value__gt=0)),
                n=Count("unit_id", distinct=True),
            )
            .order_by()
        )
        for r in answers:
            result[r["indicator_id"]] = Decimal(r["yes"])
            if reported is not None:
                reported[r["indicator_id"]] = r["n"]
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
    # Yes/no indicators: how many units answered (the value is how many said "có").
    reported: int | None = None
    target_row: IndicatorTarget | None = None


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


def period_kind(start: datetime.date, end: datetime.date) -> tuple[str, int] | None:
    """The target kind a period is like: a calendar year, a half-year, or a term (three
    years or more, measured against the five-year term ending at the next milestone year).
    A quarter or an odd stretch has no target of its own (``None``)."""
    whole_years = start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
    if start.year == end.year:
        if whole_years:
            return TargetPeriod.YEAR, end.year
        if (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
            return TargetPeriod.HALF1, end.year
        if (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
            return TargetPeriod.HALF2, end.year
        return None
    if end.year - start.year >= 3:
        return TargetPeriod.TERM, target_year(end)
    return None


def comparable_target(
    indicator: Indicator,
    held: dict[tuple[str, int], IndicatorTarget],
    start: datetime.date,
    end: datetime.date,
) -> IndicatorTarget | None:
    """The one target of ``held`` (by (period kind, year)) that the period's figure may be
    compared with — like with like:

    * a **flow** (summed over the period) only against a target of the same kind of period:
      a five-year cumulative figure is never set against a one-year target;
    * a **stock** (level at period end) or a **ratio** against a target of the same kind, else
      the level set for the end of that year, else for the end of the term.
    """
    kind = period_kind(start, end)
    same = held.get(kind) if kind else None
    if same is not None or indicator.time_basis == TimeBasis.FLOW and not indicator.is_stock:
        return same
    return held.get((TargetPeriod.YEAR, end.year)) or held.get(
        (TargetPeriod.TERM, target_year(end))
    )


def target_label(target: IndicatorTarget) -> str:
    """ "năm 2025", "6 tháng đầu năm 2025", "giai đoạn 2021 - 2025"."""
    from django.utils.translation import gettext as _

    if target.period == TargetPeriod.TERM:
        return _("giai đoạn %(a)s - %(b)s") % {"a": target.year - 4, "b": target.year}
    if target.period == TargetPeriod.HALF1:
        return _("6 tháng đầu năm %(y)s") % {"y": target.year}
    if target.period == TargetPeriod.HALF2:
        return _("6 tháng cuối năm %(y)s") % {"y": target.year}
    return _("năm %(y)s") % {"y": target.year}


def targets_by_unit(
    indicators: list[Indicator], units: list[Any]
) -> dict[tuple[Any, Any], dict[tuple[str, int], IndicatorTarget]]:
    """Every target of these indicators and units, as {(indicator, unit): {(kind, year): t}}."""
    held: dict[tuple[Any, Any], dict[tuple[str, int], IndicatorTarget]] = defaultdict(dict)
    for t in IndicatorTarget.objects.filter(indicator__in=indicators, unit__in=units):
        held[(t.indicator_id, t.unit_id)][(t.period, t.year)] = t
    return held


def table(indicators: Iterable[Indicator], units: Iterable[Any], period: Any) -> list[Row]:
    """Rows (one per indicator) of cells (one per unit): the figure and the unit's target for
    the same kind of period (``comparable_target``), if it has one.

    ``period`` is a ``(start, end)`` pair or anything with ``period_start``/``period_end`` (a
    reporting round). Queries: two per unit plus one for the targets.
    """
    indicators = list(indicators)
    units = list(units)
    start, end = _period_bounds(period)
    held = targets_by_unit(indicators, units)
    counts: dict[Any, dict[Any, int]] = {u.pk: {} for u in units}
    per_unit = {
        u.pk: figures(indicators, unit_q(u), start, end, counts[u.pk], unit=u) for u in units
    }
    rows = []
    for ind in indicators:
        cells = []
        for u in units:
            target = comparable_target(ind, held.get((ind.pk, u.pk), {}), start, end)
            cells.append(
                Cell(
                    unit=u,
                    value=per_unit[u.pk].get(ind.pk),
                    target=target.value if target else None,
                    reported=counts[u.pk].get(ind.pk),
                    target_row=target,
                    link=computed.drilldown(ind.computed_source, u, start, end)
                    if ind.is_computed
                    else None,
                )
            )
        rows.append(Row(indicator=ind, cells=cells))
    return rows


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


@dataclass
class Breakdown:
    """One indicator of the drill-down table: the unit's total, and what it is made of.

    For an additive indicator (a sum, or a yes/no count) ``total`` = ``own`` (the unit's own
    figures) + the children shown + ``other`` (children not shown, dissolved predecessors);
    ``other`` is ``None`` when there is nothing else. For the others (stocks read at the last
    date, averages, maxima, ratios) the total is not a sum of the parts and ``additive`` says
    so, so the table shows the rule instead of leaving the reader to add up."""

    indicator: Indicator
    total: Cell
    own: Cell
    children: list[Cell]
    other: Decimal | None
    additive: bool


def is_additive(indicator: Indicator) -> bool:
    return indicator.is_boolean or (
        indicator.aggregation == Aggregation.SUM and not _reads_latest(indicator)
    )


def breakdown(
    indicators: Iterable[Indicator], unit: Any, children: list[Any], period: Any
) -> list[Breakdown]:
    """The drill-down rows of ``unit``: total with its comparable target, own, children."""
    indicators = list(indicators)
    start, end = _period_bounds(period)
    rows = table(indicators, [unit, *children], (start, end))
    own_counts: dict[Any, int] = {}
    own = figures(indicators, Q(unit_id=unit.pk), start, end, own_counts)
    result = []
    for row in rows:
        ind = row.indicator
        total, kids = row.cells[0], row.cells[1:]
        own_cell = Cell(unit=unit, value=own.get(ind.pk), reported=own_counts.get(ind.pk))
        other = None
        additive = is_additive(ind)
        if additive and total.value is not None:
            parts = [own_cell.value, *(c.value for c in kids)]
            rest = total.value - sum((p for p in parts if p is not None), Decimal(0))
            other = rest if rest else None
        result.append(Breakdown(ind, total, own_cell, kids, other, additive))
    return result
