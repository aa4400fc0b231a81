"""Who may do what to a project: the predicates every action and page asks.

Capabilities come from ``core.permissions``: ``PROPOSE_PROJECT`` (a unit's writers, over their
subtree) and ``MANAGE_PROJECTS`` (managers and leaders over the managing unit's subtree — the
S&T department, a city's economic office — and the monitoring office everywhere).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.permissions import MANAGE_PROJECTS, PROPOSE_PROJECT
from core.scoping import scope_for
from projects.models import FINISHED, Project, Status

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    AnyUser = User | AnonymousUser | None


def _signed_in(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def can_propose(user: AnyUser, unit: Any = None) -> bool:
    """May ``user`` propose a project for ``unit`` (or for some unit, if None)?"""
    if not _signed_in(user):
        return False
    return scope_for(user).can(PROPOSE_PROJECT, unit.path if unit is not None else None)


def can_edit_proposal(user: AnyUser, project: Project) -> bool:
    """The proposing unit edits its draft and its proposal until it is listed; the managing
    office may correct a proposal (never a draft: drafts are the proposer's own)."""
    if not _signed_in(user) or project.status not in (Status.DRAFT, Status.PROPOSED):
        return False
    if project.created_by_id is not None and project.created_by_id == user.pk:  # type: ignore[union-attr]
        return True
    if scope_for(user).can(PROPOSE_PROJECT, project.unit.path) and _in_own_units(user, project):
        return True
    return project.status == Status.PROPOSED and can_manage(user, project)


def _in_own_units(user: Any, project: Project) -> bool:
    return any(project.unit.path.startswith(p) for p in scope_for(user).unit_paths)


def can_manage(user: AnyUser, project: Project) -> bool:
    """Selection, contract, checks, adjustments, acceptance, registration."""
    if not _signed_in(user) or project.status == Status.DRAFT:
        return False
    return scope_for(user).can(MANAGE_PROJECTS, project.managing_unit.path)


def can_report_application(user: AnyUser, project: Project) -> bool:
    """The host's people (a unit linked to the host organisation), the proposing unit and
    the managing office report where the results are applied."""
    if not _signed_in(user) or project.status not in FINISHED:
        return False
    scope = scope_for(user)
    if can_manage(user, project) or scope.can(PROPOSE_PROJECT, project.unit.path):
        return True
    host_unit = project.host.unit if project.host_id and project.host else None
    return host_unit is not None and scope.can(PROPOSE_PROJECT, host_unit.path)


def can_link_documents(user: AnyUser, project: Project) -> bool:
    """The managing office at any step; the proposing unit's writers until the project is
    closed (they keep its decisions and minutes with it)."""
    if not _signed_in(user) or project.status == Status.CANCELLED:
        return False
    if can_manage(user, project):
        return True
    return scope_for(user).can(PROPOSE_PROJECT, project.unit.path) and _in_own_units(user, project)


def can_manage_unit(user: AnyUser, unit: Any) -> bool:
    """May ``user`` manage projects whose managing office is ``unit`` (imports)?"""
    if not _signed_in(user) or unit is None:
        return False
    return scope_for(user).can(MANAGE_PROJECTS, unit.path)


def can_import(user: AnyUser) -> bool:
    return _signed_in(user) and scope_for(user).can(MANAGE_PROJECTS)
