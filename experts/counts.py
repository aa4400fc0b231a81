"""What the indicators count in the experts registry (chỉ tiêu tính tự động).

Scientists recorded by the end of the period, for a unit's subtree (the owning unit lies in
it), by degree and by age band at the period's end year. Anonymised records still count: the
withdrawal erased who they are, not that they exist. The drill-down ``experts:counted`` lists
the records counted that the viewer may see, and says how many it does not show.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from experts.models import Degree, Expert

#: Age bands (tuổi) at the end of the period: (code, label, lowest age, highest age).
AGE_BANDS = [
    ("under35", _("dưới 35 tuổi"), 0, 34),
    ("35_49", _("từ 35 đến 49 tuổi"), 35, 49),
    ("50_64", _("từ 50 đến 64 tuổi"), 50, 64),
    ("65plus", _("từ 65 tuổi"), 65, 200),
]


def _experts(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Expert.objects.filter(owner_unit__path__startswith=path, created_at__date__lte=end)


def _degree(*degrees: str) -> Callable[[str, datetime.date, datetime.date], QuerySet]:
    return lambda p, s, e: _experts(p, s, e).filter(degree__in=degrees)


def _age(low: int, high: int) -> Callable[[str, datetime.date, datetime.date], QuerySet]:
    # Born between (end year − high) and (end year − low): aged low..high in the end year.
    return lambda p, s, e: _experts(p, s, e).filter(
        birth_year__gte=e.year - high, birth_year__lte=e.year - low
    )


@dataclass(frozen=True)
class CountSource:
    code: str
    label: Any
    rows: Callable[[str, datetime.date, datetime.date], QuerySet]

    def figure(self, path: str, start: datetime.date, end: datetime.date) -> Decimal:
        return Decimal(self.rows(path, start, end).count())

    def drilldown_url(self, unit: Any, start: datetime.date, end: datetime.date) -> str:
        query = {"unit": str(unit.pk), "from": start.isoformat(), "to": end.isoformat()}
        return f"{reverse('experts:counted', kwargs={'code': self.code})}?{urlencode(query)}"


def _sources() -> list[CountSource]:
    found = [
        CountSource("experts.total", _("Chuyên gia: số nhà khoa học trong sổ"), _experts),
        CountSource(
            "experts.doctors",
            _("Chuyên gia: số tiến sĩ, tiến sĩ khoa học"),
            _degree(Degree.DOCTOR, Degree.DSC),
        ),
        CountSource("experts.masters", _("Chuyên gia: số thạc sĩ"), _degree(Degree.MASTER)),
        CountSource(
            "experts.bachelors", _("Chuyên gia: số cử nhân, kỹ sư"), _degree(Degree.BACHELOR)
        ),
    ]
    for code, label, low, high in AGE_BANDS:
        found.append(
            CountSource(
                f"experts.age.{code}",
                format_lazy(_("Chuyên gia: số nhà khoa học {band}"), band=label),
                _age(low, high),
            )
        )
    return found


SOURCES: dict[str, CountSource] = {s.code: s for s in _sources()}


def register_sources() -> None:
    from indicators.computed import register_source

    for source in SOURCES.values():
        register_source(source.code, source.label, source.figure, source.drilldown_url)
