"""Completeness and timeliness of the unit reports: per round, per child unit, the heat map and
the overdue reports.

Definitions (what the numbers mean):
- A report is *due* when its round's deadline has passed, or when it was already sent.
- *Received*: submitted or accepted (in the monitoring office's hands).
- *On time*: received with a submission date on or before the round's deadline.
- *Completeness* = received / due; *timeliness* = on time / received.
- A heat-map cell is ``on_time`` / ``late`` (accepted), ``submitted`` (awaiting review),
  ``returned``, ``draft`` (still being written, deadline not passed) or ``missing`` (not sent
  and the deadline has passed); no report row means the unit was not asked to report.
- A report is *overdue* (missing) when it is not sent and its round's deadline has passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate

from monitoring.queries.base import (
    LIST_LIMIT,
    RECEIVED,
    Counts,
    Filters,
    Units,
    child_key,
    child_units,
    reports_qs,
)
from orgunits.models import OrgUnit
from reporting.models import OUTSTANDING_STATUSES, ReportStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

HEATMAP_MAX_ROWS = 200
CELL_KINDS = ("on_time", "late", "submitted", "returned", "draft", "missing")
COUNT_KEYS = ("expected", "due", "received", "on_time", "accepted", "missing")


def _counts(f: Filters) -> dict[str, Any]:
    """Conditional counts shared by every completeness aggregate."""
    due = Q(round__due_date__lt=f.day) | Q(status__in=RECEIVED)
    received = Q(status__in=RECEIVED)
    on_time = received & Q(submitted_on__lte=F("round__due_date"))
    return {
        "expected": Count("pk"),
        "due": Count("pk", filter=due),
        "received": Count("pk", filter=received),
        "on_time": Count("pk", filter=on_time),
        "accepted": Count("pk", filter=Q(status=ReportStatus.ACCEPTED)),
        "missing": Count(
            "pk", filter=Q(status__in=OUTSTANDING_STATUSES, round__due_date__lt=f.day)
        ),
    }


def rates(row: dict[str, Any]) -> dict[str, Any]:
    due, received = row["due"], row["received"]
    row["completeness"] = round(100 * received / due, 1) if due else None
    row["timeliness"] = round(100 * row["on_time"] / received, 1) if received else None
    return row


def _cell_kind(f: Filters) -> Case:
    return Case(
        When(
            status=ReportStatus.ACCEPTED,
            submitted_on__lte=F("round__due_date"),
            then=Value("on_time"),
        ),
        When(status=ReportStatus.ACCEPTED, then=Value("late")),
        When(status=ReportStatus.SUBMITTED, then=Value("submitted")),
        When(status=ReportStatus.RETURNED, then=Value("returned")),
        When(round__due_date__lt=f.day, then=Value("missing")),
        default=Value("draft"),
        output_field=CharField(),
    )


def _with_dates(qs: QuerySet) -> QuerySet:
    return qs.annotate(submitted_on=TruncDate("submitted_at"))


def completeness(
    user: User | AnonymousUser, f: Filters
) -> tuple[dict[Any, Counts], list[Counts], Units]:
    """Counts per round and per child unit of the selected one (its whole subtree
    aggregated), from one aggregate grouped by both (rounds × children rows, summed here);
    also the child units looked up, for the other per-child figures of the request."""
    rows = list(
        _with_dates(reports_qs(user, f))
        .annotate(child=child_key(f))
        .values("round_id", "child")
        .annotate(**_counts(f))
        .order_by()
    )
    by_round: dict[Any, dict[str, Any]] = {}
    by_child: dict[str, dict[str, Any]] = {}
    for row in rows:
        for key, target in ((row["round_id"], by_round), (row["child"], by_child)):
            total = target.setdefault(key, dict.fromkeys(COUNT_KEYS, 0))
            for name in COUNT_KEYS:
                total[name] += row[name]
    units = child_units(list(by_child))
    per_unit = []
    for child, counts in by_child.items():
        unit = units.get(child)
        if unit is None:  # a unit's path sits below the cut (should not happen): skip it
            continue
        per_unit.append(rates({**counts, "unit_id": str(unit["pk"]), "unit": unit["name"]}))
    per_unit.sort(key=lambda r: r["unit"])
    return {k: rates(v) for k, v in by_round.items()}, per_unit, units


def heatmap(
    user: User | AnonymousUser, f: Filters, round_rows: list[dict[str, Any]]
) -> dict[str, Any]:
    """Rows: reporting units of the subtree (first HEATMAP_MAX_ROWS by tree order)."""
    reports = reports_qs(user, f)
    # Units in tree order that have a report in the selection: read from the unit table
    # (path index) with a semi-join, instead of sorting the selection's reports.
    unit_ids = list(
        OrgUnit.objects.visible_to(user)
        .filter(pk__in=reports.values("unit_id"))
        .order_by("path")
        .values_list("path", "pk", "depth")[: HEATMAP_MAX_ROWS + 1]
    )
    truncated = len(unit_ids) > HEATMAP_MAX_ROWS
    unit_ids = unit_ids[:HEATMAP_MAX_ROWS]
    # The cells of the units shown, by unit id: the report table's unit index then reads
    # these units' rows only (a path bound on the joined unit table made PostgreSQL scan every
    # report of the selection: all of them in the all-years view).
    cells = (
        _with_dates(reports.filter(unit_id__in=[pk for _path, pk, _depth in unit_ids]))
        .annotate(kind=_cell_kind(f))
        .values_list("pk", "unit_id", "unit__name", "round_id", "kind", "submitted_on")
        .order_by()
    )
    by_unit: dict[Any, tuple[str, dict[Any, dict[str, Any]]]] = {}
    for pk, unit_id, name, round_id, kind, submitted_on in cells:
        found = by_unit.get(unit_id)
        if found is None:
            found = by_unit[unit_id] = (name, {})
        found[1][round_id] = {"kind": kind, "report_id": str(pk), "submitted_on": submitted_on}
    top = f.unit.depth if f.unit is not None else 0
    rows = []
    for _path, unit_id, depth in unit_ids:
        if unit_id not in by_unit:
            continue
        name, by_round = by_unit[unit_id]
        rows.append(
            {
                "unit_id": str(unit_id),
                "unit": name,
                "level": depth - top,  # levels below the selected unit, for indenting
                "cells": [by_round.get(r["pk"]) for r in round_rows],
            }
        )
    return {"rows": rows, "truncated": truncated, "limit": HEATMAP_MAX_ROWS}


def overdue_reports(
    user: User | AnonymousUser, f: Filters, count: int | None = None
) -> dict[str, Any]:
    """The first overdue reports; ``count`` is the completeness aggregate's "missing" total
    when the caller has it (the same condition), else counted here."""
    qs = reports_qs(user, f).filter(status__in=OUTSTANDING_STATUSES, round__due_date__lt=f.day)
    rows = list(
        qs.values("pk", "unit__name", "round__label", "round__due_date", "status").order_by(
            "round__due_date", "unit__name"
        )[:LIST_LIMIT]
    )
    for row in rows:
        row["days_overdue"] = (f.day - row["round__due_date"]).days
        row["status_label"] = ReportStatus(row["status"]).label
    return {"count": qs.count() if count is None else count, "reports": rows}
