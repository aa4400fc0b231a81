from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from core.panels import menu_for
from core.scoping import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    # Once per request: a page may render several templates with the request (error pages,
    # e-mails of the same request); the menu and scope do not change in between.
    cached: dict[str, Any] | None = getattr(request, "_khcn_navigation", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    scope = scope_for(user)
    menu = menu_for(request) if scope.user_id is not None else []
    cached = {"nav_scope": scope, "nav_is_monitor": scope.sees_everything, "nav_menu": menu}
    request._khcn_navigation = cached  # type: ignore[attr-defined]
    return cached
