"""Pages of the cooperation registry: list, detail, create/edit, drill-down."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import User
from audit.log import history_for
from cooperation import actions, excel
from cooperation.counts import SOURCES
from cooperation.filtersets import AgreementFilterSet
from cooperation.forms import AgreementForm
from cooperation.models import Agreement
from core.forms_views import RecordEditView
from core.sheet_views import SheetExportMixin, SheetImportView, SheetTemplateView
from core.views import ScopedDetailView, ScopedListView, ScopedViewMixin
from orgunits.models import OrgUnit


class AgreementListView(SheetExportMixin, ScopedListView):
    model = Agreement
    filterset_class = AgreementFilterSet
    template_name = "cooperation/agreement_list.html"
    partial_template_name = "cooperation/_agreement_table.html"
    export_sheet = excel.SHEET

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-signed_on", "title")

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return excel.export_queryset(queryset, self.request.user)

    def export_rows(self, objects: list[Any]) -> list[list[Any]]:
        return excel.export_rows(objects, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = context["can_import"] = actions.can_create(self.request.user)
        return context


class _ImportGate:
    model = Agreement
    sheet = excel.SHEET

    def may_import(self, user: Any) -> bool:
        return actions.can_create(user)


class ImportView(_ImportGate, SheetImportView):
    """Upload cooperation agreements from Excel (XLSX): every row or none."""

    heading = _("Nhập thỏa thuận hợp tác từ Excel")
    intro = _(
        "Mỗi dòng một thỏa thuận. Đơn vị quản lý hồ sơ ghi bằng mã đơn vị; tổ chức đối tác "
        "ghi tên trong danh bạ tổ chức."
    )
    done_message = _("Đã nhập %(n)s thỏa thuận hợp tác từ tệp.")
    list_url_name = "cooperation:list"
    template_url_name = "cooperation:import_template"

    def run(self, user: Any, data: bytes) -> int:
        return excel.import_agreements(cast(User, user), data)


class ImportTemplateView(_ImportGate, SheetTemplateView):
    """The empty agreements sheet with its guide."""


class AgreementDetailView(ScopedDetailView):
    model = Agreement
    template_name = "cooperation/agreement_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_edit"] = actions.can_edit(user, self.object)
        full = actions.sees_all(user, self.object)
        # Beyond its owners only the published field groups are rendered (not even labels).
        context["groups"] = self.object.shown_groups(full=full)
        context["partners"] = self.object.partners.visible_to(user).order_by("name")
        projects = Agreement._meta.get_field("projects").related_model
        visible = projects._default_manager.visible_to(user)  # type: ignore[union-attr, attr-defined]
        context["projects"] = visible.filter(agreements=self.object)
        if full:
            context["history"] = history_for(self.object)[:50]
        return context


class AgreementEditView(RecordEditView):
    model = Agreement
    form_class = AgreementForm
    template_name = "cooperation/agreement_form.html"
    success_message = _("Đã lưu thỏa thuận hợp tác.")
    detail_url_name = "cooperation:detail"
    links = ("partners", "projects")

    def may_create(self, user: Any) -> bool:
        return actions.can_create(user)

    def may_edit(self, user: Any, obj: Any) -> bool:
        return actions.can_edit(user, obj)

    def create(self, user: Any, **values: Any) -> Agreement:
        return actions.create_agreement(user, **values)

    def update(self, user: Any, obj: Any, *, expected_version: int, **values: Any) -> Agreement:
        return actions.update_agreement(user, obj, expected_version=expected_version, **values)


class CountedView(ScopedViewMixin, TemplateView):
    """Exactly the agreements a computed indicator counted, as the user may see them."""

    model = Agreement
    template_name = "cooperation/counted.html"

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
        visible = self.scoped_queryset().filter(pk__in=rows.values("pk")).order_by("signed_on")
        context.update(
            source=source,
            unit=unit,
            start=start,
            end=end,
            object_list=visible[:500],
            figure=source.figure(unit.path, start, end),
            hidden=rows.count() - visible.count(),
        )
        return context
