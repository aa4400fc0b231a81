"""Pages of the organisation registry: list, detail, create, edit; an enterprise's S&T fund;
the drill-down of the computed indicators counted here."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import User
from audit.log import history_for
from core.forms_views import RecordEditView, ScopedFormActionView
from core.sheet_views import SheetExportMixin, SheetImportView, SheetTemplateView
from core.views import ScopedDetailView, ScopedListView, ScopedViewMixin
from organisations import actions, excel
from organisations.counts import SOURCES
from organisations.filtersets import OrganisationFilterSet
from organisations.forms import FundForm, OrganisationForm
from organisations.models import Organisation, StFund
from orgunits.models import OrgUnit


class OrganisationListView(SheetExportMixin, ScopedListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "organisations/organisation_list.html"
    partial_template_name = "organisations/_organisation_table.html"
    export_sheet = excel.SHEET

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit", "area").order_by("name")

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit", "area")

    def export_rows(self, objects: list[Any]) -> list[list[Any]]:
        user = self.request.user
        return excel.export_rows(objects, lambda org: actions.sees_all(user, org))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = context["can_import"] = actions.can_create_organisation(
            self.request.user
        )
        for org in context["object_list"]:
            org.groups = org.shown_groups(full=actions.sees_all(self.request.user, org))
        return context


class _ImportGate:
    model = Organisation
    sheet = excel.SHEET

    def may_import(self, user: Any) -> bool:
        return actions.can_create_organisation(user)


class ImportView(_ImportGate, SheetImportView):
    """Upload organisations from Excel (XLSX): every row or none."""

    heading = _("Nhập danh bạ tổ chức từ Excel")
    intro = _("Tệp có cùng các cột như tệp xuất từ danh sách tổ chức. Địa bàn ghi bằng mã đơn vị.")
    done_message = _("Đã nhập %(n)s tổ chức từ tệp.")
    list_url_name = "organisations:list"
    template_url_name = "organisations:import_template"

    def run(self, user: Any, data: bytes) -> int:
        return excel.import_organisations(cast(User, user), data)


class ImportTemplateView(_ImportGate, SheetTemplateView):
    """The empty organisations sheet with its guide."""


class OrganisationDetailView(ScopedDetailView):
    model = Organisation
    template_name = "organisations/organisation_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit", "area")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, org = self.request.user, self.object
        context["can_edit"] = actions.can_edit_organisation(user, org)
        full = actions.sees_all(user, org)
        # Beyond its owners only the published field groups are rendered (not even labels).
        context["groups"] = org.shown_groups(full=full)
        context["funds"] = StFund.objects.visible_to(user).filter(organisation=org)
        if full:
            context["history"] = history_for(org)[:50]
        return context


class OrganisationEditView(RecordEditView):
    """Create (no pk) or edit one organisation; near-identical names need a confirmation."""

    model = Organisation
    form_class = OrganisationForm
    template_name = "organisations/organisation_form.html"
    success_message = _("Đã lưu tổ chức.")
    detail_url_name = "organisations:detail"

    def may_create(self, user: Any) -> bool:
        return actions.can_create_organisation(user)

    def may_edit(self, user: Any, obj: Any) -> bool:
        return actions.can_edit_organisation(user, obj)

    def create(self, user: Any, **values: Any) -> Organisation:
        return actions.create_organisation(user, **values)

    def update(self, user: Any, obj: Any, *, expected_version: int, **values: Any) -> Organisation:
        return actions.update_organisation(user, obj, expected_version=expected_version, **values)


class FundCreateView(ScopedFormActionView):
    """Add one year of an enterprise's S&T development fund (the URL names the enterprise)."""

    model = Organisation
    form_class = FundForm
    template_name = "organisations/fund_form.html"
    object_name = "organisation"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu số liệu quỹ phát triển KH&CN.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit_organisation(self.request.user, obj)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": StFund(organisation=obj)}

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {"year": timezone.localdate().year - 1}

    def stored(self, obj: Any, form: Any) -> Any:
        return obj

    def perform(self, form: Any, obj: Any) -> StFund:
        data = {k: form.cleaned_data[k] for k in StFund.EDITABLE_FIELDS}
        return actions.create_fund(cast(User, self.request.user), obj, **data)

    def success_url(self, result: Any) -> str:
        return reverse("organisations:detail", kwargs={"pk": result.organisation_id})


class FundEditView(ScopedFormActionView):
    model = StFund
    form_class = FundForm
    template_name = "organisations/fund_form.html"
    object_name = "fund"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu số liệu quỹ phát triển KH&CN.")

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("organisation__unit", "organisation__area")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit_organisation(self.request.user, obj.organisation)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        context = super().get_context_data(obj, form, **extra)
        context["organisation"] = obj.organisation
        return context

    def perform(self, form: Any, obj: Any) -> StFund:
        data = {k: form.cleaned_data[k] for k in StFund.EDITABLE_FIELDS}
        return actions.update_fund(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            **data,
        )

    def success_url(self, result: Any) -> str:
        return reverse("organisations:detail", kwargs={"pk": result.organisation_id})


class CountedView(ScopedViewMixin, TemplateView):
    """Exactly the rows a computed indicator counted for a unit and period, as the user may see."""

    model = Organisation
    template_name = "organisations/counted.html"

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
        if model is StFund:
            visible = visible.select_related("organisation").order_by("-year", "organisation")
        else:
            visible = visible.select_related("unit", "area").order_by("name")
        shown = list(visible[:500])
        if model is Organisation:
            for org in shown:
                org.groups = org.shown_groups(full=actions.sees_all(self.request.user, org))
        context.update(
            source=source,
            unit=unit,
            start=start,
            end=end,
            rows=shown,
            kind="fund" if model is StFund else "organisation",
            figure=source.figure(unit.path, start, end),
            hidden=rows.count() - visible.count(),
        )
        return context
