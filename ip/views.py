"""Pages of products and IP titles: lists, details, create/edit, authorised users, drill-down."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import User
from audit.log import history_for
from core import sheets
from core.forms_views import RecordEditView, ScopedFormActionView
from core.sheet_views import SheetExportMixin, SheetImportView, SheetTemplateView
from core.views import ScopedDetailView, ScopedListView, ScopedViewMixin
from core.xlsx import download
from ip import actions, excel
from ip.counts import SOURCES
from ip.filtersets import ProductFilterSet, TitleFilterSet
from ip.forms import AuthorisedUserForm, ProductForm, TitleForm
from ip.models import AuthorisedUser, IpTitle, Product
from orgunits.models import OrgUnit


class ProductListView(SheetExportMixin, ScopedListView):
    model = Product
    filterset_class = ProductFilterSet
    template_name = "ip/product_list.html"
    partial_template_name = "ip/_product_table.html"
    export_sheet = excel.PRODUCTS

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("name")

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return excel.export_products_queryset(queryset, self.request.user)

    def export_rows(self, objects: list[Any]) -> list[list[Any]]:
        return excel.export_products(objects)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = context["can_import"] = actions.can_create(self.request.user)
        return context


class ProductDetailView(ScopedDetailView):
    model = Product
    template_name = "ip/product_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_edit"] = actions.can_edit(user, self.object)
        context["producers"] = self.object.producers.visible_to(user).order_by("name")
        context["titles"] = IpTitle.objects.visible_to(user).filter(product=self.object)
        context["history"] = history_for(self.object)[:50]
        return context


class ProductEditView(RecordEditView):
    model = Product
    form_class = ProductForm
    template_name = "ip/form.html"
    success_message = _("Đã lưu sản phẩm.")
    detail_url_name = "ip:product"
    links = ("producers",)

    def may_create(self, user: Any) -> bool:
        return actions.can_create(user)

    def may_edit(self, user: Any, obj: Any) -> bool:
        return actions.can_edit(user, obj)

    def create(self, user: Any, **values: Any) -> Product:
        return actions.create_product(user, **values)

    def update(self, user: Any, obj: Any, *, expected_version: int, **values: Any) -> Product:
        return actions.update_product(user, obj, expected_version=expected_version, **values)


class TitleListView(SheetExportMixin, ScopedListView):
    """The titles; ``?export=xlsx`` their sheet, ``?export=users`` their authorised users."""

    model = IpTitle
    filterset_class = TitleFilterSet
    template_name = "ip/title_list.html"
    partial_template_name = "ip/_title_table.html"
    export_sheet = excel.TITLES

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("holder").order_by("-grant_date", "name")

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("owner_unit", "product")

    def export_rows(self, objects: list[Any]) -> list[list[Any]]:
        return excel.export_titles(objects, self.request.user)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("export") == "users":
            titles = self.get_queryset().values("pk")
            rows = excel.users_of(titles, request.user)[: excel.USERS.max_export]
            data = sheets.export(excel.USERS, excel.export_users(rows))
            return download(data, f"{excel.USERS.filename}.xlsx")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = context["can_import"] = actions.can_create(self.request.user)
        context["users_export_query"] = context["export_query"].replace(
            "export=xlsx", "export=users"
        )
        return context


class TitleDetailView(ScopedDetailView):
    model = IpTitle
    template_name = "ip/title_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("holder", "product", "owner_unit", "project")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_edit"] = actions.can_edit(user, self.object)
        full = actions.sees_all(user, self.object)
        # Beyond its owners only the published field groups are rendered (not even labels).
        context["groups"] = self.object.shown_groups(full=full)
        context["users"] = (
            AuthorisedUser.objects.visible_to(user)
            .filter(title=self.object)
            .select_related("organisation")
        )
        project = self.object.project
        model = type(project) if project is not None else None
        context["project_visible"] = (
            project is not None
            and model._default_manager.visible_to(user).filter(pk=project.pk).exists()  # type: ignore[union-attr]
        )
        if full:
            context["history"] = history_for(self.object)[:50]
        return context


class TitleEditView(RecordEditView):
    model = IpTitle
    form_class = TitleForm
    template_name = "ip/form.html"
    success_message = _("Đã lưu văn bằng.")
    detail_url_name = "ip:title"

    def may_create(self, user: Any) -> bool:
        return actions.can_create(user)

    def may_edit(self, user: Any, obj: Any) -> bool:
        return actions.can_edit(user, obj)

    def create(self, user: Any, **values: Any) -> IpTitle:
        return actions.create_title(user, **values)

    def update(self, user: Any, obj: Any, *, expected_version: int, **values: Any) -> IpTitle:
        return actions.update_title(user, obj, expected_version=expected_version, **values)


class AuthorisedUserCreateView(ScopedFormActionView):
    """Grant the use of a mark or GI (the URL names the title)."""

    model = IpTitle
    form_class = AuthorisedUserForm
    template_name = "ip/form.html"
    object_name = "title"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu tổ chức được cấp quyền sử dụng.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit(self.request.user, obj)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": AuthorisedUser(title=obj), "user": self.request.user}

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {}

    def stored(self, obj: Any, form: Any) -> Any:
        return obj

    def perform(self, form: Any, obj: Any) -> AuthorisedUser:
        data = {k: form.cleaned_data[k] for k in AuthorisedUser.EDITABLE_FIELDS}
        return actions.add_authorised_user(cast(User, self.request.user), obj, **data)

    def success_url(self, result: Any) -> str:
        return reverse("ip:title", kwargs={"pk": result.title_id})


class AuthorisedUserEditView(ScopedFormActionView):
    model = AuthorisedUser
    form_class = AuthorisedUserForm
    template_name = "ip/form.html"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu tổ chức được cấp quyền sử dụng.")

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("title__owner_unit")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit(self.request.user, obj.title)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> AuthorisedUser:
        data = {k: form.cleaned_data[k] for k in AuthorisedUser.EDITABLE_FIELDS}
        return actions.update_authorised_user(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            **data,
        )

    def success_url(self, result: Any) -> str:
        return reverse("ip:title", kwargs={"pk": result.title_id})


class _ImportGate:
    def may_import(self, user: Any) -> bool:
        return actions.can_create(user)


class _SheetImport(_ImportGate, SheetImportView):
    reader: Any = None

    def run(self, user: Any, data: bytes) -> int:
        return type(self).reader(cast(User, user), data)


class ProductImportView(_SheetImport):
    """Upload characteristic products from Excel (XLSX): every row or none."""

    model = Product
    sheet = excel.PRODUCTS
    reader = excel.import_products
    heading = _("Nhập sản phẩm đặc trưng từ Excel")
    intro = _("Mỗi dòng một sản phẩm; tổ chức sản xuất ghi tên trong danh bạ tổ chức.")
    done_message = _("Đã nhập %(n)s sản phẩm từ tệp.")
    list_url_name = "ip:products"
    template_url_name = "ip:product_import_template"


class TitleImportView(_SheetImport):
    """Upload IP titles from Excel (XLSX): every row or none."""

    model = IpTitle
    sheet = excel.TITLES
    reader = excel.import_titles
    heading = _("Nhập văn bằng sở hữu trí tuệ từ Excel")
    intro = _(
        "Mỗi dòng một văn bằng (hoặc một đơn chưa cấp); chủ văn bằng ghi tên trong danh bạ "
        "tổ chức. Số văn bằng không trùng với văn bằng cùng loại đã có."
    )
    done_message = _("Đã nhập %(n)s văn bằng từ tệp.")
    list_url_name = "ip:titles"
    template_url_name = "ip:title_import_template"


class UserImportView(_SheetImport):
    """Upload the authorised users of marks and GIs from Excel (XLSX): every row or none."""

    model = IpTitle
    sheet = excel.USERS
    reader = excel.import_users
    heading = _("Nhập tổ chức được cấp quyền sử dụng từ Excel")
    intro = _(
        "Mỗi dòng một tổ chức được sử dụng nhãn hiệu tập thể, nhãn hiệu chứng nhận hoặc chỉ "
        "dẫn địa lý; văn bằng ghi bằng số văn bằng."
    )
    done_message = _("Đã nhập %(n)s tổ chức được sử dụng từ tệp.")
    list_url_name = "ip:titles"
    template_url_name = "ip:user_import_template"


class ProductTemplateView(_ImportGate, SheetTemplateView):
    model = Product
    sheet = excel.PRODUCTS


class TitleTemplateView(_ImportGate, SheetTemplateView):
    model = IpTitle
    sheet = excel.TITLES


class UserTemplateView(_ImportGate, SheetTemplateView):
    model = IpTitle
    sheet = excel.USERS


class CountedView(ScopedViewMixin, TemplateView):
    """Exactly the rows a computed indicator counted for a unit and period, as the user may see."""

    model = IpTitle
    template_name = "ip/counted.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        source = SOURCES.get(self.kwargs["code"])
        data = self.request.GET
        try:
            start = datetime.date.fromisoformat(data.get("from", ""))
            end = datetime.date.fromisoformat(data.get("to", ""))
            unit = OrgUnit.objects.visible_to(self.request.user).get(pk=data.get("unit", ""))
        except (ValueError, ValidationError, OrgUnit.DoesNotExist):
            raise Http404 from None
        if source is None:
            raise Http404
        rows = source.rows(unit.path, start, end)
        model = rows.model
        visible = model.objects.visible_to(self.request.user).filter(pk__in=rows.values("pk"))
        if model is AuthorisedUser:
            visible = visible.select_related("organisation", "title")
        elif model is IpTitle:
            visible = visible.select_related("holder")
        context.update(
            source=source,
            unit=unit,
            start=start,
            end=end,
            rows=visible[:500],
            kind=model.__name__.lower(),
            figure=source.figure(unit.path, start, end),
            hidden=rows.count() - visible.count(),
        )
        return context
