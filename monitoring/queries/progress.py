"""Progress of the tasks in the current round: per task group, per child unit, the stalled
tasks and the recurring difficulties.

Definitions (what the numbers mean):
- Progress is the mean reported progress (%) in received reports of the *current round* (the
  latest round of the selection whose period has ended).
- A task is *stalled* for a unit when the progress it reported in the current round is below
  100% and not higher than the figure it reported before (in the latest earlier-ending round
  with a figure; see reporting.progress).
- Only sent reports count (submitted or accepted): a draft's figures, or those of a report
  waiting for the unit leader or returned to the unit, are the unit's work in progress.
- A difficulty *recurs* when the same text, compared folded (case, diacritics, đ/d,
  punctuation and spacing ignored), is reported at least twice.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Min, Sum

from monitoring.queries.base import (
    LIST_LIMIT,
    RECEIVED,
    UNITS_PER_TASK,
    Filters,
    Units,
    child_key,
    child_units,
    reports_qs,
    sections_qs,
    selected_round_ids,
)
from plans.models import Task
from reporting.models import TaskReport, UnitReport
from reporting.privacy import without_private_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

DIFFICULTY_LIMIT = 20


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
        sections_qs(user, f, [current], received=True)
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
        reports_qs(user, f)
        .filter(round_id=current, status__in=RECEIVED, progress_count__gt=0)
        .annotate(child=child_key(f))
        .values("child")
        .annotate(total=Sum("progress_total"), sections=Sum("progress_count"))
        .order_by("child")
    )
    units = child_units([r["child"] for r in rows], known)
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
    # Only the sections of sent reports: "not in an outstanding report" of the round (few),
    # as in sections_qs, so the partial index still answers without a join.
    outstanding = (
        UnitReport.objects.visible_to(user)
        .filter(round_id=current)
        .exclude(status__in=RECEIVED)
        .values("pk")
    )
    qs = qs.exclude(unit_report_id__in=outstanding)
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
    round_ids = selected_round_ids(user, f)
    # The text of a draft stays with its unit (reporting's drafts are private).
    sections = without_private_text(
        TaskReport.objects.visible_to(user).filter(round_id__in=round_ids), user, round_ids
    ).exclude(difficulty_key="")
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
        .annotate(child=child_key(f))
        .values_list("difficulty_key", "child")
        .annotate(n=Count("difficulty_key"))
        .order_by()
    )
    by_key: dict[str, list[tuple[str, int]]] = {}
    for key, child, n in per_child:
        by_key.setdefault(key, []).append((child, n))
    units = child_units([c for pairs in by_key.values() for c, _n in pairs], known)
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
