from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from core.panels import menu_for
from core.scoping import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_for(user)
    menu = menu_for(request) if scope.user_id is not None else []
    return {"nav_scope": scope, "nav_is_monitor": scope.sees_everything, "nav_menu": menu}
