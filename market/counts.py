"""What the indicators count on the technology market (chỉ tiêu tính tự động).

Each source is a queryset of offers, needs or connections of a unit's subtree in a period, and
what is counted of it (the number of rows, or contract value in million VND). Registered with
``indicators.computed`` in ``MarketConfig.ready()``; the drill-down page lists exactly the rows
the figure counted, with their field and year, so the two cannot disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from market.models import Connection, ConnectionStatus, ListingStatus, Need, Offer

MILLION = Decimal(1_000_000)


def _offers(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Offer.objects.filter(
        owner_unit__path__startswith=path,
        status__in=(ListingStatus.PUBLISHED, ListingStatus.CLOSED),
        published_at__date__range=(start, end),
    )


def _needs(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Need.objects.filter(
        owner_unit__path__startswith=path,
        status__in=(ListingStatus.PUBLISHED, ListingStatus.CLOSED),
        published_at__date__range=(start, end),
    )


def _either_side(path: str) -> Q:
    return Q(need__owner_unit__path__startswith=path) | Q(offer__owner_unit__path__startswith=path)


def _connections(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Connection.objects.filter(_either_side(path), requested_at__date__range=(start, end))


def _contracts(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Connection.objects.filter(
        _either_side(path), status=ConnectionStatus.DEAL, contract__signed_on__range=(start, end)
    )


def _contract_value(path: str, start: datetime.date, end: datetime.date) -> Decimal:
    total = _contracts(path, start, end).aggregate(v=Sum("contract__value"))["v"]
    return Decimal(total or 0) / MILLION


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
        return f"{reverse('market:counted', kwargs={'code': self.code})}?{urlencode(query)}"


SOURCES: dict[str, CountSource] = {
    s.code: s
    for s in (
        CountSource("market.offers", _("Chợ công nghệ: số công nghệ chào bán được đăng"), _offers),
        CountSource("market.needs", _("Chợ công nghệ: số nhu cầu công nghệ được đăng"), _needs),
        CountSource(
            "market.connections", _("Chợ công nghệ: số yêu cầu kết nối cung – cầu"), _connections
        ),
        CountSource(
            "market.contracts", _("Chợ công nghệ: số hợp đồng chuyển giao công nghệ"), _contracts
        ),
        CountSource(
            "market.contract_value",
            _("Chợ công nghệ: giá trị hợp đồng chuyển giao (triệu đồng)"),
            _contracts,
            _contract_value,
        ),
    )
}


def register_sources() -> None:
    from indicators.computed import register_source

    for source in SOURCES.values():
        register_source(source.code, source.label, source.figure, source.drilldown_url)
