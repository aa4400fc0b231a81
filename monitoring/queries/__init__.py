"""The monitoring dashboard's data: pure functions over scoped querysets.

Every function takes the user (whose scope limits every row through ``visible_to``) and a
``Filters`` value, runs a fixed number of aggregate queries whatever the size of the data, and
returns plain dicts and lists, so the page, the JSON endpoint and the benchmark share them.

The parts, each with the definitions of its numbers (what they mean) in its own docstring:
- ``base``: the filters, the user's scope and the scoped querysets every part starts from.
- ``completeness``: due, received, on time, completeness and timeliness; the heat map; the
  overdue reports.
- ``progress``: progress in the current round by group and by unit; stalled tasks; recurring
  difficulties.
- ``issues``: the open issues.
``live_dashboard`` (here) puts them together; ``dashboard``/``served`` serve the all-years
selection from the cache while the data version has not moved, and refresh it in the
background when recomputing would keep a province officer waiting (``cache``); every public
name is importable from this package.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from monitoring.queries.base import (
    LIST_LIMIT,
    RECEIVED,
    SEGMENT,
    UNITS_PER_TASK,
    Filters,
    default_unit,
    default_year,
    rounds,
    scope_units,
    unit_in_scope,
    visible_plans,
    years,
)
from monitoring.queries.cache import Served, is_fresh, served_dashboard
from monitoring.queries.cache import refresh as refresh_kept
from monitoring.queries.cache import warm as warm_kept
from monitoring.queries.completeness import (
    CELL_KINDS,
    COUNT_KEYS,
    HEATMAP_MAX_ROWS,
    completeness,
    heatmap,
    overdue_reports,
    rates,
)
from monitoring.queries.issues import SEVERITY_ORDER, open_issues
from monitoring.queries.progress import (
    DIFFICULTY_LIMIT,
    current_round,
    progress_by_group,
    progress_by_unit,
    recurring_difficulties,
    stalled_tasks,
)
from orgunits.models import OrgUnit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

__all__ = [
    "CELL_KINDS",
    "COUNT_KEYS",
    "DIFFICULTY_LIMIT",
    "HEATMAP_MAX_ROWS",
    "LIST_LIMIT",
    "RECEIVED",
    "SEGMENT",
    "SEVERITY_ORDER",
    "UNITS_PER_TASK",
    "Filters",
    "Served",
    "completeness",
    "current_round",
    "dashboard",
    "default_unit",
    "default_year",
    "heatmap",
    "is_fresh",
    "live_dashboard",
    "open_issues",
    "overdue_reports",
    "progress_by_group",
    "progress_by_unit",
    "recurring_difficulties",
    "refresh",
    "rounds",
    "scope_units",
    "served",
    "stalled_tasks",
    "unit_in_scope",
    "visible_plans",
    "warm",
    "years",
]

_NO_STALLED: dict[str, Any] = {"count": 0, "pairs": 0, "tasks": []}


def dashboard(user: User | AnonymousUser, f: Filters) -> dict[str, Any]:
    """Everything the dashboard shows, for the JSON endpoint and the page alike."""
    return served(user, f).data


def served(user: User | AnonymousUser, f: Filters) -> Served:
    """The dashboard with when its figures were computed, and whether they are being
    refreshed (the all-years view at province scale, see ``cache``)."""
    return served_dashboard(user, f, live_dashboard)


def refresh(user_id: str, plan_id: str, unit_id: str, day: str, language: str) -> bool:
    """Recompute a kept all-years view in the background (``monitoring.tasks``)."""
    return refresh_kept(user_id, plan_id, unit_id, day, language, live_dashboard)


def warm(day: datetime.date) -> int:
    """Compute the day's all-years views opened lately, before anyone opens them."""
    return warm_kept(day, live_dashboard)


def live_dashboard(user: User | AnonymousUser, f: Filters) -> dict[str, Any]:
    """The dashboard computed from the tables, now."""
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
        row = by_round.get(r["pk"]) or rates(dict.fromkeys(COUNT_KEYS, 0))
        per_round.append({**row, "round_id": str(r["pk"]), "label": r["label"]})
    totals = {key: sum(r[key] for r in per_round) for key in COUNT_KEYS}
    return {
        "rounds": [{**r, "pk": str(r["pk"]), "current": r["pk"] == current} for r in round_rows],
        "current_round": next((r["label"] for r in round_rows if r["pk"] == current), None),
        "totals": rates(totals),
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
