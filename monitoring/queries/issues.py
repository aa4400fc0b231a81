"""The open issues of the plan (the issues register): counted by severity, the most severe and
the earliest due first; an issue belongs to the selected subtree when its owner or the unit
that raised it is in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from monitoring.queries.base import LIST_LIMIT, Filters
from reporting.models import OPEN_ISSUE_STATUSES, Issue, IssueSeverity

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

SEVERITY_ORDER = [
    IssueSeverity.CRITICAL,
    IssueSeverity.HIGH,
    IssueSeverity.MEDIUM,
    IssueSeverity.LOW,
]


def _issues_qs(user: User | AnonymousUser, f: Filters) -> QuerySet:
    qs = Issue.objects.visible_to(user).filter(plan_id=f.plan_id)
    if f.subtree:
        qs = qs.filter(
            Q(owner__path__startswith=f.subtree) | Q(raised_by_unit__path__startswith=f.subtree)
        )
    return qs


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
