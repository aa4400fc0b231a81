"""What the indicators count in the products and IP registry (chỉ tiêu tính tự động).

IP titles are counted by kind: those in force at the end of the period (granted by then, not
expired before it) and those granted during it; authorised users of marks and GIs are counted
when their right to use overlaps the period. A record counts for a unit's subtree when its
owning unit lies in it. The drill-down ``ip:counted`` lists the very rows counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ip.models import AuthorisedUser, IpTitle, Product, TitleKind


def _in_force(path: str, start: datetime.date, end: datetime.date, kind: str = "") -> QuerySet:
    qs = IpTitle.objects.filter(owner_unit__path__startswith=path, grant_date__lte=end).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=end)
    )
    return qs.filter(kind=kind) if kind else qs


def _granted(path: str, start: datetime.date, end: datetime.date, kind: str = "") -> QuerySet:
    qs = IpTitle.objects.filter(owner_unit__path__startswith=path, grant_date__range=(start, end))
    return qs.filter(kind=kind) if kind else qs


def _authorised_users(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return AuthorisedUser.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        title__owner_unit__path__startswith=path,
        valid_from__lte=end,
    )


def _ocop_products(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Product.objects.filter(owner_unit__path__startswith=path, ocop_stars__isnull=False)


@dataclass(frozen=True)
class CountSource:
    code: str
    label: Any
    rows: Callable[[str, datetime.date, datetime.date], QuerySet]

    def figure(self, path: str, start: datetime.date, end: datetime.date) -> Decimal:
        return Decimal(self.rows(path, start, end).count())

    def drilldown_url(self, unit: Any, start: datetime.date, end: datetime.date) -> str:
        query = {"unit": str(unit.pk), "from": start.isoformat(), "to": end.isoformat()}
        return f"{reverse('ip:counted', kwargs={'code': self.code})}?{urlencode(query)}"


def _by_kind(kind: str) -> Callable[[str, datetime.date, datetime.date], QuerySet]:
    return lambda p, s, e: _in_force(p, s, e, kind)


def _sources() -> list[CountSource]:
    found = [
        CountSource("ip.titles", _("Sở hữu trí tuệ: số văn bằng còn hiệu lực"), _in_force),
        CountSource(
            "ip.titles.granted", _("Sở hữu trí tuệ: số văn bằng được cấp trong kỳ"), _granted
        ),
        CountSource(
            "ip.authorised_users",
            _(
                "Sở hữu trí tuệ: số tổ chức được cấp quyền sử dụng nhãn hiệu tập thể, chứng nhận, "
                "chỉ dẫn địa lý"
            ),
            _authorised_users,
        ),
        CountSource(
            "ip.products.ocop", _("Sản phẩm đặc trưng: số sản phẩm đạt OCOP"), _ocop_products
        ),
    ]
    for kind in TitleKind:
        found.append(
            CountSource(
                f"ip.titles.{kind.value}",
                format_lazy(
                    _("Sở hữu trí tuệ: số văn bằng còn hiệu lực – {kind}"), kind=kind.label
                ),
                _by_kind(kind.value),
            )
        )
    return found


SOURCES: dict[str, CountSource] = {s.code: s for s in _sources()}


def register_sources() -> None:
    from indicators.computed import register_source

    for source in SOURCES.values():
        register_source(source.code, source.label, source.figure, source.drilldown_url)
