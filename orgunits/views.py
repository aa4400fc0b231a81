from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import history_for
from core.filters import folded_search
from core.forms_views import ScopedFormActionView
from core.panels import annotate, annotations_for
from core.views import ScopedDetailView, ScopedListView
from core.xlsx import download
from orgunits import actions
from orgunits.excel import export_units, import_units
from orgunits.filtersets import OrgUnitFilterSet
from orgunits.forms import OrgUnitForm, SuccessionForm, UnitImportForm
from orgunits.models import OrgUnit
from orgunits.pickers import (
    MAX_OPTIONS,
    capability_named,
    choosable_units,
    not_dissolved,
    option_label,
)

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


class UnitPickView(ScopedListView):
    """The options of a unit picker (orgunits.pickers) matching what was typed, for htmx.

    ``field`` names the picker's form field (its selected values come along under that name and
    stay selected), ``capability`` narrows the units to where the user holds it, ``unit_q`` is
    the search (with or without diacritics) and ``unit_dissolved`` adds dissolved units.
    """

    model = OrgUnit

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        params = request.GET
        capability = capability_named(params.get("capability", ""))
        units = choosable_units(request.user, capability)
        chosen_ids = [v for v in params.getlist(params.get("field", "")) if v]
        chosen = list(units.filter(pk__in=_valid_uuids(chosen_ids)))
        matches: QuerySet = units.exclude(pk__in=[u.pk for u in chosen])
        if params.get("unit_dissolved") != "1":
            matches = not_dissolved(matches)
        query = params.get("unit_q", "").strip()[:200]
        if query:
            matches = folded_search(matches, "search_text", query)
        found = list(matches[: MAX_OPTIONS + 1])
        context = {
            "chosen": [{"pk": u.pk, "label": option_label(u)} for u in chosen],
            "units": [{"pk": u.pk, "label": option_label(u)} for u in found[:MAX_OPTIONS]],
            "truncated": len(found) > MAX_OPTIONS,
            "multiple": params.get("multiple") == "1",
        }
        return render(request, "orgunits/_unit_options.html", context)


def _valid_uuids(values: list[str]) -> list[uuid.UUID]:
    result = []
    for value in values[:MAX_OPTIONS]:
        try:
            result.append(uuid.UUID(value))
        except ValueError:
            continue  # a tampered value is simply not selected
    return result


class OrgUnitExportView(ScopedListView):
    """The (filtered) registry as an Excel workbook."""

    model = OrgUnit
    filterset_class = OrgUnitFilterSet

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return download(export_units(self.get_queryset()), "don-vi.xlsx")


class OrgUnitImportView(ScopedFormActionView):
    """Upload an Excel workbook of units (administrator and monitoring office)."""

    model = OrgUnit
    form_class = UnitImportForm
    template_name = "orgunits/orgunit_import.html"
    optional_object = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not actions.can_manage_units(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form: Any, obj: Any) -> int:
        return import_units(cast(AbstractUser, self.request.user), form.cleaned_data["file"].read())

    def failure_context(self, error: Any) -> dict[str, Any]:
        return {"errors": getattr(error, "errors", [])}  # ImportRejected: the rows at fault

    def get_success_message(self, result: Any) -> str:
        return _("Đã nhập %(n)s đơn vị.") % {"n": result}

    def success_url(self, result: Any) -> str:
        return reverse("orgunits:list")


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


class OrgUnitEditView(ScopedFormActionView):
    """Create (no pk) or edit a unit. Only the system administrator and monitoring office."""

    model = OrgUnit
    form_class = OrgUnitForm
    template_name = "orgunits/orgunit_form.html"
    object_name = "unit"
    optional_object = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not actions.can_manage_units(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> OrgUnit:
        actor = cast(AbstractUser, self.request.user)
        if obj is None:
            return actions.create_unit(actor, **form.action_fields())
        return actions.update_unit(actor, obj, **form.action_fields())

    def get_success_message(self, result: Any) -> str:
        return _("Đã tạo đơn vị.") if self.object is None else _("Đã lưu thay đổi.")

    def success_url(self, result: Any) -> str:
        return reverse("orgunits:detail", kwargs={"pk": result.pk})


class SuccessionView(ScopedFormActionView):
    model = OrgUnit
    form_class = SuccessionForm
    template_name = "orgunits/succession_form.html"
    object_name = "unit"
    success_message = gettext_lazy("Đã ghi nhận đơn vị kế thừa.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage_units(self.request.user)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user, "unit": obj}

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.record_succession(
            cast(AbstractUser, self.request.user),
            obj,
            list(form.cleaned_data["successors"]),
            kind=form.cleaned_data["kind"],
            effective_date=form.cleaned_data["effective_date"],
            basis=form.cleaned_data["basis"],
        )

    def success_url(self, result: Any) -> str:
        return reverse("orgunits:detail", kwargs={"pk": self.object.pk})
