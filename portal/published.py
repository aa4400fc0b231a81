"""What the portal may show: published material only, each query in one place.

Plans come through the scoping path as the anonymous visitor sees them (published only);
the other registries are private to signed-in users, so the portal narrows them here to what
their owners published — the one module ``tests`` walks with unpublished objects.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from cooperation.models import Agreement
from core.scoping import ANONYMOUS_SCOPE
from events.models import Event
from ip.models import IpTitle
from market.models import Need, Offer
from organisations.models import Organisation
from plans.models import Plan, Task, TaskStatus
from portal.models import Feedback
from projects.models import Project, Status
from reviews.models import Review
from supervision.models import Critique, Supervision

RESULT_STATUSES = (Status.ACCEPTED, Status.REGISTERED)


def plans() -> QuerySet[Plan]:
    return Plan.objects.visible_to_scope(ANONYMOUS_SCOPE).order_by("-start_year", "title")


def projects() -> QuerySet[Project]:
    return Project.objects.filter(is_published=True, status__in=RESULT_STATUSES).select_related(
        "unit"
    )


def organisations() -> QuerySet[Organisation]:
    """Published organisations; which of their fields show is ``Organisation.public_fields``."""
    return Organisation.objects.filter(is_published=True).select_related("unit", "area")


def ip_titles() -> QuerySet[IpTitle]:
    return IpTitle.objects.filter(is_published=True).select_related("holder", "product", "project")


def events() -> QuerySet[Event]:
    return Event.objects.filter(is_published=True).select_related("organiser")


def agreements() -> QuerySet[Agreement]:
    return Agreement.objects.filter(is_published=True)


def offers() -> QuerySet[Offer]:
    return Offer.objects.published().order_by("-published_at")


def offer_ids() -> QuerySet[Any]:
    """Ids of published offers (the sitemap lists thousands: no rows, only ids)."""
    return offers().values_list("pk", flat=True)


def needs() -> QuerySet[Need]:
    return Need.objects.published().order_by("-created_at")


def reviews() -> QuerySet[Review]:
    """Approved review reports their issuing body published (both conditions, every time)."""
    return (
        Review.objects.published().select_related("plan").order_by("-published_at", "-period_end")
    )


def supervisions() -> QuerySet[Supervision]:
    return Supervision.objects.published().select_related("programme__organiser")


def critiques() -> QuerySet[Critique]:
    return Critique.objects.filter(is_published=True).select_related("plan", "organiser")


def feedback() -> QuerySet[Feedback]:
    return Feedback.objects.published()


def _progress_figures() -> dict[str, Any]:
    return {
        "total": Count("pk"),
        "completed": Count("pk", filter=Q(status__in=(TaskStatus.COMPLETED, TaskStatus.CLOSED))),
        "in_progress": Count("pk", filter=Q(status=TaskStatus.IN_PROGRESS)),
        "not_started": Count("pk", filter=Q(status=TaskStatus.NOT_STARTED)),
        "suspended": Count("pk", filter=Q(status=TaskStatus.SUSPENDED)),
        "progress": Avg("progress"),
    }


def task_progress(plan: Plan) -> dict[str, Any]:
    """Aggregates only (no task text): counts by status and the mean progress."""
    figures = Task.objects.filter(plan=plan).aggregate(**_progress_figures())
    figures["progress"] = round(figures["progress"] or 0, 1)
    return figures


def task_progress_by_plan(plans: list[Plan]) -> QuerySet[Any]:
    """``task_progress`` for many plans in one grouped query: a row per plan (``plan``: its
    key) with the same counts and the unrounded mean progress."""
    return (
        Task.objects.filter(plan__in=[p.pk for p in plans])
        .values("plan")
        .annotate(**_progress_figures())
        .order_by()
    )


def task_progress_of(plans: list[Plan]) -> dict[Any, dict[str, Any]]:
    """``task_progress`` of several plans, keyed by plan (the portal's home page): one query."""
    empty = {"total": 0, "completed": 0, "in_progress": 0, "not_started": 0, "suspended": 0}
    figures: dict[Any, dict[str, Any]] = {p.pk: {**empty, "progress": 0} for p in plans}
    for row in task_progress_by_plan(plans):
        key = row.pop("plan")
        figures[key] = {**row, "progress": round(row["progress"] or 0, 1)}
    return figures


def section_progress(plan: Plan) -> list[dict[str, Any]]:
    """Per top section: number of tasks and mean progress."""
    rows = (
        Task.objects.filter(plan=plan, section__isnull=False)
        .values("section__label", "section__heading", "section__order")
        .annotate(total=Count("pk"), progress=Avg("progress"))
        .order_by("section__order", "section__label")
    )
    return [{**row, "progress": round(row["progress"] or 0, 1)} for row in rows]
