"""Calendar arithmetic for reporting periods, and who is responsible for a round.

Pure functions over already loaded rows, so the demo loader and the derive action share them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from reporting.models import PeriodKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTHS_PER_KIND = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date
    label: str


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def period_label(kind: str, start: datetime.date) -> str:
    if kind == PeriodKind.MONTH:
        return _("Tháng %(m)s/%(y)s") % {"m": f"{start.month:02d}", "y": start.year}
    if kind == PeriodKind.QUARTER:
        return _("Quý %(q)s/%(y)s") % {"q": ROMAN[(start.month - 1) // 3 + 1], "y": start.year}
    if kind == PeriodKind.HALF_YEAR:
        if start.month <= 6:
            return _("6 tháng đầu năm %(y)s") % {"y": start.year}
        return _("6 tháng cuối năm %(y)s") % {"y": start.year}
    return _("Năm %(y)s") % {"y": start.year}


def periods(
    kind: str, start: datetime.date, until: datetime.date, end: datetime.date | None = None
) -> Iterator[Period]:
    """Calendar-aligned periods of ``kind`` that begin between ``start``'s period and ``until``."""
    step = MONTHS_PER_KIND[PeriodKind(kind)]
    month = ((start.month - 1) // step) * step + 1
    year = start.year
    last = min(until, end) if end else until
    while True:
        first_day = datetime.date(year, month, 1)
        if first_day > last:
            return
        end_month = month + step - 1
        yield Period(kind, first_day, _month_end(year, end_month), period_label(kind, first_day))
        month += step
        if month > 12:
            month -= 12
            year += 1


def resolve_responsible(
    unit: Any, day: datetime.date, successors: dict[Any, list[Any]], _seen: frozenset = frozenset()
) -> list[Any]:
    """The units answering for ``unit`` on ``day``: itself while it exists, else its successors
    (followed through further reorganisations). ``successors`` maps unit id → successor units."""
    if unit.valid_to is None or unit.valid_to >= day:
        return [unit]
    result: list[Any] = []
    for successor in successors.get(unit.pk, []):
        if successor.pk in _seen:
            continue
        for found in resolve_responsible(successor, day, successors, _seen | {unit.pk}):
            if found not in result:
                result.append(found)
    return result


def responsible_units(
    tasks: Iterable[Any], period_end: datetime.date, successors: dict[Any, list[Any]]
) -> tuple[dict[Any, dict[Any, str]], list[Any]]:
    """For a round ending on ``period_end``: {unit: {task: role}} and the dissolved units nobody
    took over. ``tasks`` carry prefetched active ``assignments`` with their ``unit``.

    A unit answers for the tasks it is actively assigned to; when its validity ended before the
    period does, its successors answer instead. A lead role wins over a cooperating one.
    """
    result: dict[Any, dict[Any, str]] = {}
    orphans: list[Any] = []
    for task in tasks:
        for assignment in task.assignments.all():
            if not assignment.is_active:
                continue
            unit = assignment.unit
            if unit.valid_from and unit.valid_from > period_end:
                continue  # did not exist yet during the period
            units = resolve_responsible(unit, period_end, successors)
            if not units and unit not in orphans:
                orphans.append(unit)
            for responsible in units:
                roles = result.setdefault(responsible, {})
                if roles.get(task) != "lead":
                    roles[task] = assignment.role
    return result, orphans


def successor_map() -> dict[Any, list[Any]]:
    from orgunits.models import UnitSuccession

    mapping: dict[Any, list[Any]] = {}
    for link in UnitSuccession.objects.select_related("successor").order_by("successor__name"):
        mapping.setdefault(link.predecessor_id, []).append(link.successor)
    return mapping
