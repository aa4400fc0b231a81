"""What the indicators count in the project registry (chỉ tiêu tính tự động).

Each source is a queryset of projects for a unit's subtree (the proposing unit or the managing
office lies in it) and a period, plus what is counted of it (the number of projects, or a sum
of budget lines in million VND). ``ProjectsConfig.ready()`` registers them with
``indicators.computed``; the drill-down is the project list filtered by ``counted=<code>``, so
the figure and the list come from the same queryset and cannot disagree.
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

from projects.models import (
    ENTERPRISE_SOURCES,
    STATE_SOURCES,
    Application,
    BudgetLine,
    FundingSource,
    Project,
    ProjectLevel,
    Status,
)

MILLION = Decimal(1_000_000)
UNDER_WAY = (Status.CONTRACTED, Status.IN_PROGRESS, Status.SUSPENDED)
DONE = (Status.ACCEPTED, Status.REGISTERED)


def in_subtree(path: str) -> Q:
    return Q(unit__path__startswith=path) | Q(managing_unit__path__startswith=path)


def _under_way(path: str, start: datetime.date, end: datetime.date, level: str = "") -> QuerySet:
    """Projects being carried out at some time in the period (contracted, not yet judged)."""
    qs = Project.objects.filter(
        in_subtree(path),
        Q(status__in=UNDER_WAY) | Q(status__in=(*DONE, Status.FAILED), accepted_on__gte=start),
        contract_signed_on__lte=end,
    )
    return qs.filter(level=level) if level else qs


def _accepted(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
    return Project.objects.filter(
        in_subtree(path), status__in=DONE, accepted_on__range=(start, end)
    )


def _applications(
    path: str, start: datetime.date, end: datetime.date, replication: bool
) -> QuerySet:
    rows = Application.objects.filter(year__range=(start.year, end.year))
    if replication:
        rows = rows.filter(is_replication=True)
    return Project.objects.filter(in_subtree(path), pk__in=rows.values("project_id"))


def _budget_projects(sources: tuple[str, ...]) -> Callable[..., QuerySet]:
    def projects(path: str, start: datetime.date, end: datetime.date) -> QuerySet:
        lines = BudgetLine.objects.filter(source__in=sources, year__range=(start.year, end.year))
        projects = Project.objects.filter(in_subtree(path), pk__in=lines.values("project_id"))
        return projects.exclude(status=Status.DRAFT)

    return projects


def _budget_sum(sources: tuple[str, ...]) -> Callable[[str, datetime.date, datetime.date], Decimal]:
    def compute(path: str, start: datetime.date, end: datetime.date) -> Decimal:
        total = BudgetLine.objects.filter(
            source__in=sources,
            year__range=(start.year, end.year),
            project__in=_budget_projects(sources)(path, start, end).values("pk"),
        ).aggregate(total=Sum("amount"))["total"]
        return Decimal(total or 0) / MILLION

    return compute


@dataclass(frozen=True)
class CountSource:
    code: str
    label: Any
    projects: Callable[[str, datetime.date, datetime.date], QuerySet]
    compute: Callable[[str, datetime.date, datetime.date], Decimal] | None = None  # default: count

    def figure(self, path: str, start: datetime.date, end: datetime.date) -> Decimal:
        if self.compute is not None:
            return self.compute(path, start, end)
        return Decimal(self.projects(path, start, end).count())

    def drilldown_url(self, unit: Any, start: datetime.date, end: datetime.date) -> str:
        query = {
            "counted": self.code,
            "unit": str(unit.pk),
            "from": start.isoformat(),
            "to": end.isoformat(),
        }
        return f"{reverse('projects:list')}?{urlencode(query)}"


SOURCES: dict[str, CountSource] = {
    s.code: s
    for s in (
        CountSource(
            "projects.under_way", _("Sổ nhiệm vụ KH&CN: số nhiệm vụ đang thực hiện"), _under_way
        ),
        CountSource(
            "projects.under_way.province",
            _("Sổ nhiệm vụ KH&CN: số nhiệm vụ cấp tỉnh đang thực hiện"),
            lambda p, s, e: _under_way(p, s, e, ProjectLevel.PROVINCE),
        ),
        CountSource(
            "projects.under_way.base",
            _("Sổ nhiệm vụ KH&CN: số nhiệm vụ cấp cơ sở đang thực hiện"),
            lambda p, s, e: _under_way(p, s, e, ProjectLevel.BASE),
        ),
        CountSource(
            "projects.accepted", _("Sổ nhiệm vụ KH&CN: số nhiệm vụ được nghiệm thu"), _accepted
        ),
        CountSource(
            "projects.applied",
            _("Sổ nhiệm vụ KH&CN: số nhiệm vụ có kết quả được ứng dụng"),
            lambda p, s, e: _applications(p, s, e, replication=False),
        ),
        CountSource(
            "projects.replicated",
            _("Sổ nhiệm vụ KH&CN: số nhiệm vụ có kết quả được nhân rộng"),
            lambda p, s, e: _applications(p, s, e, replication=True),
        ),
        CountSource(
            "projects.budget.state",
            _("Sổ nhiệm vụ KH&CN: kinh phí ngân sách nhà nước (triệu đồng)"),
            _budget_projects(STATE_SOURCES),
            _budget_sum(STATE_SOURCES),
        ),
        CountSource(
            "projects.budget.enterprise",
            _("Sổ nhiệm vụ KH&CN: kinh phí doanh nghiệp, kể cả quỹ phát triển KH&CN (triệu đồng)"),
            _budget_projects(ENTERPRISE_SOURCES),
            _budget_sum(ENTERPRISE_SOURCES),
        ),
        CountSource(
            "projects.budget.other",
            _("Sổ nhiệm vụ KH&CN: kinh phí xã hội hóa khác (triệu đồng)"),
            _budget_projects((FundingSource.OTHER,)),
            _budget_sum((FundingSource.OTHER,)),
        ),
    )
}


def register_sources() -> None:
    from indicators.computed import register_source

    for source in SOURCES.values():
        register_source(source.code, source.label, source.figure, source.drilldown_url)


def counted(code: str, unit: Any, start: datetime.date, end: datetime.date) -> QuerySet | None:
    """The projects a source counted (the drill-down), or None for an unknown source."""
    source = SOURCES.get(code)
    return None if source is None else source.projects(unit.path, start, end)
