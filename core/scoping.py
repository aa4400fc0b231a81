"""The single scoping path: what part of the organisation tree a user acts in.

A user's scope is the union of the subtrees of the units where they hold a membership. The
system administrator and monitoring officers (Ban Tuyên giáo / Phòng Kinh tế, who "theo dõi,
tổng hợp" for the whole plan) see everything. Anonymous users see only published material.

``core`` sits below every domain app, so it does not know where memberships are stored: the
app that owns them (``accounts``) registers the function that builds a user's scope
(``register_scope_builder``) when Django starts. Units are named by their model label, as
Django names the user model, for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from core.permissions import Capability

# The organisation unit model (đơn vị); its ``path`` is the materialised tree path.
UNIT_MODEL = "orgunits.OrgUnit"

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    is_superuser: bool = False
    sees_everything: bool = False
    # Materialised tree paths of the units the user belongs to; a unit is in scope when its
    # path starts with one of them.
    unit_paths: tuple[str, ...] = ()
    unit_ids: frozenset[Any] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)
    # (unit path, role) for every active membership, to answer "may act on this unit as …".
    grants: tuple[tuple[str, str], ...] = ()
    # Read-only grants (quyền xem có thời hạn): tree paths of units whose *finished* material
    # (accepted reports, their indicator values) the user may read for a while, e.g. a
    # supervision team of the Fatherland Front during the supervision period. Added by the
    # registered grant providers (``register_grant_provider``); never drafts, never writes.
    read_grants: tuple[str, ...] = ()

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    # -- where: the units in scope ------------------------------------------------------------

    def units_q(self, prefix: str = "") -> Q:
        """Q matching units inside the scope; ``prefix`` is the lookup path to the unit."""
        if self.sees_everything:
            return Q()
        return _paths_q(self.unit_paths, prefix)

    def own_units_q(self, prefix: str = "") -> Q:
        """Q matching the subtrees of the user's own memberships, even for those who see all."""
        return _paths_q(self.unit_paths, prefix)

    def units_subquery(self, *, own: bool = False) -> QuerySet:
        """Primary keys of the units in scope (or only in the user's own subtrees), as a subquery.

        Use as ``Q(owner__in=scope.units_subquery())``: one SQL subquery instead of a list of
        ids, so it stays one statement whatever the size of the tree.
        """
        units = apps.get_model(UNIT_MODEL)._default_manager
        return units.filter(self.own_units_q() if own else self.units_q()).values("pk")

    def granted_units_q(self, prefix: str = "") -> Q:
        """Q matching units under a read-only grant; models opt in and add their own "finished
        only" condition (an accepted report, never a draft)."""
        return _paths_q(self.read_grants, prefix)

    def contains_path(self, path: str) -> bool:
        return self.sees_everything or any(path.startswith(p) for p in self.unit_paths)

    # -- what: capabilities -------------------------------------------------------------------

    def can(self, capability: Capability, path: str | None = None) -> bool:
        """May the user exercise ``capability`` over the unit at ``path`` (or anywhere, if None)?"""
        if self._holds_everywhere(capability):
            return True
        if path is None:
            return any(role in capability.roles for _p, role in self.grants)
        return self.has_role_over(path, capability.roles)

    def units_where_q(self, capability: Capability, prefix: str = "") -> Q:
        """Q matching the units over which the user holds ``capability``."""
        if self._holds_everywhere(capability):
            return Q()
        paths = tuple(p for p, role in self.grants if role in capability.roles)
        return _paths_q(paths, prefix)

    def has_role_over(self, path: str, roles: frozenset[str] | set[str]) -> bool:
        """True when the user holds one of ``roles`` in the unit at ``path`` or an ancestor."""
        return any(path.startswith(p) and role in roles for p, role in self.grants)

    def _holds_everywhere(self, capability: Capability) -> bool:
        if self.is_anonymous:
            return False
        return bool(
            (capability.superuser and self.is_superuser) or (capability.everywhere & self.roles)
        )


def _paths_q(paths: tuple[str, ...], prefix: str) -> Q:
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


ANONYMOUS_SCOPE = Scope(user_id=None)

ScopeBuilder = Callable[[Any], Scope]
_builder: ScopeBuilder | None = None
# A grant provider answers, for a user id, the unit paths it grants read-only access to today.
GrantProvider = Callable[[int], "list[str] | tuple[str, ...]"]
_grant_providers: dict[str, GrantProvider] = {}


def register_scope_builder(builder: ScopeBuilder) -> None:
    """Called once by the app that stores memberships (``accounts``) in ``AppConfig.ready``."""
    global _builder
    _builder = builder


def register_grant_provider(name: str, provider: GrantProvider) -> None:
    """A higher app (``supervision``) grants time-limited read access through the one scoping
    path; registered by name in ``AppConfig.ready`` so a reload does not register twice."""
    _grant_providers[name] = provider


# A grant-read listener is told of each detail read that only a read grant allowed: (user, the
# object read, the unit whose grant let it through). Registered by the app granting the reads.
GrantReadListener = Callable[[Any, Any, Any], object]
_grant_read_listeners: dict[str, GrantReadListener] = {}


def register_grant_read_listener(name: str, listener: GrantReadListener) -> None:
    """The app that grants reads (``supervision``) audits them: registered in ``ready``."""
    _grant_read_listeners[name] = listener


def note_granted_read(user: AbstractUser | AnonymousUser | None, obj: Any) -> None:
    """Called by the base detail views (``core.views``) after an object passed its lookup.

    A model opts in with ``GRANT_UNIT``: the dotted attribute path from the object to the unit a
    grant covers (``"unit"``, ``"unit_report.unit"``). Cheap for everyone without a grant (no
    query); for a grant holder, the read is reported only when the user's own units would not
    have shown the object — the read happened *through* the grant.
    """
    attribute = getattr(type(obj), "GRANT_UNIT", None)
    if not attribute or not _grant_read_listeners:
        return
    scope = scope_for(user)
    if not scope.read_grants or scope.sees_everything:
        return
    unit = obj
    for part in attribute.split("."):
        unit = getattr(unit, part, None)
        if unit is None:
            return
    path = getattr(unit, "path", "")
    if scope.contains_path(path) or not any(path.startswith(g) for g in scope.read_grants):
        return
    for listener in _grant_read_listeners.values():
        listener(user, obj, unit)


def scope_for(user: AbstractUser | AnonymousUser | None) -> Scope:
    """Compute (once per user object) the scope used by every ``visible_to`` call."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS_SCOPE
    cached = getattr(user, "_khcn_scope", None)
    if cached is not None:
        return cached
    if _builder is None:  # pragma: no cover - a configuration error, not a runtime state
        raise RuntimeError("No scope builder registered (is 'accounts' in INSTALLED_APPS?)")
    scope = _builder(user)
    granted = {
        path for provider in _grant_providers.values() for path in provider(scope.user_id or 0)
    }
    if granted:
        scope = replace(scope, read_grants=tuple(sorted(granted)))
    user._khcn_scope = scope  # type: ignore[union-attr]  # a per-request cache on the object
    return scope


def forget_scope(user: AbstractUser | AnonymousUser) -> None:
    """Drop the cached scope after memberships change (tests, admin actions)."""
    if hasattr(user, "_khcn_scope"):
        del user._khcn_scope
