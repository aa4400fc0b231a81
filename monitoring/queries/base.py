"""What every part of the dashboard starts from: the filters, the user's scope, and the scoped
querysets of rounds, unit reports and task report sections (every row through ``visible_to``).

Per-child figures (completeness, progress and difficulties per unit) group the subtree of the
selected unit by its children: a row's unit path cut after the child's segment (``child_key``)
stands for the child and everything below it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from core.scoping import scope_for
from orgunits.models import OrgUnit
from plans.models import Plan
from reporting.models import ReportingRound, ReportStatus, TaskReport, UnitReport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# A materialised-path segment is 12 hex digits and a slash (OrgUnit.segment).
SEGMENT = 13
LIST_LIMIT = 50
UNITS_PER_TASK = 20
RECEIVED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)

Counts = dict[str, Any]
Units = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Filters:
    """What the dashboard is restricted to: one plan, optionally one year and one subtree."""

    plan_id: Any
    year: int | None = None
    unit: OrgUnit | None = None
    today: datetime.date | None = None
    # The selection's rounds, once read (dashboard() sets them): reports are then filtered by
    # these ids, which PostgreSQL answers from the round index, instead of by a join on the
    # rounds' plan and year, which it answered by scanning every report.
    round_ids: tuple[Any, ...] | None = None
    # Set by dashboard() when the unit is the registry's only root: its subtree is everything,
    # and filtering on it would only add a join to the unit table to every aggregate.
    whole_tree: bool = False

    @property
    def day(self) -> datetime.date:
        return self.today or timezone.localdate()

    @property
    def subtree(self) -> str | None:
        """The path prefix every row's unit must start with, or None for no restriction."""
        if self.unit is None or self.whole_tree:
            return None
        return self.unit.path


# ---------------------------------------------------------------------------------------------
# The user's scope and the filters' choices
# ---------------------------------------------------------------------------------------------


def visible_plans(user: User | AnonymousUser) -> list[dict[str, Any]]:
    """Plans the user sees that have reporting rounds (the plan filter's choices)."""
    rounds = ReportingRound.objects.visible_to(user).values("plan_id")
    plans = Plan.objects.visible_to(user).filter(pk__in=rounds).order_by("-created_at")
    return [dict(row) for row in plans.values("pk", "title")]


def unit_in_scope(user: User | AnonymousUser, unit: OrgUnit) -> bool:
    return scope_for(user).contains_path(unit.path)


def default_unit(user: User | AnonymousUser) -> OrgUnit | None:
    """Where the dashboard starts without a unit chosen: a unit user at the top of their own
    subtree; someone who sees everything at the root when the registry has a single one (a
    province's tree), else above the roots."""
    scope = scope_for(user)
    if scope.sees_everything:
        roots = list(OrgUnit.objects.visible_to(user).filter(parent__isnull=True)[:2])
        return roots[0] if len(roots) == 1 else None
    if not scope.unit_paths:
        return None
    return OrgUnit.objects.filter(path=min(scope.unit_paths, key=len)).first()


def scope_units(user: User | AnonymousUser) -> list[OrgUnit]:
    """The top units of a unit user's scope (one per separate subtree), by name; empty for
    someone who sees everything."""
    scope = scope_for(user)
    if scope.sees_everything:
        return []
    tops = [
        p for p in scope.unit_paths if not any(p != q and p.startswith(q) for q in scope.unit_paths)
    ]
    return list(OrgUnit.objects.visible_to(user).filter(path__in=tops).order_by("name"))


def rounds(user: User | AnonymousUser, f: Filters) -> list[dict[str, Any]]:
    return list(
        rounds_qs(user, f)
        .order_by("period_start", "kind")
        .values("pk", "label", "kind", "period_start", "period_end", "due_date")
    )


def years(user: User | AnonymousUser, plan_id: Any) -> list[int]:
    dates = (
        ReportingRound.objects.visible_to(user)
        .filter(plan_id=plan_id)
        .dates("period_end", "year", order="DESC")
    )
    return [d.year for d in dates]


def default_year(choices: list[int], today: datetime.date | None = None) -> int | None:
    """The current year when it has rounds, else the latest year before it, else the first."""
    year = (today or timezone.localdate()).year
    past = [y for y in choices if y <= year]
    if past:
        return max(past)
    return min(choices) if choices else None


# ---------------------------------------------------------------------------------------------
# Scoped base querysets
# ---------------------------------------------------------------------------------------------


def rounds_qs(user: User | AnonymousUser, f: Filters) -> QuerySet:
    qs = ReportingRound.objects.visible_to(user).filter(plan_id=f.plan_id)
    if f.year:
        qs = qs.filter(period_end__year=f.year)
    return qs


def reports_qs(user: User | AnonymousUser, f: Filters) -> QuerySet:
    qs = UnitReport.objects.visible_to(user)
    if f.round_ids is not None:
        qs = qs.filter(round_id__in=f.round_ids)
    else:
        qs = qs.filter(round__plan_id=f.plan_id)
        if f.year:
            qs = qs.filter(round__period_end__year=f.year)
    if f.subtree:
        qs = qs.filter(unit__path__startswith=f.subtree)
    return qs


def selected_round_ids(user: User | AnonymousUser, f: Filters) -> Any:
    if f.round_ids is not None:
        return f.round_ids
    return rounds_qs(user, f).values("pk")


def sections_qs(
    user: User | AnonymousUser, f: Filters, round_ids: list[Any], received: bool = False
) -> QuerySet:
    """Task report sections of some rounds of the selection (received reports only if asked).

    Read through the sections' own round copy (an index on it), never through a list of report
    ids, which made PostgreSQL hash the whole unit report table (bench/monitoring.py).
    Aggregates over sections count an indexed column, never the primary key, so the covering
    index answers alone."""
    qs = TaskReport.objects.visible_to(user).filter(round_id__in=round_ids)
    if f.subtree:
        qs = qs.filter(unit__path__startswith=f.subtree)  # the section's own unit copy
    if received:
        # "Not in an outstanding report" rather than a join to the received ones: the few
        # outstanding reports of the rounds are hashed once and PostgreSQL then knows it
        # keeps most sections, so it hashes them by task instead of sorting them (~2× faster).
        outstanding = (
            UnitReport.objects.visible_to(user)
            .filter(round_id__in=round_ids)
            .exclude(status__in=RECEIVED)
            .values("pk")
        )
        qs = qs.exclude(unit_report_id__in=outstanding)
    return qs


def child_key(f: Filters) -> Substr:
    depth = f.unit.depth + 1 if f.unit is not None else 0
    return Substr("unit__path", 1, SEGMENT * (depth + 1))


def child_units(
    keys: list[str], known: dict[str, dict[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
    """Child units by path; ``known`` (an earlier lookup of the same request) is reused."""
    found = dict(known or {})
    missing = [k for k in keys if k not in found]
    if missing:
        for u in OrgUnit.objects.filter(path__in=missing).values("pk", "name", "path", "depth"):
            found[u["path"]] = dict(u)
    return found
