"""Products, IP titles and authorised users as Excel sheets: export of the (filtered) lists,
templates and all-or-nothing imports.

Three sheets, each with its own template and import: characteristic products (producers are
names of the organisations registry separated by ";"), IP titles (the holder is a name of the
registry, the product a name of the products registry, the project its code) and the
authorised users of collective/certification marks and GIs (the title named by its number,
or by its name while it has none). A title's number is unique per kind: a number already
registered, or twice in the file, is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core import sheets
from core.errors import NotAllowed
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from core.text import fold
from ip import actions
from ip.forms import ProductForm, TitleForm
from ip.models import SHARED_KINDS, AuthorisedUser, IpTitle, Product, ProductGroup, TitleKind
from organisations.models import Organisation
from orgunits.models import OrgUnit

if TYPE_CHECKING:
    from accounts.models import User


def _labels(enum: Any) -> str:
    return "; ".join(str(m.label) for m in enum)


_UNIT = _l("mã đơn vị mà bạn được sửa sổ KH&CN")
_YES_NO = _l("có hoặc không")
_ORGS = _l("tên trong danh bạ tổ chức, cách nhau bởi dấu chấm phẩy (;)")

PRODUCTS = sheets.Sheet(
    title="San pham",
    filename="san-pham-dac-trung",
    max_rows=2_000,
    columns=(
        sheets.Column("Tên sản phẩm (*)", _l("bắt buộc"), "Atisô Đà Lạt", 30),
        sheets.Column(
            "Nhóm sản phẩm (*)", _labels(ProductGroup), str(ProductGroup.ARTICHOKE.label), 16
        ),
        sheets.Column("Vùng sản xuất", "", "Phường 7, Phường 12", 24),
        sheets.Column("Mã đơn vị quản lý hồ sơ (*)", _UNIT, "", 16),
        sheets.Column("Tổ chức sản xuất", _ORGS, "", 36),
        sheets.Column("Đạt VietGAP", _YES_NO, "có", 10),
        sheets.Column("Đạt GlobalGAP", _YES_NO, "không", 10),
        sheets.Column("Hữu cơ", _YES_NO, "không", 10),
        sheets.Column("Hạng OCOP (số sao)", _l("3, 4 hoặc 5; để trống nếu chưa xếp hạng"), 4, 10),
        sheets.Column("Mô tả", "", "", 40),
        sheets.Column("Công khai (có/không)", _l("có hoặc không; để trống là có"), "có", 10),
    ),
)
PRODUCT_COLUMNS = {
    "name": 0,
    "group": 1,
    "area": 2,
    "owner_unit": 3,
    "vietgap": 5,
    "globalgap": 6,
    "organic": 7,
    "ocop_stars": 8,
    "description": 9,
}

TITLES = sheets.Sheet(
    title="Van bang",
    filename="van-bang-shtt",
    max_rows=2_000,
    columns=(
        sheets.Column(
            "Loại văn bằng (*)", _labels(TitleKind), str(TitleKind.COLLECTIVE_MARK.label), 24
        ),
        sheets.Column("Tên đối tượng bảo hộ (*)", _l("bắt buộc"), "Hoa Đà Lạt", 30),
        sheets.Column("Chủ văn bằng (*)", _l("tên trong danh bạ tổ chức"), "", 30),
        sheets.Column("Mã đơn vị quản lý hồ sơ (*)", _UNIT, "", 16),
        sheets.Column("Sản phẩm", _l("tên trong danh mục sản phẩm đặc trưng"), "", 24),
        sheets.Column("Mã nhiệm vụ KH&CN tạo ra", _l("mã số trong sổ nhiệm vụ KH&CN"), "", 14),
        sheets.Column("Số đơn", "", "4-2009-00001", 14),
        sheets.Column("Số văn bằng", _l("cần cả số và ngày cấp khi đã cấp"), "123456", 14),
        sheets.Column("Ngày nộp đơn", _l("dd/mm/yyyy"), "05/01/2009", 12),
        sheets.Column("Ngày cấp văn bằng", _l("dd/mm/yyyy"), "20/06/2010", 12),
        sheets.Column("Hiệu lực đến", _l("dd/mm/yyyy, sau ngày cấp"), "", 12),
        sheets.Column("Ngày gia hạn gần nhất", _l("dd/mm/yyyy"), "", 12),
        sheets.Column("Công khai (có/không)", _l("có hoặc không; để trống là có"), "có", 10),
    ),
)
TITLE_COLUMNS = {
    "kind": 0,
    "name": 1,
    "holder": 2,
    "owner_unit": 3,
    "product": 4,
    "project": 5,
    "application_number": 6,
    "number": 7,
    "filing_date": 8,
    "grant_date": 9,
    "valid_until": 10,
    "renewed_on": 11,
}

USERS = sheets.Sheet(
    title="Quyen su dung",
    filename="to-chuc-duoc-su-dung",
    max_rows=2_000,
    columns=(
        sheets.Column(
            "Văn bằng (*)",
            _l(
                "số văn bằng nhãn hiệu tập thể, nhãn hiệu chứng nhận hoặc chỉ dẫn địa lý "
                "(tên, nếu chưa có số)"
            ),
            "123456",
            24,
        ),
        sheets.Column("Tổ chức được sử dụng (*)", _l("tên trong danh bạ tổ chức"), "", 30),
        sheets.Column("Vùng sản xuất", "", "Phường 11", 24),
        sheets.Column("Sản lượng (tấn/năm)", _l("ví dụ 1.250,5"), "120,5", 12),
        sheets.Column("Được sử dụng từ ngày (*)", _l("dd/mm/yyyy"), "01/01/2024", 12),
        sheets.Column("Đến ngày", _l("dd/mm/yyyy"), "31/12/2028", 12),
        sheets.Column("Ghi chú", "", "", 30),
    ),
)
USER_COLUMNS = {
    "organisation": 1,
    "area": 2,
    "volume_tonnes": 3,
    "valid_from": 4,
    "valid_to": 5,
    "note": 6,
}
MAX_TONNES = Decimal(10_000_000)
_NO_ORG = _l("không có tổ chức “%(t)s” trong danh bạ")
_NO_UNIT = _l("không có đơn vị mã “%(t)s” mà bạn được sửa")


def _project_model() -> Any:
    # Projects are a sibling registry: reached through the relation, scoped like any page.
    return IpTitle._meta.get_field("project").related_model


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------


def export_products_queryset(queryset: Any, user: Any) -> Any:
    visible = Organisation.objects.visible_to(user).order_by("name")
    return queryset.select_related("owner_unit").prefetch_related(
        Prefetch("producers", queryset=visible)
    )


def export_products(products: Iterable[Product]) -> list[list[Any]]:
    yes = sheets.yes_no_text
    return [
        [
            p.name,
            p.get_group_display(),
            p.area,
            p.owner_unit.code,
            sheets.joined(o.name for o in p.producers.all()),
            yes(p.vietgap),
            yes(p.globalgap),
            yes(p.organic),
            p.ocop_stars,
            p.description,
            yes(p.is_published),
        ]
        for p in products
    ]


def export_titles(titles: list[IpTitle], user: Any) -> list[list[Any]]:
    """Title rows; a linked project's code only if the user sees that project (as the page);
    the filing details empty where the user sees the title only as published and it does not
    publish them (``IpTitle.shown_groups``)."""
    ids = {t.project_id for t in titles if t.project_id}
    projects = _project_model()._default_manager.visible_to(user).filter(pk__in=ids)
    codes = dict(projects.values_list("pk", "code"))
    rows = []
    for t in titles:
        filing = "filing" in t.shown_groups(full=actions.sees_all(user, t))
        rows.append(
            [
                t.get_kind_display(),
                t.name,
                t.holder.name,
                t.owner_unit.code,
                t.product.name if t.product else "",
                codes.get(t.project_id, "") if filing else "",
                t.application_number if filing else "",
                t.number,
                t.filing_date if filing else None,
                t.grant_date,
                t.valid_until,
                t.renewed_on if filing else None,
                sheets.yes_no_text(t.is_published),
            ]
        )
    return rows


def users_of(titles: Any, user: Any) -> Any:
    """The authorised users of ``titles`` the user may see."""
    return (
        AuthorisedUser.objects.visible_to(user)
        .filter(title__in=titles)
        .select_related("title", "organisation")
        .order_by("title__name", "valid_from")
    )


def export_users(rows: Iterable[AuthorisedUser]) -> list[list[Any]]:
    return [
        [
            u.title.number or u.title.name,
            u.organisation.name,
            u.area,
            u.volume_tonnes,
            u.valid_from,
            u.valid_to,
            u.note,
        ]
        for u in rows
    ]


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------


class _Reader:
    """What rows may name: the user's units, the organisations and products they see."""

    def __init__(self, actor: User) -> None:
        scope = scope_for(actor)
        units = OrgUnit.objects.visible_to(actor).filter(scope.units_where_q(EDIT_ST_REGISTRIES))
        self.units = sheets.by_folded(units.exclude(code=""), lambda u: u.code)
        self.orgs = sheets.by_folded(Organisation.objects.visible_to(actor), lambda o: o.name)
        self.actor = actor

    def _published(self, r: sheets.RowReader, index: int) -> bool | None:
        return True if r.raw(index) in (None, "") else r.take(index, sheets.yes_no)

    def _owner(self, r: sheets.RowReader, index: int) -> Any:
        return r.take(
            index,
            sheets.lookup,
            self.units,
            missing=_NO_UNIT,
            required=_("thiếu mã đơn vị quản lý hồ sơ"),
        )


