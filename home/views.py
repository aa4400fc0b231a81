"""The start page (trang chủ): the user's own open tasks and the plans they follow."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import User
from core.scoping import scope_for
from orgunits.models import OrgUnit
from plans.models import Plan, Task


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
    plans = Plan.objects.visible_to(user).select_related("owner").order_by("-created_at")[:10]
    memberships = user.memberships.filter(is_active=True).select_related("unit")
    return render(
        request,
        "home/home.html",
        {"my_tasks": my_tasks, "plans": plans, "memberships": memberships},
    )
