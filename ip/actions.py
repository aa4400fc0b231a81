"""Named, transactional writes for products, IP titles and their authorised users."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from core.sheets import sheet_row
from ip.models import SHARED_KINDS, AuthorisedUser, IpTitle, Product

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def can_create(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(EDIT_ST_REGISTRIES)


def can_edit_for_unit(user: User | AnonymousUser | None, unit: Any) -> bool:
    """The managing office edits all; a unit edits the records of its subtree."""
    if user is None or not user.is_authenticated or unit is None:
        return False
    return scope_for(user).can(EDIT_ST_REGISTRIES, unit.path)


def can_edit(user: User | AnonymousUser | None, obj: Product | IpTitle) -> bool:
    return can_edit_for_unit(user, obj.owner_unit)


def sees_all(user: User | AnonymousUser | None, obj: IpTitle) -> bool:
    """Sees every field group of a title: its editors and the units it belongs to; others
    see the published groups only (``IpTitle.published_groups``)."""
    if user is None or not user.is_authenticated:
        return False
    return can_edit(user, obj) or scope_for(user).contains_path(str(obj.owner_unit.path))


def _validated(obj: models.Model) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error


def _create(actor: User, model: Any, action: str, m2m: dict[str, Any], **fields: Any) -> Any:
    if not can_edit_for_unit(actor, fields.get("owner_unit")):
        raise NotAllowed()
    obj = model(**fields)
    if hasattr(obj, "created_by_id"):
        obj.created_by = actor
    _validated(obj)
    obj.save()
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    after = snapshot(obj, model.EDITABLE_FIELDS)
    record(actor, action, obj, {k: [None, v] for k, v in after.items()})
    return obj


def _update(actor: User, obj: Any, action: str, expected_version: int, **fields: Any) -> Any:
    if not can_edit(actor, obj):
        raise NotAllowed()
    if "owner_unit" in fields and not can_edit_for_unit(actor, fields["owner_unit"]):
        raise NotAllowed()
    claim_version(obj, expected_version)
    before = snapshot(obj, obj.EDITABLE_FIELDS)
    for name, value in fields.items():
        if name not in obj.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(obj, name, value)
    _validated(obj)
    obj.save()
    record(actor, action, obj, diff(before, snapshot(obj, fields)))
    return obj


@transaction.atomic
def create_product(actor: User, *, producers: Any = (), **fields: Any) -> Product:
    """Register a characteristic product (sản phẩm đặc trưng)."""
    product = _create(actor, Product, "ip.product.create", {"producers": producers}, **fields)
    if producers:
        record(actor, "ip.product.producers", product, {"producers": [None, len(producers)]})
    return product


@transaction.atomic
def update_product(
    actor: User, product: Product, *, expected_version: int, producers: Any = None, **fields: Any
) -> Product:
    product = _update(actor, product, "ip.product.update", expected_version, **fields)
    if producers is not None:
        before = sorted(str(p) for p in product.producers.all())
        product.producers.set(producers)
        after = sorted(str(p) for p in producers)
        if before != after:
            record(actor, "ip.product.producers", product, {"producers": [before, after]})
    return product


@transaction.atomic
def create_title(actor: User, **fields: Any) -> IpTitle:
    """Register an IP title (văn bằng) or a pending filing."""
    return _create(actor, IpTitle, "ip.title.create", {}, **fields)


@transaction.atomic
def update_title(actor: User, title: IpTitle, *, expected_version: int, **fields: Any) -> IpTitle:
    if "kind" in fields and fields["kind"] not in SHARED_KINDS and title.users.exists():
        raise ActionError(
            _("Văn bằng đã có tổ chức được cấp quyền sử dụng nên không đổi sang loại này được.")
        )
    return _update(actor, title, "ip.title.update", expected_version, **fields)


def _check_user(row: AuthorisedUser) -> None:
    if row.title.kind not in SHARED_KINDS:
        raise ActionError(
            _(
                "Chỉ nhãn hiệu tập thể, nhãn hiệu chứng nhận và chỉ dẫn địa lý "
                "mới có tổ chức được cấp quyền sử dụng."
            )
        )
    _validated(row)


def _add_user(actor: User, title: IpTitle, action: str, **fields: Any) -> AuthorisedUser:
    if not can_edit(actor, title):
        raise NotAllowed()
    row = AuthorisedUser(title=title, **fields)
    _check_user(row)
    row.save()
    after = snapshot(row, AuthorisedUser.EDITABLE_FIELDS)
    record(actor, action, row, {k: [None, v] for k, v in after.items()})
    return row


@transaction.atomic
def add_authorised_user(actor: User, title: IpTitle, **fields: Any) -> AuthorisedUser:
    """Grant the use of a mark or GI to an organisation (cấp quyền sử dụng)."""
    return _add_user(actor, title, "ip.user.add", **fields)


# Imports from Excel: each takes the checked rows of a sheet, ``(row number, fields)``, and
# writes all of them or, when one is refused, none (the error names its row). Each record's
# history says it came from a file.


@transaction.atomic
def import_products(actor: User, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    if not can_create(actor):
        raise NotAllowed()
    for number, fields in rows:
        fields = dict(fields)
        producers = fields.pop("producers", ())
        with sheet_row(number):
            _create(actor, Product, "ip.product.import", {"producers": producers}, **fields)
    return len(rows)


@transaction.atomic
def import_titles(actor: User, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    if not can_create(actor):
        raise NotAllowed()
    for number, fields in rows:
        with sheet_row(number):
            _create(actor, IpTitle, "ip.title.import", {}, **fields)
    return len(rows)


@transaction.atomic
def import_authorised_users(actor: User, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    if not can_create(actor):
        raise NotAllowed()
    for number, fields in rows:
        fields = dict(fields)
        title = fields.pop("title")
        with sheet_row(number):
            _add_user(actor, title, "ip.user.import", **fields)
    return len(rows)


@transaction.atomic
def update_authorised_user(
    actor: User, row: AuthorisedUser, *, expected_version: int, **fields: Any
) -> AuthorisedUser:
    if not can_edit(actor, row.title):
        raise NotAllowed()
    claim_version(row, expected_version)
    before = snapshot(row, AuthorisedUser.EDITABLE_FIELDS)
    for name, value in fields.items():
        if name not in AuthorisedUser.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(row, name, value)
    _check_user(row)
    row.save()
    record(actor, "ip.user.update", row, diff(before, snapshot(row, fields)))
    return row