class _ProductReader(_Reader):
    def parse(self, r: sheets.RowReader) -> dict[str, Any] | None:
        fields = {
            "name": r.take(0, sheets.text, required=_("thiếu tên sản phẩm"), max_length=300),
            "group": r.take(1, sheets.choice, ProductGroup, required=_("thiếu nhóm sản phẩm")),
            "area": r.take(2, sheets.text, max_length=300),
            "owner_unit": self._owner(r, 3),
            "vietgap": r.take(5, sheets.yes_no),
            "globalgap": r.take(6, sheets.yes_no),
            "organic": r.take(7, sheets.yes_no),
            "ocop_stars": r.take(8, sheets.integer, minimum=3, maximum=5),
            "description": r.take(9, sheets.text),
            "is_published": self._published(r, 10),
        }
        producers = r.take(4, sheets.many, self.orgs, missing=_NO_ORG)
        if not r.ok:
            return None
        r.validate(Product(**fields), PRODUCT_COLUMNS)
        return {**fields, "producers": producers} if r.ok else None


class _TitleReader(_Reader):
    def __init__(self, actor: User) -> None:
        super().__init__(actor)
        self.products = sheets.by_folded(Product.objects.visible_to(actor), lambda p: p.name)
        projects = _project_model()._default_manager.visible_to(actor).exclude(code="")
        self.projects = sheets.by_folded(projects, lambda p: p.code)
        self.seen: dict[tuple[str, str], int] = {}

    def parse(self, r: sheets.RowReader) -> dict[str, Any] | None:
        fields = {
            "kind": r.take(0, sheets.choice, TitleKind, required=_("thiếu loại văn bằng")),
            "name": r.take(1, sheets.text, required=_("thiếu tên đối tượng"), max_length=300),
            "holder": r.take(
                2, sheets.lookup, self.orgs, missing=_NO_ORG, required=_("thiếu chủ văn bằng")
            ),
            "owner_unit": self._owner(r, 3),
            "product": r.take(
                4,
                sheets.lookup,
                self.products,
                missing=_("không có sản phẩm “%(t)s” trong danh mục sản phẩm đặc trưng"),
            ),
            "project": r.take(
                5, sheets.lookup, self.projects, missing=_("không có nhiệm vụ mã “%(t)s”")
            ),
            "application_number": r.take(6, sheets.text, max_length=50),
            "number": r.take(7, sheets.text, max_length=50),
            "filing_date": r.take(8, sheets.date),
            "grant_date": r.take(9, sheets.date),
            "valid_until": r.take(10, sheets.date),
            "renewed_on": r.take(11, sheets.date),
            "is_published": self._published(r, 12),
        }
        if not r.ok:
            return None
        if fields["number"]:
            key = (fields["kind"], fold(fields["number"]))
            if key in self.seen:
                r.error(7, _("số văn bằng trùng với dòng %(r)s") % {"r": self.seen[key]})
            self.seen.setdefault(key, r.number)
        r.validate(IpTitle(**fields), TITLE_COLUMNS)
        return fields if r.ok else None


