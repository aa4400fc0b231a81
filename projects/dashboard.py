"""The monitoring dashboard's panel: accepted projects whose results were never applied."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from projects.models import FINISHED, Application, Project

LIMIT = 15


def never_applied(user: Any) -> QuerySet:
    """Accepted (or registered) projects the user may see, with no application recorded."""
    applied = Application.objects.filter(project=OuterRef("pk"))
    return (
        Project.objects.visible_to(user)
        .filter(status__in=FINISHED)
        .exclude(Exists(applied))
        .select_related("host")
        .order_by("accepted_on", "title")
    )


def never_applied_context(context: Mapping[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = never_applied(user)
    return {"never_applied": list(rows[:LIMIT]), "never_applied_count": rows.count()}
