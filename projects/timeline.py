"""A project's full timeline (diễn biến): every dated record of its life, in order."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from projects.models import Project


@dataclass(frozen=True)
class Event:
    on: datetime.date
    kind: str  # status, council, money, check, adjustment, application
    title: str
    detail: str = ""


def _vnd(amount: int) -> str:
    return _("%(n)s đồng") % {"n": intcomma(amount)}


def timeline(project: Project) -> list[Event]:
    events: list[Event] = []
    for change in project.status_changes.select_related("actor"):
        events.append(Event(change.on, "status", change.get_to_status_display(), change.note))
    for council in project.councils.prefetch_related("members"):
        average = council.average_score
        detail = council.conclusion
        if average is not None:
            detail = _("Điểm bình quân %(s)s. %(c)s") % {"s": f"{average:.1f}", "c": detail}
        events.append(Event(council.met_on, "council", council.get_stage_display(), detail))
    for paid in project.disbursements.all():
        events.append(
            Event(
                paid.paid_on,
                "money",
                _("Cấp kinh phí: %(a)s") % {"a": _vnd(paid.amount)},
                f"{paid.get_source_display()}. {paid.note}".strip(". "),
            )
        )
    for check in project.progress_checks.all():
        state = _("đúng tiến độ") if check.on_schedule else _("chậm tiến độ")
        events.append(
            Event(
                check.checked_on,
                "check",
                _("Kiểm tra tiến độ (%(s)s)") % {"s": state},
                check.findings,
            )
        )
    for adj in project.adjustments.all():
        events.append(
            Event(
                adj.decided_on,
                "adjustment",
                f"{adj.get_kind_display()} — {adj.decision_ref}",
                adj.description,
            )
        )
    for app in project.applications.all():
        day = datetime.date(app.year, 12, 31)
        title = _("Nhân rộng: %(w)s") if app.is_replication else _("Ứng dụng: %(w)s")
        events.append(Event(day, "application", title % {"w": app.applier}, app.place))
    order: dict[str, Any] = {"status": 1, "council": 0}
    return sorted(events, key=lambda e: (e.on, order.get(e.kind, 2)))
