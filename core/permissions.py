"""What a capability is; which roles hold which capability is declared in ``accounts.permissions``.

A capability (quyền) names one thing a person may do — "edit a plan", "file a report",
"accept a report". Code asks ``scope.can(capability, unit_path)``, never "does this user hold
role X", so the question "who may do this?" has one answer, in one module, and a new app only
declares its capabilities there.

A capability is held in three ways, mirroring how the organisation works:
- ``roles``: a membership with one of these roles in the unit or one of its ancestors (a
  manager of the city government edits plans of every ward below it);
- ``everywhere``: a membership with one of these roles anywhere grants it over the whole tree
  (the monitoring office, "theo dõi, tổng hợp", acts for the whole plan);
- ``superuser``: the system administrator holds it, unless the capability is one that only a
  unit's own people exercise (a unit's report is filed and signed by that unit, not by IT).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Capability:
    """One named permission, mapped to the roles that grant it."""

    code: str
    label: Any  # a lazy translation: shown in docs and the admin
    roles: frozenset[str] = field(default_factory=frozenset)
    everywhere: frozenset[str] = field(default_factory=frozenset)
    superuser: bool = True

    def __str__(self) -> str:
        return self.code

    @property
    def all_roles(self) -> frozenset[str]:
        """Every role that grants this capability somewhere (for ``role__in`` queries)."""
        return self.roles | self.everywhere
