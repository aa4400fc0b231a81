from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.log import history_for
from core.errors import ActionError
from core.panels import annotate, annotations_for
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from core.xlsx import download
from orgunits import actions
from orgunits.excel import ImportRejected, export_units, import_units
from orgunits.filtersets import OrgUnitFilterSet
from orgunits.forms import OrgUnitForm, SuccessionForm, UnitImportForm
from orgunits.models import OrgUnit

MAX_PER_PAGE = 5000


def with_unit_figures(queryset: QuerySet) -> QuerySet:
    """Add the per-unit figures other apps contribute (open tasks, from plans): one aggregate
    each, never a query per row."""
    return annotate(queryset, "orgunits.OrgUnit")


class OrgUnitListView(ScopedListView):
    model = OrgUnit
    filterset_class = OrgUnitFilterSet
    template_name = "orgunits/orgunit_list.html"
    partial_template_name = "orgunits/_orgunit_table.html"

    def get_paginate_by(self, queryset: QuerySet) -> int:
        try:
            wanted = int(self.request.GET.get("per_page", 100))
        except ValueError:
            wanted = 100
        return max(1, min(wanted, MAX_PER_PAGE))

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return with_unit_figures(queryset.select_related("parent")).order_by("path")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_manage"] = actions.can_manage_units(self.request.user)
        context["unit_annotations"] = annotations_for("orgunits.OrgUnit")
        return context


class OrgUnitExportView(ScopedListView):
    """The (filtered) registry as an Excel workbook."""

    model = OrgUnit
    filterset_class = OrgUnitFilterSet

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return download(export_units(self.get_queryset()), "don-vi.xlsx")


class OrgUnitImportView(ScopedActionView):
    """Upload an Excel workbook of units (administrator and monitoring office)."""

    model = OrgUnit
    template_name = "orgunits/orgunit_import.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not actions.can_manage_units(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": UnitImportForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UnitImportForm(request.POST, request.FILES)
        errors: list[Any] = []
        if form.is_valid():
            try:
                count = import_units(
                    cast(AbstractUser, request.user), form.cleaned_data["file"].read()
                )
                messages.success(request, _("Đã nhập %(n)s đơn vị.") % {"n": count})
                return redirect("orgunits:list")
            except ImportRejected as rejected:
                errors = rejected.errors
                messages.error(request, rejected.message)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "errors": errors})


class OrgUnitDetailView(ScopedDetailView):
    model = OrgUnit
    template_name = "orgunits/orgunit_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("parent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit: OrgUnit = self.object
        user = self.request.user
        context.update(
            ancestors=unit.ancestors(),
            children=with_unit_figures(
                OrgUnit.objects.visible_to(user).filter(parent=unit)
            ).order_by("name"),
            successor_links=unit.successor_links.select_related("successor"),
            predecessor_links=unit.predecessor_links.select_related("predecessor"),
            current_successors=unit.current_successors() if unit.is_dissolved else [],
            history=history_for(unit)[:50],
            unit_annotations=annotations_for("orgunits.OrgUnit"),
            can_manage=actions.can_manage_units(user),
        )
        return context


class OrgUnitEditView(ScopedActionView):
    """Create (no pk) or edit a unit. Only the system administrator and monitoring office."""

    model = OrgUnit
    template_name = "orgunits/orgunit_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not actions.can_manage_units(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        unit = self.get_object() if pk else None
        form = OrgUnitForm(instance=unit, user=request.user)
        return render(request, self.template_name, {"form": form, "unit": unit})

    def post(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        unit = self.get_object() if pk else None
        form = OrgUnitForm(request.POST, instance=unit, user=request.user)
        if form.is_valid():
            try:
                if unit is None:
                    unit = actions.create_unit(
                        cast(AbstractUser, request.user), **form.action_fields()
                    )
                    messages.success(request, _("Đã tạo đơn vị."))
                else:
                    # The form has already put its values on `unit`; reload so the action
                    # sees (and audits) the stored values as "before".
                    stored = OrgUnit.objects.get(pk=unit.pk)
                    unit = actions.update_unit(
                        cast(AbstractUser, request.user), stored, **form.action_fields()
                    )
                    messages.success(request, _("Đã lưu thay đổi."))
                return redirect("orgunits:detail", pk=unit.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "unit": unit})


class SuccessionView(ScopedActionView):
    model = OrgUnit
    template_name = "orgunits/succession_form.html"

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage_units(self.request.user)

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        unit = self.get_object()
        form = SuccessionForm(user=request.user, unit=unit)
        return render(request, self.template_name, {"form": form, "unit": unit})

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        unit = self.get_object()
        form = SuccessionForm(request.POST, user=request.user, unit=unit)
        if form.is_valid():
            try:
                actions.record_succession(
                    cast(AbstractUser, request.user),
                    unit,
                    list(form.cleaned_data["successors"]),
                    kind=form.cleaned_data["kind"],
                    effective_date=form.cleaned_data["effective_date"],
                    basis=form.cleaned_data["basis"],
                )
                messages.success(request, _("Đã ghi nhận đơn vị kế thừa."))
                return redirect("orgunits:detail", pk=unit.pk)
            except ActionError as error:
                self.action_failed(request, error)
        return render(request, self.template_name, {"form": form, "unit": unit})
