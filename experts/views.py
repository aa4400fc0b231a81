"""Pages of the experts registry: the finder, the detail (only consented field groups beyond
the record's managers), create/edit, withdrawal of consent, export of a person's data, and the
drill-down of the computed indicators."""

from __future__ import annotations

import datetime
import json
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import User
from audit.log import history_for
from core.errors import NotAllowed
from core.forms_views import RecordEditView, ScopedFormActionView
from core.sheet_views import SheetExportMixin, SheetImportView, SheetTemplateView
from core.views import ScopedActionView, ScopedDetailView, ScopedListView, ScopedViewMixin
from experts import actions, excel
from experts.counts import SOURCES
from experts.filtersets import ExpertFilterSet
from experts.forms import ExpertForm, WithdrawForm
from experts.models import Expert
from orgunits.models import OrgUnit

_sees_all = actions.sees_all


def _mark_groups(user: Any, experts: Any) -> None:
    for expert in experts:
        expert.groups = expert.shown_groups(full=_sees_all(user, expert))


class ExpertListView(SheetExportMixin, ScopedListView):
    model = Expert
    filterset_class = ExpertFilterSet
    template_name = "experts/expert_list.html"
    partial_template_name = "experts/_expert_table.html"
    export_sheet = excel.SHEET

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("affiliation", "owner_unit").order_by("full_name")

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return excel.export_queryset(queryset)

    def export_rows(self, objects: list[Any]) -> list[list[Any]]:
        # Only consented field groups beyond the record's managers (Nghị định 13/2023).
        return excel.export_rows(objects, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        _mark_groups(self.request.user, context["object_list"])
        context["can_create"] = context["can_import"] = actions.can_create(self.request.user)
        return context


class _ImportGate:
    model = Expert
    sheet = excel.SHEET

    def may_import(self, user: Any) -> bool:
        return actions.can_create(user)


class ImportView(_ImportGate, SheetImportView):
    """Upload experts from Excel (XLSX), each with the consent given: every row or none."""

    heading = _("Nhập chuyên gia từ Excel")
    intro = _(
        "Mỗi dòng một người, kèm mục đích xử lý dữ liệu và sự đồng ý của người đó "
        "(Nghị định 13/2023/NĐ-CP): chỉ các nhóm thông tin được đồng ý mới hiện ngoài đơn vị "
        "quản lý hồ sơ."
    )
    done_message = _("Đã nhập %(n)s chuyên gia từ tệp.")
    list_url_name = "experts:list"
    template_url_name = "experts:import_template"

    def run(self, user: Any, data: bytes) -> int:
        return excel.import_experts(cast(User, user), data)


class ImportTemplateView(_ImportGate, SheetTemplateView):
    """The empty experts sheet with its guide."""


class ExpertDetailView(ScopedDetailView):
    model = Expert
    template_name = "experts/expert_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("affiliation", "owner_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        expert = self.object
        _mark_groups(user, [expert])
        context["can_edit"] = actions.can_edit(user, expert)
        context["can_manage"] = actions.can_manage_data(user, expert)
        if "projects" in expert.groups:
            projects = Expert._meta.get_field("projects").related_model
            visible = projects._default_manager.visible_to(user)  # type: ignore[union-attr, attr-defined]
            context["projects"] = visible.filter(experts=expert)
        if context["can_manage"]:
            context["history"] = history_for(expert)[:50]
            context["withdraw_form"] = WithdrawForm(initial={"version": expert.version})
        return context


class ExpertEditView(RecordEditView):
    model = Expert
    form_class = ExpertForm
    template_name = "experts/expert_form.html"
    success_message = _("Đã lưu hồ sơ chuyên gia.")
    detail_url_name = "experts:detail"
    links = ("projects",)

    def may_create(self, user: Any) -> bool:
        return actions.can_create(user)

    def may_edit(self, user: Any, obj: Any) -> bool:
        return actions.can_edit(user, obj)

    def create(self, user: Any, **values: Any) -> Expert:
        return actions.create_expert(user, **values)

    def update(self, user: Any, obj: Any, *, expected_version: int, **values: Any) -> Expert:
        return actions.update_expert(user, obj, expected_version=expected_version, **values)


class WithdrawView(ScopedFormActionView):
    """The person withdrew consent: the record is anonymised (a button)."""

    model = Expert
    form_class = WithdrawForm
    success_message = _("Đã ghi nhận rút lại đồng ý và ẩn danh hồ sơ.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage_data(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Expert:
        return actions.withdraw_consent(
            cast(User, self.request.user), obj, expected_version=form.cleaned_data["version"]
        )

    def return_url(self) -> str:
        return reverse("experts:detail", kwargs={"pk": self.kwargs["pk"]})


class ExportView(ScopedActionView):
    """A person's data as JSON, on their request (the export itself is audited)."""

    model = Expert

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage_data(self.request.user, obj)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        expert = self.get_object()
        try:
            data = actions.export_personal_data(cast(User, request.user), expert)
        except NotAllowed as error:
            raise Http404 from error
        body = json.dumps(data, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="chuyen-gia-{expert.pk}.json"'
        return response


class CountedView(ScopedViewMixin, TemplateView):
    """The scientists a computed indicator counted, as far as the viewer may see them."""

    model = Expert
    template_name = "experts/counted.html"

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
        visible = self.scoped_queryset().filter(pk__in=rows.values("pk")).order_by("full_name")
        shown = list(visible.select_related("affiliation", "owner_unit")[:500])
        _mark_groups(self.request.user, shown)
        context.update(
            source=source,
            unit=unit,
            start=start,
            end=end,
            object_list=shown,
            figure=source.figure(unit.path, start, end),
            hidden=rows.count() - visible.count(),
        )
        return context
