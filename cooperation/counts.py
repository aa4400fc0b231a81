"""What the indicators count in the cooperation registry (chỉ tiêu tính tự động): agreements
signed in the period, in force at its end, and those with foreign partners. The drill-down
``cooperation:counted`` lists the very agreements counted."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models import Agreement, AgreementStatus, PartnerScope


def _signed(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Agreement.objects.filter(
        owner_unit__path__startswith=path, signed_on__range=(start, end)
    ).exclude(status=AgreementStatus.NEGOTIATING)


def _in_force(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Agreement.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=end),
        owner_unit__path__startswith=path,
        signed_on__lte=end,
        status__in=(AgreementStatus.ACTIVE, AgreementStatus.EXPIRED),
    )


def _foreign(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return _signed(path, start, end).filter(partner_scope=PartnerScope.FOREIGN)


@dataclass(frozen=True)
class CountSource:
    code: str
    label: Any
    rows: Callable[[str, datetime.date, datetime.date], QuerySet]

    def figure(self, path: str, start: datetime.date, end: datetime.date) -> Decimal:
        return Decimal(self.rows(path, start, end).count())

    def drilldown_url(self, unit: Any, start: datetime.date, end: datetime.date) -> str:
        query = {"unit": str(unit.pk), "from": start.isoformat(), "to": end.isoformat()}
        return f"{reverse('cooperation:counted', kwargs={'code': self.code})}?{urlencode(query)}"


SOURCES: dict[str, CountSource] = {
    s.code: s
    for s in (
        CountSource("cooperation.signed", _("Hợp tác KH&CN: số thỏa thuận ký trong kỳ"), _signed),
        CountSource(
            "cooperation.in_force",
            _("Hợp tác KH&CN: số thỏa thuận còn hiệu lực cuối kỳ"),
            _in_force,
        ),
        CountSource(
            "cooperation.foreign",
            _("Hợp tác KH&CN: số thỏa thuận với đối tác nước ngoài ký trong kỳ"),
            _foreign,
        ),
    )
}


def register_sources() -> None:
    from indicators.computed import register_source

    for source in SOURCES.values():
        register_source(source.code, source.label, source.figure, source.drilldown_url)
