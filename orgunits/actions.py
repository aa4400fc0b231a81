"""Named writes for the organisation registry (system administrator and monitoring office)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.permissions import MANAGE_UNITS
from core.scoping import scope_for
from orgunits.models import OrgUnit, SuccessionKind, UnitSuccession

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser


def can_manage_units(user: AbstractUser | AnonymousUser) -> bool:
    return scope_for(user).can(MANAGE_UNITS)


@transaction.atomic
def create_unit(actor: AbstractUser, **fields: Any) -> OrgUnit:
    if not can_manage_units(actor):
        raise NotAllowed()
    unit = OrgUnit(**fields)
    unit.compute_path()
    unit.full_clean()
    unit.save()
    record(
        actor,
        "unit.create",
        unit,
        {
            k: [None, v]
            for k, v in snapshot(unit, OrgUnit.EDITABLE_FIELDS).items()
            if v not in (None, "", [])
        },
    )
    return unit


@transaction.atomic
def update_unit(actor: AbstractUser, unit: OrgUnit, **fields: Any) -> OrgUnit:
    if not can_manage_units(actor):
        raise NotAllowed()
    before = snapshot(unit, OrgUnit.EDITABLE_FIELDS)
    old_path = unit.path
    new_parent = fields.get("parent", unit.parent)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise ActionError(_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."))
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.compute_path()
    unit.full_clean()
    unit.save()
    if unit.path != old_path:
        # Re-root the whole subtree in one UPDATE instead of saving each descendant.
        OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
            path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
        )
        _fix_depths(unit)
    record(actor, "unit.update", unit, diff(before, snapshot(unit, OrgUnit.EDITABLE_FIELDS)))
    return unit


def _fix_depths(root: OrgUnit) -> None:
    for descendant in OrgUnit.objects.filter(path__startswith=root.path).only("path", "depth"):
        depth = descendant.path.count("/") - 1
        if descendant.depth != depth:
            OrgUnit.objects.filter(pk=descendant.pk).update(depth=depth)


@transaction.atomic
def record_succession(
    actor: AbstractUser,
    predecessor: OrgUnit,
    successors: list[OrgUnit],
    *,
    kind: str,
    effective_date: datetime.date,
    basis: str = "",
) -> list[UnitSuccession]:
    """Record a rename, merge or split: the predecessor ends the day before ``effective_date``."""
    if not can_manage_units(actor):
        raise NotAllowed()
    if not successors:
        raise ActionError(_("Cần chọn ít nhất một đơn vị kế thừa."))
    if kind == SuccessionKind.RENAME and len(successors) != 1:
        raise ActionError(_("Đổi tên chỉ có một đơn vị kế thừa."))
    if predecessor in successors:
        raise ActionError(_("Đơn vị không thể kế thừa chính nó."))
    end = effective_date - datetime.timedelta(days=1)
    if predecessor.valid_from is not None and end < predecessor.valid_from:
        # The predecessor would end before it began (orgunit_valid_to_not_before_from).
        raise ActionError(
            _("Ngày kế thừa phải sau ngày %(unit)s bắt đầu hiệu lực (%(date)s).")
            % {"unit": predecessor.name, "date": date_format(predecessor.valid_from)}
        )
    links = [
        UnitSuccession.objects.update_or_create(
            predecessor=predecessor,
            successor=successor,
            defaults={"kind": kind, "effective_date": effective_date, "basis": basis},
        )[0]
        for successor in successors
    ]
    before = snapshot(predecessor, ("valid_to",))
    if predecessor.valid_to is None or predecessor.valid_to > end:
        predecessor.valid_to = end
        predecessor.save(update_fields=["valid_to", "updated_at"])
    changes = diff(before, snapshot(predecessor, ("valid_to",)))
    changes["successors"] = [None, [s.name for s in successors]]
    record(actor, f"unit.{kind}", predecessor, changes, note=basis)
    return links
