"""The single scoping path: what part of the organisation tree a user acts in.

A user's scope is the union of the subtrees of the units where they hold a membership. The
system administrator and monitoring officers (Ban Tuyên giáo / Phòng Kinh tế, who "theo dõi,
tổng hợp" for the whole plan) see everything. Anonymous users see only published material.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    sees_everything: bool = False
    # Materialised tree paths of the units the user belongs to; a unit is in scope when its
    # path starts with one of them.
    unit_paths: tuple[str, ...] = ()
    unit_ids: frozenset[Any] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)
    # (unit path, role) for every active membership, to answer "may act on this unit as …".
    grants: tuple[tuple[str, str], ...] = ()

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    def units_q(self, prefix: str = "") -> Q:
        """Q matching units inside the scope; ``prefix`` is the lookup path to the unit."""
        if self.sees_everything:
            return Q()
        if not self.unit_paths:
            return Q(pk__in=[])
        return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in self.unit_paths))

    def contains_path(self, path: str) -> bool:
        return self.sees_everything or any(path.startswith(p) for p in self.unit_paths)

    def has_role_over(self, path: str, roles: frozenset[str] | set[str]) -> bool:
        """True when the user holds one of ``roles`` in the unit at ``path`` or an ancestor."""
        return any(path.startswith(p) and role in roles for p, role in self.grants)


ANONYMOUS_SCOPE = Scope(user_id=None)


def scope_for(user: AbstractUser | AnonymousUser | None) -> Scope:
    """Compute (once per user object) the scope used by every ``visible_to`` call."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS_SCOPE
    cached = getattr(user, "_khcn_scope", None)
    if cached is not None:
        return cached
    from accounts.models import Membership, Role

    # Typed as Django's user classes (core sits below accounts): mypy cannot see that an
    # authenticated user here is an accounts.User.
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).values_list(  # type: ignore[misc]
            "unit_id", "unit__path", "role"
        )
    )
    roles = frozenset(role for _, _, role in memberships)
    scope = Scope(
        user_id=user.pk,
        sees_everything=bool(user.is_superuser or Role.MONITOR in roles),
        unit_paths=tuple(sorted({path for _, path, _ in memberships})),
        unit_ids=frozenset(unit_id for unit_id, _, _ in memberships),
        roles=roles,
        grants=tuple(sorted({(path, role) for _, path, role in memberships})),
    )
    user._khcn_scope = scope  # type: ignore[union-attr]
    return scope


def forget_scope(user: AbstractUser | AnonymousUser) -> None:
    """Drop the cached scope after memberships change (tests, admin actions)."""
    if hasattr(user, "_khcn_scope"):
        del user._khcn_scope
