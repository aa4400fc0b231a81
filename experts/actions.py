"""Named, transactional writes for the experts registry, with the personal-data rules of
Nghị định 13/2023/NĐ-CP: audited without personal values, exported on request, anonymised on
withdrawal of consent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_ST_REGISTRIES, MANAGE_PERSONAL_DATA
from core.scoping import scope_for
from core.sheets import sheet_row
from experts.models import GROUPS, PERSONAL_FIELDS, Expert, Gender

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

HIDDEN = "(dữ liệu cá nhân)"


def _can(user: Any, capability: Any, unit: Any) -> bool:
    if user is None or not user.is_authenticated or unit is None:
        return False
    return scope_for(user).can(capability, unit.path)


def can_create(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(EDIT_ST_REGISTRIES)


def can_edit(user: User | AnonymousUser | None, expert: Expert) -> bool:
    return not expert.is_anonymised and _can(user, EDIT_ST_REGISTRIES, expert.owner_unit)


def sees_all(user: User | AnonymousUser | None, expert: Expert) -> bool:
    """Sees every field of the record (pages, exports): its managers and its editors; others
    see only the consented field groups (``Expert.shown_groups``)."""
    return can_manage_data(user, expert) or can_edit(user, expert)


def can_manage_data(user: User | AnonymousUser | None, expert: Expert) -> bool:
    """Sees every field, exports and anonymises: the managing office and the owning unit's
    managers."""
    return _can(user, MANAGE_PERSONAL_DATA, expert.owner_unit)


def _changes(before: dict[str, Any], expert: Expert, names: Any) -> dict[str, list[Any]]:
    changes = {}
    for name in names:
        old, new = before.get(name), _raw(expert, name)
        if old != new:
            changes[name] = [_plain_value(name, old), _plain_value(name, new)]
    return changes


def _raw(expert: Expert, name: str) -> Any:
    return (
        getattr(expert, name + "_id")
        if name in ("owner_unit", "affiliation")
        else getattr(expert, name)
    )


def _plain_value(name: str, value: Any) -> Any:
    if name in PERSONAL_FIELDS:
        return HIDDEN
    return value if value is None or isinstance(value, bool | int) else str(value)


def _validated(expert: Expert) -> None:
    try:
        expert.full_clean()
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error


def _create(actor: User, action: str, projects: Any, **fields: Any) -> Expert:
    if not _can(actor, EDIT_ST_REGISTRIES, fields.get("owner_unit")):
        raise NotAllowed()
    expert = Expert(**fields)
    _validated(expert)
    expert.save()
    expert.projects.set(projects)
    record(
        actor,
        action,
        expert,
        {name: [None, _plain_value(name, _raw(expert, name))] for name in Expert.EDITABLE_FIELDS},
    )
    return expert


@transaction.atomic
def create_expert(actor: User, *, projects: Any = (), **fields: Any) -> Expert:
    return _create(actor, "expert.create", projects, **fields)


@transaction.atomic
def import_experts(actor: User, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    """Record the experts of a checked Excel sheet (``(row number, fields)`` each), with the
    consent each row carries: all of them, or none when one is refused (the error names its
    row). Like every write here, the audit rows hold no personal values."""
    if not can_create(actor):
        raise NotAllowed()
    for number, fields in rows:
        with sheet_row(number):
            _create(actor, "expert.import", (), **fields)
    return len(rows)


@transaction.atomic
def update_expert(
    actor: User, expert: Expert, *, expected_version: int, projects: Any = None, **fields: Any
) -> Expert:
    if not can_edit(actor, expert):
        raise NotAllowed()
    if "owner_unit" in fields and not _can(actor, EDIT_ST_REGISTRIES, fields["owner_unit"]):
        raise NotAllowed()
    claim_version(expert, expected_version)
    before = {name: _raw(expert, name) for name in Expert.EDITABLE_FIELDS}
    for name, value in fields.items():
        if name not in Expert.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(expert, name, value)
    _validated(expert)
    expert.save()
    changes = _changes(before, expert, fields)
    if projects is not None:
        old = set(expert.projects.values_list("pk", flat=True))
        expert.projects.set(projects)
        if old != {p.pk for p in projects}:
            changes["projects"] = [len(old), len(projects)]
    record(actor, "expert.update", expert, changes)
    return expert


@transaction.atomic
def withdraw_consent(actor: User, expert: Expert, *, expected_version: int) -> Expert:
    """The person withdrew consent (rút lại sự đồng ý): erase what identifies them, keep what
    the counts need (degree, title, field, birth year), never publish the record again."""
    if not can_manage_data(actor, expert):
        raise NotAllowed()
    if expert.is_anonymised:
        raise ActionError(_("Hồ sơ này đã được ẩn danh."))
    claim_version(expert, expected_version)
    expert.full_name = _("Chuyên gia ẩn danh %(code)s") % {"code": str(expert.pk)[:8]}
    expert.email = expert.phone = expert.keywords = ""
    expert.gender = Gender.UNSPECIFIED
    expert.affiliation = None
    expert.consent_profile = expert.consent_personal = False
    expert.consent_contact = expert.consent_projects = False
    expert.consent_withdrawn_on = timezone.localdate()
    expert.is_anonymised = True
    expert.is_published = False
    _validated(expert)
    expert.save()
    expert.projects.clear()
    record(actor, "expert.anonymise", expert, {"is_anonymised": [False, True]})
    return expert


@transaction.atomic
def export_personal_data(actor: User, expert: Expert) -> dict[str, Any]:
    """Everything held about the person, on their request (cung cấp dữ liệu cá nhân)."""
    if not can_manage_data(actor, expert):
        raise NotAllowed()
    data: dict[str, Any] = {
        "id": str(expert.pk),
        "full_name": expert.full_name,
        "birth_year": expert.birth_year,
        "gender": expert.gender,
        "degree": expert.degree,
        "academic_title": expert.academic_title,
        "field": expert.field,
        "affiliation": str(expert.affiliation) if expert.affiliation else None,
        "keywords": expert.keywords,
        "email": expert.email,
        "phone": expert.phone,
        "projects": [str(p) for p in expert.projects.all()],
        "consent": {
            "purpose": expert.purpose,
            "given_on": expert.consent_on.isoformat() if expert.consent_on else None,
            "withdrawn_on": (
                expert.consent_withdrawn_on.isoformat() if expert.consent_withdrawn_on else None
            ),
            "shown_beyond_managers": sorted(expert.shown_groups(full=False)),
        },
        "field_groups": {name: list(fields) for name, fields in GROUPS.items()},
        "exported_at": timezone.now().isoformat(),
    }
    record(actor, "expert.export", expert, {})
    return data
