"""Build a user's scope from their active memberships (registered with ``core.scoping``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.scoping import Scope

if TYPE_CHECKING:
    from accounts.models import User


def build_scope(user: User) -> Scope:
    """One query: every active membership with its unit's tree path and role."""
    from accounts.models import Membership
    from core.permissions import SEE_EVERYTHING

    memberships = list(
        Membership.objects.filter(user=user, is_active=True).values_list(
            "unit_id", "unit__path", "role"
        )
    )
    roles = frozenset(role for _, _, role in memberships)
    is_superuser = bool(user.is_superuser)
    return Scope(
        user_id=user.pk,
        is_superuser=is_superuser,
        sees_everything=bool(
            (SEE_EVERYTHING.superuser and is_superuser) or SEE_EVERYTHING.everywhere & roles
        ),
        unit_paths=tuple(sorted({path for _, path, _ in memberships})),
        unit_ids=frozenset(unit_id for unit_id, _, _ in memberships),
        roles=roles,
        grants=tuple(sorted({(path, role) for _, path, role in memberships})),
    )
