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
- A task is *stalled* for a unit when the progress it reported in the current round is below
  100% and not higher than the figure it reported before (in the latest earlier-ending round
  with a figure; see reporting.progress).
- A difficulty *recurs* when the same text, compared folded (case, diacritics, đ/d,
  punctuation and spacing ignored), is reported at least twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone

from core.scoping import scope_for
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

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# A materialised-path segment is 12 hex digits and a slash (OrgUnit.segment).
SEGMENT = 13
HEATMAP_MAX_ROWS = 200
LIST_LIMIT = 50
DIFFICULTY_LIMIT = 20
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
# Scoped base querysets
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


def _rounds_qs(user: User | AnonymousUser, f: Filters) -> QuerySet:
    qs = ReportingRound.objects.visible_to(user).filter(plan_id=f.plan_id)
    if f.year:
        qs = qs.filter(period_end__year=f.year)
    return qs


def _reports_qs(user: User | AnonymousUser, f: Filters) -> QuerySet:
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


def _round_ids(user: User | AnonymousUser, f: Filters) -> Any:
    if f.round_ids is not None:
        return f.round_ids
    return _rounds_qs(user, f).values("pk")


def _sections_qs(
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


def _issues_qs(user: User | AnonymousUser, f: Filters) -> QuerySet:
    qs = Issue.objects.visible_to(user).filter(plan_id=f.plan_id)
    if f.subtree:
        qs = qs.filter(
            Q(owner__path__startswith=f.subtree) | Q(raised_by_unit__path__startswith=f.subtree)
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


def rounds(user: User | AnonymousUser, f: Filters) -> list[dict[str, Any]]:
    return list(
        _rounds_qs(user, f)
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


COUNT_KEYS = ("expected", "due", "received", "on_time", "accepted", "missing")


def _child_key(f: Filters) -> Substr:
    depth = f.unit.depth + 1 if f.unit is not None else 0
    return Substr("unit__path", 1, SEGMENT * (depth + 1))


def _child_units(
    keys: list[str], known: dict[str, dict[str, Any]] | None = None
) -> dict[str, dict[str, Any]]:
    """Child units by path; ``known`` (an earlier lookup of the same request) is reused."""
    found = dict(known or {})
    missing = [k for k in keys if k not in found]
    if missing:
        for u in OrgUnit.objects.filter(path__in=missing).values("pk", "name", "path", "depth"):
            found[u["path"]] = dict(u)
    return found


Counts = dict[str, Any]
Units = dict[str, dict[str, Any]]


def completeness(
    user: User | AnonymousUser, f: Filters
) -> tuple[dict[Any, Counts], list[Counts], Units]:
    """Counts per round and per child unit of the selected one (its whole subtree
    aggregated), from one aggregate grouped by both (rounds × children rows, summed here);
    also the child units looked up, for the other per-child figures of the request."""
    rows = list(
        _with_dates(_reports_qs(user, f))
        .annotate(child=_child_key(f))
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
    units = _child_units(list(by_child))
    per_unit = []
    for child, counts in by_child.items():
        unit = units.get(child)
        if unit is None:  # a unit's path sits below the cut (should not happen): skip it
            continue
        per_unit.append(_rates({**counts, "unit_id": str(unit["pk"]), "unit": unit["name"]}))
    per_unit.sort(key=lambda r: r["unit"])
    return {k: _rates(v) for k, v in by_round.items()}, per_unit, units


def heatmap(
    user: User | AnonymousUser, f: Filters, round_rows: list[dict[str, Any]]
) -> dict[str, Any]:
    """Rows: reporting units of the subtree (first HEATMAP_MAX_ROWS by tree order)."""
    reports = _reports_qs(user, f)
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
    # The first units in tree order are those whose path sorts up to the last one shown.
    cells = (
        _with_dates(reports.filter(unit__path__lte=unit_ids[-1][0]) if unit_ids else reports)
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


def current_round(round_rows: list[dict[str, Any]], day: datetime.date) -> Any:
    """The latest ended round of the selection (else its last round), or None."""
    ended = [r["pk"] for r in round_rows if r["period_end"] < day]
    if ended:
        return ended[-1]
    return round_rows[-1]["pk"] if round_rows else None


def _section_label(section: dict[str, Any] | None) -> str:
    if section is None:
        return "—"
    label, parent = section["label"], section["parent__label"]
    return f"{parent}.{label}" if parent else label


def progress_by_group(user: User | AnonymousUser, f: Filters, current: Any) -> list[dict[str, Any]]:
    """Mean progress per task group in the received reports of the current round.

    Aggregated per task (a few hundred rows, no join to tasks in the big aggregate), then
    summed per group here."""
    per_task = list(
        _sections_qs(user, f, [current], received=True)
        .filter(progress__isnull=False)
        .values("task_id")
        .annotate(total=Sum("progress"), n=Count("task_id"))
        .order_by()
    )
    sections: dict[Any, dict[str, Any]] = {}
    task_sections = {}
    # The plan's tasks (a round reports on its own plan's tasks): no list of task ids to send.
    for task in (
        Task.objects.visible_to(user)
        .filter(plan_id=f.plan_id)
        .values(
            "pk",
            "section_id",
            "section__label",
            "section__parent__label",
            "section__heading",
            "section__order",
        )
    ):
        task_sections[task["pk"]] = task["section_id"]
        if task["section_id"] is not None:
            sections[task["section_id"]] = {
                "label": task["section__label"],
                "parent__label": task["section__parent__label"],
                "heading": task["section__heading"],
                "order": task["section__order"],
            }
    groups: dict[Any, dict[str, int]] = {}
    for row in per_task:
        if row["task_id"] not in task_sections:
            continue
        group = groups.setdefault(task_sections[row["task_id"]], {"total": 0, "n": 0, "tasks": 0})
        group["total"] += row["total"]
        group["n"] += row["n"]
        group["tasks"] += 1
    result = []
    for section_id, group in groups.items():
        section = sections.get(section_id)
        result.append(
            {
                "group": _section_label(section),
                "heading": section["heading"] if section else "",
                "progress": round(group["total"] / group["n"], 1),
                "tasks": group["tasks"],
                "order": section["order"] if section else -1,
            }
        )
    result.sort(key=lambda r: r.pop("order"))
    return result


def progress_by_unit(
    user: User | AnonymousUser, f: Filters, current: Any, known: Units | None = None
) -> list[dict[str, Any]]:
    """Mean progress per child unit in the received reports of the current round, from the
    reports' kept progress totals and counts (reporting.progress): no section is read."""
    rows = list(
        _reports_qs(user, f)
        .filter(round_id=current, status__in=RECEIVED, progress_count__gt=0)
        .annotate(child=_child_key(f))
        .values("child")
        .annotate(total=Sum("progress_total"), sections=Sum("progress_count"))
        .order_by("child")
    )
    units = _child_units([r["child"] for r in rows], known)
    result = [
        {
            "unit_id": str(units[r["child"]]["pk"]),
            "unit": units[r["child"]]["name"],
            "progress": round(r["total"] / r["sections"], 1),
            "sections": r["sections"],
        }
        for r in rows
        if r["child"] in units
    ]
    result.sort(key=lambda r: r["unit"])
    return result


def stalled_tasks(user: User | AnonymousUser, f: Filters, current: Any) -> dict[str, Any]:
    """Sections of the current round whose progress is not above what the unit reported on
    the task before (TaskReport.previous_progress, see reporting.progress) and below 100%."""
    # Through the sections' own round and unit copies: PostgreSQL reads the partial index of
    # non-progressing sections by round, with no join (monitoring migration 0002).
    qs = TaskReport.objects.visible_to(user).filter(
        round_id=current,
        progress__isnull=False,
        previous_progress__isnull=False,
        progress__lte=F("previous_progress"),
        progress__lt=100,
    )
    if f.subtree:
        qs = qs.filter(unit__path__startswith=f.subtree)
    # Names come with the rows (joins to the small task and unit tables), not through id
    # lists of up to a thousand units.
    rows = list(qs.values_list("task_id", "task__code", "unit__name", "progress").order_by())
    by_task: dict[Any, list[tuple[str, Any]]] = {}
    codes = {}
    for task_id, code, unit_name, progress in rows:
        by_task.setdefault(task_id, []).append((unit_name, progress))
        codes[task_id] = code
    ordered = sorted(by_task, key=lambda pk: (-len(by_task[pk]), codes[pk]))[:LIST_LIMIT]
    titles = dict(Task.objects.visible_to(user).filter(pk__in=ordered).values_list("pk", "title"))
    tasks = []
    for pk in ordered:
        pairs = sorted(by_task[pk])[:UNITS_PER_TASK]
        tasks.append(
            {
                "task_id": str(pk),
                "code": codes[pk],
                "title": titles.get(pk, ""),
                "units": [{"unit": name, "progress": now} for name, now in pairs],
                "more_units": len(by_task[pk]) - len(pairs),
            }
        )
    return {"count": len(by_task), "pairs": len(rows), "tasks": tasks}


def recurring_difficulties(
    user: User | AnonymousUser, f: Filters, known: Units | None = None
) -> list[dict[str, Any]]:
    """Difficulties reported at least twice in the selection, compared by their folded key
    (TaskReport.difficulty_key), most frequent first, each with the child units of the
    selected one (each standing for its subtree, as in the other per-unit figures) that raised
    it most often."""
    # Through the sections' own round and unit copies: no join through the unit reports.
    sections = (
        TaskReport.objects.visible_to(user)
        .filter(round_id__in=_round_ids(user, f))
        .exclude(difficulty_key="")
    )
    if f.subtree:
        sections = sections.filter(unit__path__startswith=f.subtree)
    top = list(
        sections.values("difficulty_key")
        .annotate(
            count=Count("difficulty_key"),
            text=Min("difficulties"),  # a stable representative among the spellings
        )
        .filter(count__gte=2)
        .order_by("-count", "text")[:DIFFICULTY_LIMIT]
    )
    if not top:
        return []
    # Counted per child subtree, a few rows per difficulty: ranking every single unit that
    # raised a difficulty meant sorting thousands of (difficulty, unit) groups at province
    # scale, and a province officer reads districts first, then drills down.
    per_child = (
        sections.filter(difficulty_key__in=[row["difficulty_key"] for row in top])
        .annotate(child=_child_key(f))
        .values_list("difficulty_key", "child")
        .annotate(n=Count("difficulty_key"))
        .order_by()
    )
    by_key: dict[str, list[tuple[str, int]]] = {}
    for key, child, n in per_child:
        by_key.setdefault(key, []).append((child, n))
    units = _child_units([c for pairs in by_key.values() for c, _n in pairs], known)
    result = []
    for row in top:
        ranked = sorted(
            ((-n, units[c]["name"]) for c, n in by_key.get(row["difficulty_key"], []) if c in units)
        )
        shown = ranked[:UNITS_PER_TASK]
        result.append(
            {
                "text": row["text"],
                "count": row["count"],
                "units": [{"unit": name, "count": -n} for n, name in shown],
                "more_units": len(ranked) - len(shown),
            }
        )
    return result


def overdue_reports(
    user: User | AnonymousUser, f: Filters, count: int | None = None
) -> dict[str, Any]:
    """The first overdue reports; ``count`` is the completeness aggregate's "missing" total
    when the caller has it (the same condition), else counted here."""
    qs = _reports_qs(user, f).filter(status__in=OUTSTANDING_STATUSES, round__due_date__lt=f.day)
    rows = list(
        qs.values("pk", "unit__name", "round__label", "round__due_date", "status").order_by(
            "round__due_date", "unit__name"
        )[:LIST_LIMIT]
    )
    for row in rows:
        row["days_overdue"] = (f.day - row["round__due_date"]).days
        row["status_label"] = ReportStatus(row["status"]).label
    return {"count": qs.count() if count is None else count, "reports": rows}


def open_issues(user: User | AnonymousUser, f: Filters) -> dict[str, Any]:
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


_NO_STALLED: dict[str, Any] = {"count": 0, "pairs": 0, "tasks": []}


def dashboard(user: User | AnonymousUser, f: Filters) -> dict[str, Any]:
    """Everything the dashboard shows, for the JSON endpoint and the page alike."""
    if f.unit is None:
        f = replace(f, unit=default_unit(user))
    if f.unit is not None and f.unit.parent_id is None:
        others = OrgUnit.objects.visible_to(user).filter(parent__isnull=True).exclude(pk=f.unit.pk)
        f = replace(f, whole_tree=not others.exists())
    round_rows = rounds(user, f)
    f = replace(f, round_ids=tuple(r["pk"] for r in round_rows))
    current = current_round(round_rows, f.day)
    by_round, by_unit, children = completeness(user, f)
    per_round = []
    for r in round_rows:
        row = by_round.get(r["pk"]) or _rates(dict.fromkeys(COUNT_KEYS, 0))
        per_round.append({**row, "round_id": str(r["pk"]), "label": r["label"]})
    totals = {key: sum(r[key] for r in per_round) for key in COUNT_KEYS}
    return {
        "rounds": [{**r, "pk": str(r["pk"]), "current": r["pk"] == current} for r in round_rows],
        "current_round": next((r["label"] for r in round_rows if r["pk"] == current), None),
        "totals": _rates(totals),
        "by_round": per_round,
        "by_unit": by_unit,
        "heatmap": heatmap(user, f, round_rows),
        "progress_by_group": progress_by_group(user, f, current) if current else [],
        "progress_by_unit": progress_by_unit(user, f, current, children) if current else [],
        "stalled": stalled_tasks(user, f, current) if current else _NO_STALLED,
        "difficulties": recurring_difficulties(user, f, children),
        "overdue": overdue_reports(user, f, totals["missing"]),
        "issues": open_issues(user, f),
    }
