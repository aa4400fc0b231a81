"""Named, transactional writes for the organisation registry (danh bạ tổ chức)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_ORGANISATIONS
from core.renames import notify_renamed
from core.scoping import scope_for
from core.sheets import sheet_row
from organisations.models import Organisation, OrganisationKind, StFund

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def can_create_organisation(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(EDIT_ORGANISATIONS)


def can_link_unit(user: User | AnonymousUser | None, unit: Any) -> bool:
    """An organisation may be tied only to a unit the user acts for (the office: any)."""
    if unit is None:
        return True
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(EDIT_ORGANISATIONS, unit.path)


def can_edit_organisation(user: User | AnonymousUser | None, org: Organisation) -> bool:
    """The managing office edits all; a unit edits those linked to its subtree; whoever
    registered an unlinked organisation keeps editing it."""
    if user is None or not user.is_authenticated:
        return False
    scope = scope_for(user)
    path = org.subtree_path()
    if path is not None:
        return scope.can(EDIT_ORGANISATIONS, path)
    if org.created_by_id is not None and org.created_by_id == user.pk:
        return scope.can(EDIT_ORGANISATIONS)
    return scope.can(EDIT_ORGANISATIONS, "")  # held everywhere only


def sees_all(user: User | AnonymousUser | None, org: Organisation) -> bool:
    """Sees every field group: its editors and those who see it as their own (its unit or
    area in their scope, its registrant); others see the published groups only
    (``Organisation.published_groups``)."""
    if user is None or not user.is_authenticated:
        return False
    if can_edit_organisation(user, org):
        return True
    path = org.subtree_path()
    if path is not None and scope_for(user).contains_path(path):
        return True
    return org.created_by_id is not None and org.created_by_id == user.pk


def _clean(org: Organisation) -> None:
    try:
        org.full_clean()
    except ValidationError as exc:
        raise ActionError(" ".join(exc.messages)) from exc


@transaction.atomic
def create_organisation(actor: User, **fields: Any) -> Organisation:
    """Register one organisation; ``fields`` are among ``Organisation.EDITABLE_FIELDS``."""
    if not can_create_organisation(actor) or not all(
        can_link_unit(actor, fields.get(name)) for name in ("unit", "area")
    ):
        raise NotAllowed()
    org = Organisation(created_by=actor, **fields)
    _clean(org)
    org.save()
    after = snapshot(org, Organisation.EDITABLE_FIELDS)
    record(actor, "organisation.create", org, {k: [None, v] for k, v in after.items()})
    return org


@transaction.atomic
def import_organisations(actor: User, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    """Register the organisations of a checked Excel sheet (``(row number, fields)`` each):
    all of them or, if one is refused, none (the error names its row)."""
    if not can_create_organisation(actor):
        raise NotAllowed()
    for number, fields in rows:
        with sheet_row(number):
            create_organisation(actor, **fields)
    return len(rows)


@transaction.atomic
def update_organisation(
    actor: User, org: Organisation, *, expected_version: int, **fields: Any
) -> Organisation:
    if not can_edit_organisation(actor, org):
        raise NotAllowed()
    for name in ("unit", "area"):
        if name in fields and fields[name] != getattr(org, name):
            if not can_link_unit(actor, fields[name]):
                raise NotAllowed()
    claim_version(org, expected_version)
    before = snapshot(org, Organisation.EDITABLE_FIELDS)
    for name, value in fields.items():
        if name not in Organisation.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(org, name, value)
    _clean(org)
    org.save()
    if org.name != before["name"]:
        # Projects, IP titles… keep the name in their search columns: refreshed with it.
        notify_renamed(org)
    record(actor, "organisation.update", org, diff(before, snapshot(org, fields)))
    return org


def _check_fund(fund: StFund) -> None:
    if fund.organisation.kind != OrganisationKind.ENTERPRISE:
        raise ActionError(_("Chỉ doanh nghiệp mới có quỹ phát triển KH&CN."))
    try:
        fund.full_clean()
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error


@transaction.atomic
def create_fund(actor: User, organisation: Organisation, **fields: Any) -> StFund:
    """Record one year of an enterprise's S&T development fund (quỹ phát triển KH&CN)."""
    if not can_edit_organisation(actor, organisation):
        raise NotAllowed()
    fund = StFund(organisation=organisation, **fields)
    _check_fund(fund)
    fund.save()
    after = snapshot(fund, StFund.EDITABLE_FIELDS)
    record(actor, "organisation.fund.create", fund, {k: [None, v] for k, v in after.items()})
    return fund


@transaction.atomic
def update_fund(actor: User, fund: StFund, *, expected_version: int, **fields: Any) -> StFund:
    if not can_edit_organisation(actor, fund.organisation):
        raise NotAllowed()
    claim_version(fund, expected_version)
    before = snapshot(fund, StFund.EDITABLE_FIELDS)
    for name, value in fields.items():
        if name not in StFund.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(fund, name, value)
    _check_fund(fund)
    fund.save()
    record(actor, "organisation.fund.update", fund, diff(before, snapshot(fund, fields)))
    return fund
