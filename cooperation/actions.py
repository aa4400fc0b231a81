"""Named, transactional writes for cooperation agreements (thỏa thuận hợp tác)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.log import diff, record, snapshot
from cooperation.models import Agreement
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from core.sheets import sheet_row

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def can_create(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(EDIT_ST_REGISTRIES)


def can_edit_for_unit(user: User | AnonymousUser | None, unit: Any) -> bool:
    if user is None or not user.is_authenticated or unit is None:
        return False
    return scope_for(user).can(EDIT_ST_REGISTRIES, unit.path)


def can_edit(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    return can_edit_for_unit(user, agreement.owner_unit)


def sees_all(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    """Sees every field group of an agreement: its editors and the units it belongs to;
    others see the published groups only (``Agreement.published_groups``)."""
    if user is None or not user.is_authenticated:
        return False
    return can_edit(user, agreement) or scope_for(user).contains_path(
        str(agreement.owner_unit.path)
    )


def _validated(agreement: Agreement) -> None:
    try:
        agreement.full_clean()
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error


def _links(agreement: Agreement, partners: Any, projects: Any) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name, values in (("partners", partners), ("projects", projects)):
        if values is None:
            continue
        manager = getattr(agreement, name)
        old = sorted(str(o) for o in manager.all())
        new = sorted(str(o) for o in values)
        manager.set(values)
        if old != new:
            changes[name] = [old, new]
    return changes


def _create(actor: User, action: str, partners: Any, projects: Any, **fields: Any) -> Agreement:
    if not can_edit_for_unit(actor, fields.get("owner_unit")):
        raise NotAllowed()
    agreement = Agreement(created_by=actor, **fields)
    _validated(agreement)
    agreement.save()
    changes = {k: [None, v] for k, v in snapshot(agreement, Agreement.EDITABLE_FIELDS).items()}
    changes.update(_links(agreement, partners, projects))
    record(actor, action, agreement, changes)
    return agreement


@transaction.atomic
def create_agreement(
    actor: User, *, partners: Any = (), projects: Any = (), **fields: Any
) -> Agreement:
    return _create(actor, "agreement.create", partners, projects, **fields)


@transaction.atomic
def import_agreements(actor: User, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    """Record the agreements of a checked Excel sheet (``(row number, fields)`` each): all
    of them, or none when one is refused (the error names its row)."""
    if not can_create(actor):
        raise NotAllowed()
    for number, fields in rows:
        fields = dict(fields)
        partners = fields.pop("partners", ())
        with sheet_row(number):
            _create(actor, "agreement.import", partners, (), **fields)
    return len(rows)


@transaction.atomic
def update_agreement(
    actor: User,
    agreement: Agreement,
    *,
    expected_version: int,
    partners: Any = None,
    projects: Any = None,
    **fields: Any,
) -> Agreement:
    if not can_edit(actor, agreement):
        raise NotAllowed()
    if "owner_unit" in fields and not can_edit_for_unit(actor, fields["owner_unit"]):
        raise NotAllowed()
    claim_version(agreement, expected_version)
    before = snapshot(agreement, Agreement.EDITABLE_FIELDS)
    for name, value in fields.items():
        if name not in Agreement.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(agreement, name, value)
    _validated(agreement)
    agreement.save()
    changes = diff(before, snapshot(agreement, fields))
    changes.update(_links(agreement, partners, projects))
    record(actor, "agreement.update", agreement, changes)
    return agreement
