"""What the indicators count in the organisation registry (chỉ tiêu tính tự động).

Each source is a queryset of organisations (or of yearly fund rows) of a unit's subtree — the
organisation is that unit or lies in its area — and a period, plus what is counted of it.
``organisations`` sits below ``indicators``, so ``indicators`` registers these sources at
start-up (``IndicatorsConfig.ready``); the drill-down page ``organisations:counted`` lists
exactly the rows the figure counted, from the same queryset.
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

from organisations.models import Organisation, OrganisationKind, StFund

MILLION = Decimal(1_000_000)


def in_subtree(path: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}unit__path__startswith": path}) | Q(
        **{f"{prefix}area__path__startswith": path}
    )


def _st_enterprises(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    """Enterprises holding an S&T enterprise certificate granted by the end of the period."""
    return Organisation.objects.filter(
        in_subtree(path),
        kind=OrganisationKind.ENTERPRISE,
        st_certificate_date__lte=end,
    )


def _new_st_enterprises(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return _st_enterprises(path, start, end).filter(st_certificate_date__gte=start)


def _startups(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Organisation.objects.filter(
        in_subtree(path), kind=OrganisationKind.ENTERPRISE, is_innovative_startup=True
    )


def _st_organisations(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Organisation.objects.filter(
        in_subtree(path), kind=OrganisationKind.ST_ORGANISATION, registration_date__lte=end
    )


def _funds(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    """Yearly fund rows of the period's years where the enterprise had set up its fund."""
    return StFund.objects.filter(
        in_subtree(path, "organisation__"),
        is_established=True,
        year__range=(start.year, end.year),
    )


def _fund_enterprises(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Organisation.objects.filter(pk__in=_funds(path, start, end).values("organisation_id"))


def _fund_sum(field: str) -> Callable[[str, datetime.date, datetime.date], Decimal]:
    def compute(path: str, start: datetime.date, end: datetime.date) -> Decimal:
        total = _funds(path, start, end).aggregate(total=Sum(field))["total"]
        return Decimal(total or 0) / MILLION

    return compute


def _fund_used(path: str, start: datetime.date, end: datetime.date) -> Decimal:
    # One query for every purpose's column (a computed figure is one query per unit).
    totals = _funds(path, start, end).aggregate(**{name: Sum(name) for name in StFund.USED_FIELDS})
    return sum((Decimal(v or 0) for v in totals.values()), Decimal(0)) / MILLION


@dataclass(frozen=True)
class CountSource:
    code: str
    label: Any
    rows: Callable[[str, datetime.date, datetime.date], QuerySet]
    compute: Callable[[str, datetime.date, datetime.date], Decimal] | None = None  # default: count

    def figure(self, path: str, start: datetime.date, end: datetime.date) -> Decimal:
        if self.compute is not None:
            return self.compute(path, start, end)
        return Decimal(self.rows(path, start, end).count())

    def drilldown_url(self, unit: Any, start: datetime.date, end: datetime.date) -> str:
        query = {"unit": str(unit.pk), "from": start.isoformat(), "to": end.isoformat()}
        url = reverse("organisations:counted", kwargs={"code": self.code})
        return f"{url}?{urlencode(query)}"


SOURCES: dict[str, CountSource] = {
    s.code: s
    for s in (
        CountSource(
            "organisations.st_enterprises",
            _("Danh bạ tổ chức: số doanh nghiệp KH&CN (có giấy chứng nhận)"),
            _st_enterprises,
        ),
        CountSource(
            "organisations.st_enterprises.new",
            _("Danh bạ tổ chức: số doanh nghiệp KH&CN được cấp giấy chứng nhận trong kỳ"),
            _new_st_enterprises,
        ),
        CountSource(
            "organisations.startups",
            _("Danh bạ tổ chức: số doanh nghiệp khởi nghiệp đổi mới sáng tạo"),
            _startups,
        ),
        CountSource(
            "organisations.st_organisations",
            _("Danh bạ tổ chức: số tổ chức KH&CN có giấy đăng ký hoạt động"),
            _st_organisations,
        ),
        CountSource(
            "organisations.fund_enterprises",
            _("Danh bạ tổ chức: số doanh nghiệp thành lập quỹ phát triển KH&CN"),
            _fund_enterprises,
        ),
        CountSource(
            "organisations.fund_set_aside",
            _("Danh bạ tổ chức: quỹ phát triển KH&CN của doanh nghiệp, số trích lập (triệu đồng)"),
            _funds,
            _fund_sum("amount_set_aside"),
        ),
        CountSource(
            "organisations.fund_used",
            _("Danh bạ tổ chức: quỹ phát triển KH&CN của doanh nghiệp, số sử dụng (triệu đồng)"),
            _funds,
            _fund_used,
        ),
    )
}


def register_sources(register: Callable[..., None]) -> None:
    """Hand every source to ``register`` (``indicators.computed.register_source``): this app
    sits below ``indicators`` and does not import it."""
    for source in SOURCES.values():
        register(source.code, source.label, source.figure, source.drilldown_url)
