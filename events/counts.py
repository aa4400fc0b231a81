"""What the indicators count in the events registry (chỉ tiêu tính tự động).

An event counts for the period it starts in and for a unit's subtree when its owning unit lies
in it; participants are summed over the same events. The drill-down ``events:counted`` lists
the very events counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind


def _events(path: str, start: datetime.date, end: datetime.date, kind: str = "") -> QuerySet:
    qs = Event.objects.filter(owner_unit__path__startswith=path, starts_on__range=(start, end))
    return qs.filter(kind=kind) if kind else qs


def _dissemination(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return _events(path, start, end, EventKind.DISSEMINATION)


def _participants(
    rows: Callable[[str, datetime.date, datetime.date], QuerySet],
) -> Callable[[str, datetime.date, datetime.date], Decimal]:
    def compute(path: str, start: datetime.date, end: datetime.date) -> Decimal:
        return Decimal(rows(path, start, end).aggregate(n=Sum("participants"))["n"] or 0)

    return compute


@dataclass(frozen=True)
class CountSource:
    code: str
    label: Any
    rows: Callable[[str, datetime.date, datetime.date], QuerySet]
    compute: Callable[[str, datetime.date, datetime.date], Decimal] | None = None

    def figure(self, path: str, start: datetime.date, end: datetime.date) -> Decimal:
        if self.compute is not None:
            return self.compute(path, start, end)
        return Decimal(self.rows(path, start, end).count())

    def drilldown_url(self, unit: Any, start: datetime.date, end: datetime.date) -> str:
        query = {"unit": str(unit.pk), "from": start.isoformat(), "to": end.isoformat()}
        return f"{reverse('events:counted', kwargs={'code': self.code})}?{urlencode(query)}"


SOURCES: dict[str, CountSource] = {
    s.code: s
    for s in (
        CountSource("events.count", _("Sự kiện KH&CN: số sự kiện tổ chức"), _events),
        CountSource(
            "events.participants",
            _("Sự kiện KH&CN: số lượt người tham dự"),
            _events,
            _participants(_events),
        ),
        CountSource(
            "events.dissemination",
            _("Sự kiện KH&CN: số buổi phổ biến, chuyển giao kiến thức KH&CN"),
            _dissemination,
        ),
        CountSource(
            "events.dissemination.participants",
            _("Sự kiện KH&CN: số lượt người dự các buổi phổ biến kiến thức KH&CN"),
            _dissemination,
            _participants(_dissemination),
        ),
        CountSource(
            "events.fairs",
            _("Sự kiện KH&CN: số hội chợ, triển lãm, Techmart, phiên kết nối cung – cầu"),
            lambda p, s, e: _events(p, s, e).filter(
                kind__in=(
                    EventKind.FAIR,
                    EventKind.EXHIBITION,
                    EventKind.TECHMART,
                    EventKind.CONNECTION,
                )
            ),
        ),
    )
}


def register_sources() -> None:
    from indicators.computed import register_source

    for source in SOURCES.values():
        register_source(source.code, source.label, source.figure, source.drilldown_url)
