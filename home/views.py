"""The start page (trang chủ): the user's own open tasks and the plans they follow."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from core.scoping import scope_for
from orgunits.models import OrgUnit
from plans.models import Plan, Task
from reporting.models import OUTSTANDING_STATUSES, UnitReport


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    scope = scope_for(user)
    my_units = (
        OrgUnit.objects.visible_to(user).filter(scope.units_q())
        if scope.unit_paths
        else OrgUnit.objects.none()
    )
    my_tasks = (
        Task.objects.visible_to(user)
        .open()
        .filter(assignments__is_active=True, assignments__unit__in=my_units.values("pk"))
        .select_related("plan")
        .distinct()
        .order_by("end_year", "order")[:20]
    )
    # What is due: the reports of the user's own units still with the unit (draft, returned,
    # waiting for the leader) in rounds already open, the earliest deadline first.
    today = timezone.localdate()
    due_reports = (
        UnitReport.objects.visible_to(user)
        .filter(
            unit__in=my_units.values("pk"),
            status__in=OUTSTANDING_STATUSES,
            round__period_start__lte=today,
        )
        .select_related("round", "round__plan", "unit")
        .order_by("round__due_date", "unit__name")[:10]
        if scope.unit_paths
        else UnitReport.objects.none()
    )
    plans = Plan.objects.visible_to(user).select_related("owner").order_by("-created_at")[:10]
    memberships = user.memberships.filter(is_active=True).select_related("unit")
    return render(
        request,
        "home/home.html",
        {
            "my_tasks": my_tasks,
            "due_reports": due_reports,
            "today": today,
            "plans": plans,
            "memberships": memberships,
        },
    )