class _UserReader(_Reader):
    def __init__(self, actor: User) -> None:
        super().__init__(actor)
        titles = IpTitle.objects.visible_to(actor).filter(
            kind__in=SHARED_KINDS, owner_unit__in=[u.pk for u in self.units.values()]
        )
        self.titles: dict[str, IpTitle | None] = {}
        for title in titles:
            key = fold(title.number or title.name)
            # Two titles answering to one name: the row must give the number instead.
            self.titles[key] = None if key in self.titles else title

    def parse(self, r: sheets.RowReader) -> dict[str, Any] | None:
        name = r.take(0, sheets.text, required=_("thiếu số văn bằng"))
        title = None
        if name:
            key = fold(name)
            if key not in self.titles:
                r.error(
                    0,
                    _(
                        "không có nhãn hiệu tập thể, nhãn hiệu chứng nhận hay chỉ dẫn địa lý "
                        "“%(t)s” mà bạn được sửa"
                    )
                    % {"t": name},
                )
            elif self.titles[key] is None:
                r.error(0, _("có nhiều văn bằng mang tên “%(t)s”; ghi số văn bằng") % {"t": name})
            else:
                title = self.titles[key]
        fields = {
            "organisation": r.take(
                1, sheets.lookup, self.orgs, missing=_NO_ORG, required=_("thiếu tổ chức")
            ),
            "area": r.take(2, sheets.text, max_length=300),
            "volume_tonnes": r.take(3, sheets.number, maximum=MAX_TONNES),
            "valid_from": r.take(4, sheets.date, required=_("thiếu ngày bắt đầu")),
            "valid_to": r.take(5, sheets.date),
            "note": r.take(6, sheets.text, max_length=400),
        }
        if not r.ok:
            return None
        r.validate(AuthorisedUser(title=title, **fields), USER_COLUMNS)
        return {**fields, "title": title} if r.ok else None


def _gate(actor: User) -> None:
    if not actions.can_create(actor):
        raise NotAllowed()


def import_products(actor: User, data: bytes) -> int:
    _gate(actor)
    rows = sheets.check_rows(
        PRODUCTS,
        data,
        _ProductReader(actor).parse,
        empty_message=_("tệp không có dòng sản phẩm nào"),
        similar=sheets.SimilarCheck(ProductForm.duplicate_name, Product, actor),  # type: ignore[arg-type]
    )
    return actions.import_products(actor, rows)


def import_titles(actor: User, data: bytes) -> int:
    _gate(actor)
    rows = sheets.check_rows(
        TITLES,
        data,
        _TitleReader(actor).parse,
        empty_message=_("tệp không có dòng văn bằng nào"),
        similar=sheets.SimilarCheck(TitleForm.duplicate_name, IpTitle, actor),  # type: ignore[arg-type]
    )
    return actions.import_titles(actor, rows)


def import_users(actor: User, data: bytes) -> int:
    _gate(actor)
    rows = sheets.check_rows(
        USERS, data, _UserReader(actor).parse, empty_message=_("tệp không có dòng tổ chức nào")
    )
    return actions.import_authorised_users(actor, rows)
