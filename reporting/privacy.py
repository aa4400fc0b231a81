"""A unit's draft stays with the unit (bản nháp của đơn vị): while a report is still with its
unit (``PRIVATE_STATUSES``: drafting, redrafting after a return, waiting for the unit leader)
only the unit's own people — memberships in the unit or above it — read its text; the
monitoring office, which sees everything, sees its status. The row-level helpers used by the
model predicate (``UnitReport.can_read_text``), the evidence scoping and the pages and figures
that show text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from core.scoping import scope_for
from reporting.models import PRIVATE_STATUSES, UnitReport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def own_unit(user: User | AnonymousUser, path: str) -> bool:
    """Is the unit at ``path`` inside one of the user's own memberships' subtrees?"""
    return any(path.startswith(p) for p in scope_for(user).unit_paths)


def private_text_q(scope: Any, prefix: str) -> Q:
    """Rows of reports whose text ``scope`` may read: sent reports anywhere in scope, reports
    still with the unit only in the user's own subtrees (``prefix`` leads to the unit report)."""
    return scope.own_units_q(f"{prefix}unit__") | (
        scope.units_q(f"{prefix}unit__") & ~Q(**{f"{prefix}status__in": PRIVATE_STATUSES})
    )


def sections_with_text(sections: QuerySet, user: User | AnonymousUser) -> QuerySet:
    """Task report sections (already scoped) whose text ``user`` reads."""
    return sections.filter(private_text_q(scope_for(user), "unit_report__"))


def without_private_text(
    sections: QuerySet, user: User | AnonymousUser, round_ids: Any
) -> QuerySet:
    """Leave out the sections of drafts outside the user's own subtrees, for figures that show
    text (recurring difficulties). Written as "not in these few reports" of the given rounds,
    so the dashboard's section indexes still serve (a join to the reports' status would not)."""
    scope = scope_for(user)
    private = (
        UnitReport.objects.filter(round_id__in=round_ids, status__in=PRIVATE_STATUSES)
        .exclude(scope.own_units_q("unit__"))
        .values("pk")
    )
    return sections.exclude(unit_report_id__in=private)
