"""Who runs a plan's reporting cycle (shared by the report and issue models)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.permissions import ACCEPT_REPORT
from core.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def is_reviewer(user: User | AnonymousUser, plan: Any) -> bool:
    """Monitoring officers (who see everything) and the plan's editors run the reporting cycle."""
    return scope_for(user).can(ACCEPT_REPORT, plan.owner.path)
