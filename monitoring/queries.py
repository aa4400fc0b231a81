"""The monitoring dashboard's data: pure functions over scoped querysets.

Every function takes the user (whose scope limits every row through ``visible_to``) and a
``Filters`` value, runs a fixed number of aggregate queries whatever the size of the data, and
returns plain dicts and lists, so the page, the JSON endpoint and the benchmark share them.

Definitions (what the numbers mean):
- A report is *due* when its round's deadline has passed, or when it was already sent.
- *Received*: submitted or accepted (in the monitoring office's hands).
- *On time*: received with a submission date on or before the round's deadline.
- *Completeness* = received / due; *timeliness* = on time / received.
- A heat-map cell is ``on_time`` / ``late`` (accepted), ``submitted`` (awaiting review),
  ``returned``, ``draft`` (still being written, deadline not passed) or ``missing`` (not sent
  and the deadline has passed); no report row means the unit was not asked to report.
- Progress is the mean reported progress (%) in received reports of the *current round* (the
  latest round of the selection whose period has ended).
- A task is *stalled* for a unit when the progress it reported in the current round is not
  higher than in the round before (and below 100%).
- A difficulty *recurs* when the same text, compared folded (case, diacritics, đ/d,
  punctuation and spacing ignored), is reported at least twice.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone

from core.scoping import scope_for
from core.text import fold
from orgunits.models import OrgUnit
from plans.models import Plan, Task
from reporting.models import (
    OPEN_ISSUE_STATUSES,
    OUTSTANDING_STATUSES,
    Issue,
    IssueSeverity,
    ReportingRound,
    ReportStatus,
    TaskReport,
    UnitReport,
)

# A materialised-path segment is 12 hex digits and a slash (OrgUnit.segment).
SEGMENT = 13
HEATMAP_MAX_ROWS = 200
LIST_LIMIT = 50
UNITS_PER_TASK = 20
RECEIVED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
CELL_KINDS = ("on_time", "late", "submitted", "returned", "draft", "missing")
SEVERITY_ORDER = [
    IssueSeverity.CRITICAL,
    IssueSeverity.HIGH,
    IssueSeverity.MEDIUM,
    IssueSeverity.LOW,
]


@dataclass(frozen=True)
class Filters:
    """What the dashboard is restricted to: one plan, optionally one year and one subtree."""

    plan_id: Any
    year: int | None = None
    unit: OrgUnit | None = None
    today: datetime.date | None = None

    @property
    def day(self) -> datetime.date:
        return self.today or timezone.localdate()


# ---------------------------------------------------------------------------------------------
# Scoped base querysets
# ---------------------------------------------------------------------------------------------


def visible_plans(user: Any) -> list[dict[str, Any]]:
    """Plans the user sees that have reporting rounds (the plan filter's choices)."""
    rounds = ReportingRound.objects.visible_to(user).values("plan_id")
    plans = Plan.objects.visible_to(user).filter(pk__in=rounds).order_by("-created_at")
    return [dict(row) for row in plans.values("pk", "title")]


def unit_in_scope(user: Any, unit: OrgUnit) -> bool:
    return scope_for(user).contains_path(unit.path)


def default_unit(user: Any) -> OrgUnit | None:
    """A unit user's dashboard starts at the top of their own subtree."""
    scope = scope_for(user)
    if scope.sees_everything or not scope.unit_paths:
        return None
    return OrgUnit.objects.filter(path=min(scope.unit_paths, key=len)).first()


def _rounds_qs(user: Any, f: Filters) -> QuerySet:
    qs = ReportingRound.objects.visible_to(user).filter(plan_id=f.plan_id)
    if f.year:
        qs = qs.filter(period_end__year=f.year)
    return qs


def _reports_qs(user: Any, f: Filters) -> QuerySet:
    qs = UnitReport.objects.visible_to(user).filter(round__plan_id=f.plan_id)
    if f.year:
        qs = qs.filter(round__period_end__year=f.year)
    if f.unit is not None:
        qs = qs.filter(unit__path__startswith=f.unit.path)
    return qs


def _task_reports_qs(user: Any, f: Filters) -> QuerySet:
    qs = TaskReport.objects.visible_to(user).filter(unit_report__round__plan_id=f.plan_id)
    if f.unit is not None:
        qs = qs.filter(unit_report__unit__path__startswith=f.unit.path)
    return qs


def _issues_qs(user: Any, f: Filters) -> QuerySet:
    qs = Issue.objects.visible_to(user).filter(plan_id=f.plan_id)
    if f.unit is not None:
        qs = qs.filter(
            Q(owner__path__startswith=f.unit.path) | Q(raised_by_unit__path__startswith=f.unit.path)
        )
    return qs


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


def _rates(row: dict[str, Any]) -> dict[str, Any]:
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


# ---------------------------------------------------------------------------------------------
# Sections of the dashboard
# ---------------------------------------------------------------------------------------------


def rounds(user: Any, f: Filters) -> list[dict[str, Any]]:
    return list(
        _rounds_qs(user, f)
        .order_by("period_start", "kind")
        .values("pk", "label", "kind", "period_start", "period_end", "due_date")
    )


def years(user: Any, plan_id: Any) -> list[int]:
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


def completeness_by_round(user: Any, f: Filters) -> list[dict[str, Any]]:
    rows = _with_dates(_reports_qs(user, f)).values("round_id").annotate(**_counts(f)).order_by()
    return [_rates(dict(row)) for row in rows]


def _child_key(f: Filters) -> Substr:
    depth = f.unit.depth + 1 if f.unit is not None else 0
    return Substr("unit__path", 1, SEGMENT * (depth + 1))


def _child_units(keys: list[str]) -> dict[str, dict[str, Any]]:
    return {
        u["path"]: dict(u)
        for u in OrgUnit.objects.filter(path__in=keys).values("pk", "name", "path", "depth")
    }


def completeness_by_unit(user: Any, f: Filters) -> list[dict[str, Any]]:
    """One row per child unit of the selected one (its whole subtree aggregated)."""
    rows = list(
        _with_dates(_reports_qs(user, f))
        .annotate(child=_child_key(f))
        .values("child")
        .annotate(**_counts(f))
        .order_by("child")
    )
    units = _child_units([r["child"] for r in rows])
    result = []
    for row in rows:
        unit = units.get(row.pop("child"))
        if unit is None:  # a unit's path sits below the cut (should not happen): skip it
            continue
        result.append(_rates({**row, "unit_id": str(unit["pk"]), "unit": unit["name"]}))
    result.sort(key=lambda r: r["unit"])
    return result


def heatmap(user: Any, f: Filters, round_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows: reporting units of the subtree (first HEATMAP_MAX_ROWS by tree order)."""
    reports = _reports_qs(user, f)
    unit_ids = list(
        reports.values_list("unit__path", "unit_id")
        .distinct()
        .order_by("unit__path")[: HEATMAP_MAX_ROWS + 1]
    )
    truncated = len(unit_ids) > HEATMAP_MAX_ROWS
    unit_ids = unit_ids[:HEATMAP_MAX_ROWS]
    cells = (
        _with_dates(reports.filter(unit_id__in=[pk for _, pk in unit_ids]))
        .annotate(kind=_cell_kind(f))
        .values("pk", "unit_id", "unit__name", "unit__depth", "round_id", "kind", "submitted_on")
        .order_by()
    )
    by_unit: dict[Any, dict[str, Any]] = {}
    for cell in cells:
        row = by_unit.setdefault(
            cell["unit_id"],
            {"unit_id": str(cell["unit_id"]), "unit": cell["unit__name"], "cells": {}},
        )
        row["cells"][cell["round_id"]] = {
            "kind": cell["kind"],
            "report_id": str(cell["pk"]),
            "submitted_on": cell["submitted_on"],
        }
    rows = []
    for _path, unit_id in unit_ids:
        found = by_unit.get(unit_id)
        if found is None:
            continue
        row = found
        row["cells"] = [row["cells"].get(r["pk"]) for r in round_rows]
        rows.append(row)
    return {"rows": rows, "truncated": truncated, "limit": HEATMAP_MAX_ROWS}


def current_rounds(round_rows: list[dict[str, Any]], day: datetime.date) -> list[Any]:
    """The last two ended rounds of the selection (ids, oldest first)."""
    ended = [r["pk"] for r in round_rows if r["period_end"] < day]
    if not ended and round_rows:
        ended = [round_rows[-1]["pk"]]
    return ended[-2:]


def _section_label(row: dict[str, Any]) -> str:
    label = row["task__section__label"]
    parent = row["task__section__parent__label"]
    if label is None:
        return "—"
    return f"{parent}.{label}" if parent else label


def recent_reports(user: Any, f: Filters, last_two: list[Any]) -> tuple[list[Any], list[Any]]:
    """Ids of the visible reports of the last two rounds, and of the current round's received
    ones. Filtering task reports by these ids lets PostgreSQL use the unit-report index instead
    of joining the whole task report table (see bench/monitoring.py)."""
    if not last_two:
        return [], []
    rows = list(
        _reports_qs(user, f).filter(round_id__in=last_two).values_list("pk", "round_id", "status")
    )
    current = last_two[-1]
    received = [pk for pk, round_id, status in rows if round_id == current and status in RECEIVED]
    return [pk for pk, _r, _s in rows], received


def progress_by_group(user: Any, f: Filters, report_ids: list[Any]) -> list[dict[str, Any]]:
    """Over the received reports of the current round (``report_ids``, see recent_reports)."""
    if not report_ids:
        return []
    rows = (
        _task_reports_qs(user, f)
        .filter(unit_report_id__in=report_ids, progress__isnull=False)
        .values(
            "task__section__label",
            "task__section__parent__label",
            "task__section__heading",
            "task__section__order",
        )
        .annotate(progress=Avg("progress"), tasks=Count("task_id", distinct=True))
        .order_by("task__section__order")
    )
    return [
        {
            "group": _section_label(row),
            "heading": row["task__section__heading"] or "",
            "progress": round(float(row["progress"]), 1),
            "tasks": row["tasks"],
        }
        for row in rows
    ]


def progress_by_unit(user: Any, f: Filters, report_ids: list[Any]) -> list[dict[str, Any]]:
    """Over the received reports of the current round (``report_ids``, see recent_reports)."""
    if not report_ids:
        return []
    depth = f.unit.depth + 1 if f.unit is not None else 0
    rows = list(
        _task_reports_qs(user, f)
        .filter(unit_report_id__in=report_ids, progress__isnull=False)
        .annotate(child=Substr("unit_report__unit__path", 1, SEGMENT * (depth + 1)))
        .values("child")
        .annotate(progress=Avg("progress"), sections=Count("pk"))
        .order_by("child")
    )
    units = _child_units([r["child"] for r in rows])
    result = [
        {
            "unit_id": str(units[r["child"]]["pk"]),
            "unit": units[r["child"]]["name"],
            "progress": round(float(r["progress"]), 1),
            "sections": r["sections"],
        }
        for r in rows
        if r["child"] in units
    ]
    result.sort(key=lambda r: r["unit"])
    return result


def stalled_tasks(
    user: Any, f: Filters, last_two: list[Any], report_ids: list[Any]
) -> dict[str, Any]:
    if len(last_two) < 2 or not report_ids:
        return {"count": 0, "tasks": []}
    previous, last = last_two
    # Grouped by ids only (no text columns in the big aggregate); names are looked up for
    # the tasks and units shown.
    rows = list(
        _task_reports_qs(user, f)
        .filter(unit_report_id__in=report_ids, progress__isnull=False)
        .values("task_id", "unit_report__unit_id")
        .annotate(
            before=Max("progress", filter=Q(unit_report__round_id=previous)),
            now=Max("progress", filter=Q(unit_report__round_id=last)),
        )
        .filter(before__isnull=False, now__isnull=False, now__lte=F("before"), now__lt=100)
        .order_by()
    )
    by_task: dict[Any, list[tuple[Any, int]]] = {}
    for row in rows:
        by_task.setdefault(row["task_id"], []).append((row["unit_report__unit_id"], row["now"]))
    task_rows = (
        Task.objects.visible_to(user).filter(pk__in=list(by_task)).values("pk", "code", "title")
    )
    names = {t["pk"]: t for t in task_rows}
    ordered = sorted(
        (pk for pk in by_task if pk in names),
        key=lambda pk: (-len(by_task[pk]), names[pk]["code"]),
    )[:LIST_LIMIT]
    shown = {unit_id for pk in ordered for unit_id, _now in by_task[pk][:UNITS_PER_TASK]}
    unit_names = dict(
        OrgUnit.objects.visible_to(user).filter(pk__in=list(shown)).values_list("pk", "name")
    )
    tasks = []
    for pk in ordered:
        pairs = sorted((unit_names[u], now) for u, now in by_task[pk] if u in unit_names)
        units = [{"unit": name, "progress": now} for name, now in pairs]
        tasks.append(
            {
                "task_id": str(pk),
                "code": names[pk]["code"],
                "title": names[pk]["title"],
                "units": units,
                "more_units": len(by_task[pk]) - len(units),
            }
        )
    return {"count": len(by_task), "pairs": len(rows), "tasks": tasks}


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def difficulty_key(text: str) -> str:
    """Folded text without punctuation: what two reports must share to count as the same."""
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


def recurring_difficulties(user: Any, f: Filters) -> list[dict[str, Any]]:
    qs = _task_reports_qs(user, f).exclude(difficulties="")
    if f.year:
        qs = qs.filter(unit_report__round__period_end__year=f.year)
    # One pass over (text, unit) pairs: the texts are folded and merged here, in Python,
    # since diacritic folding has no portable SQL form.
    groups: dict[str, dict[str, Any]] = {}
    pairs = qs.values("difficulties", "unit_report__unit__name").annotate(n=Count("pk")).order_by()
    for row in pairs:
        key = difficulty_key(row["difficulties"])
        if not key:
            continue
        group = groups.setdefault(key, {"text": row["difficulties"], "count": 0, "units": set()})
        group["count"] += row["n"]
        group["units"].add(row["unit_report__unit__name"])
        group["text"] = min(group["text"], row["difficulties"])  # stable representative
    top = sorted(
        (g for g in groups.values() if g["count"] >= 2), key=lambda g: (-g["count"], g["text"])
    )[:20]
    return [{"text": g["text"], "count": g["count"], "units": sorted(g["units"])} for g in top]


def overdue_reports(user: Any, f: Filters) -> dict[str, Any]:
    qs = _reports_qs(user, f).filter(status__in=OUTSTANDING_STATUSES, round__due_date__lt=f.day)
    rows = list(
        qs.values("pk", "unit__name", "round__label", "round__due_date", "status").order_by(
            "round__due_date", "unit__name"
        )[:LIST_LIMIT]
    )
    for row in rows:
        row["days_overdue"] = (f.day - row["round__due_date"]).days
        row["status_label"] = ReportStatus(row["status"]).label
    return {"count": qs.count(), "reports": rows}


def open_issues(user: Any, f: Filters) -> dict[str, Any]:
    qs = _issues_qs(user, f).filter(status__in=OPEN_ISSUE_STATUSES)
    by_severity = {
        row["severity"]: row["n"]
        for row in qs.values("severity").annotate(n=Count("pk", distinct=True)).order_by()
    }
    rank = Case(
        *[When(severity=s, then=Value(i)) for i, s in enumerate(SEVERITY_ORDER)],
        default=Value(len(SEVERITY_ORDER)),
        output_field=IntegerField(),
    )
    rows = list(
        qs.annotate(rank=rank)
        .values("pk", "title", "severity", "status", "due_date", "owner__name", "rank")
        .order_by("rank", "due_date", "title")[:LIST_LIMIT]
    )
    for row in rows:
        row["severity_label"] = IssueSeverity(row["severity"]).label
        row["overdue"] = bool(row["due_date"] and row["due_date"] < f.day)
    return {
        "count": sum(by_severity.values()),
        "by_severity": [
            {"severity": s.value, "label": str(s.label), "count": by_severity.get(s.value, 0)}
            for s in SEVERITY_ORDER
        ],
        "issues": rows,
    }


def dashboard(user: Any, f: Filters) -> dict[str, Any]:
    """Everything the dashboard shows, for the JSON endpoint and the page alike."""
    round_rows = rounds(user, f)
    last_two = current_rounds(round_rows, f.day)
    current = last_two[-1] if last_two else None
    recent, received = recent_reports(user, f, last_two)
    by_round = {row["round_id"]: row for row in completeness_by_round(user, f)}
    per_round = []
    for r in round_rows:
        row = by_round.get(r["pk"]) or _rates(
            {"expected": 0, "due": 0, "received": 0, "on_time": 0, "accepted": 0, "missing": 0}
        )
        row.pop("round_id", None)
        per_round.append({**row, "round_id": str(r["pk"]), "label": r["label"]})
    totals = {
        key: sum(r[key] for r in per_round)
        for key in ("expected", "due", "received", "on_time", "accepted", "missing")
    }
    return {
        "rounds": [{**r, "pk": str(r["pk"]), "current": r["pk"] == current} for r in round_rows],
        "current_round": next((r["label"] for r in round_rows if r["pk"] == current), None),
        "totals": _rates(totals),
        "by_round": per_round,
        "by_unit": completeness_by_unit(user, f),
        "heatmap": heatmap(user, f, round_rows),
        "progress_by_group": progress_by_group(user, f, received),
        "progress_by_unit": progress_by_unit(user, f, received),
        "stalled": stalled_tasks(user, f, last_two, recent),
        "difficulties": recurring_difficulties(user, f),
        "overdue": overdue_reports(user, f),
        "issues": open_issues(user, f),
    }
