"""The main pages of the platform for one persona: every menu entry plus the main detail pages.

Shared by the layout and accessibility walks (``test_layout.py``). Detail pages are found in the
demo dataset through ``visible_to(user)``, so each persona gets pages it may really open.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from core.panels import menu_for


def _first(model: Any, user: Any, **filters: Any) -> Any:
    # The model's own ordering (newest period, name…), not the key: keys are UUIDs, so "first
    # by pk" was a different page in every run.
    return model.objects.visible_to(user).filter(**filters).first()


def main_pages(username: str) -> list[str]:
    """Addresses of the pages a persona opens in a normal day, without duplicates, in order."""
    from django.test import RequestFactory

    from accounts.models import User
    from documents.models import Document
    from indicators.models import Indicator
    from orgunits.models import OrgUnit
    from plans.models import Plan, Task
    from reporting.models import Issue, ReportingRound, UnitReport
    from reviews.models import Review

    user = User.objects.get(username=username)
    request = RequestFactory().get("/")
    request.user = user
    urls = [reverse("home:home"), reverse("accounts:profile")]
    for item in menu_for(request):  # a drop-down group's entries are main pages too
        urls += [str(child["url"]) for child in item.get("children", [item])]
    # Forms with unit pickers count as main pages too (new plan: the owner picker).
    urls += [
        reverse("notifications:list"),
        reverse("indicators:unit_roots"),
        reverse("plans:create"),
    ]

    from indicators.actions import can_edit_indicators

    plan = _first(Plan, user, document__isnull=False, parent__isnull=True) or _first(Plan, user)
    indicator = _first(Indicator, user)
    details: list[tuple[str, Any]] = [
        ("plans:detail", plan),
        ("reporting:plan_calendar", plan),
        ("reviews:plan_reviews", plan),
        ("plans:task_detail", _first(Task, user, plan=plan) if plan else None),
        ("plans:task_create", plan if plan is not None and plan.can_edit(user) else None),
        ("orgunits:detail", _first(OrgUnit, user, memberships__user=user)),
        ("documents:detail", _first(Document, user)),
        ("reporting:round_detail", _first(ReportingRound, user)),
        (
            "reporting:report_detail",
            _first(UnitReport, user, unit__memberships__user=user) or _first(UnitReport, user),
        ),
        ("reporting:issue_detail", _first(Issue, user)),
        ("indicators:detail", indicator),
        ("indicators:edit_basis", indicator if can_edit_indicators(user) else None),
        ("reviews:detail", _first(Review, user)),
    ]
    urls += [reverse(name, args=[obj.pk]) for name, obj in details if obj is not None]
    return list(dict.fromkeys(urls))
