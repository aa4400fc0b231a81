"""Pages: catalogue, indicator detail with target chart, unit drill-down table (XLSX export),
and the figures of a unit report (entry form, XLSX template download and import)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.errors import ActionError, EditConflict
from core.forms_views import ScopedFormActionView
from core.permissions import SET_TARGETS
from core.scoping import scope_for
from core.text import fold
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from core.xlsx import download
from indicators import actions, computed, excel, excel_targets, rollup
from indicators.forms import ImportForm, IndicatorBasisForm, ReportValuesForm, TargetForm
from indicators.models import (
    MILESTONE_YEARS,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    TargetPeriod,
)
from orgunits.models import OrgUnit, UnitKind
from reporting.models import UnitReport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

FIRST_YEAR = 2020


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _units_in_scope(user: User | AnonymousUser) -> QuerySet:
    """Units whose figures the user may see: their subtrees (everything for monitoring)."""
    return OrgUnit.objects.visible_to(user).filter(scope_for(user).units_q())


def _target_units(user: User | AnonymousUser) -> QuerySet:
    """Units the user may set targets for (the upper levels of the tree; a dissolved unit
    keeps the targets of its own years)."""
    return (
        OrgUnit.objects.visible_to(user)
        .filter(scope_for(user).units_where_q(SET_TARGETS))
        .filter(depth__lte=4)
        .order_by("path")
    )


def _home_units(user: User | AnonymousUser) -> list[OrgUnit]:
    scope = scope_for(user)
    if scope.sees_everything:
        return list(OrgUnit.objects.filter(depth=0).order_by("name"))
    return list(OrgUnit.objects.filter(pk__in=scope.unit_ids).order_by("path"))


class IndicatorListView(ScopedListView):
    """The catalogue (danh mục chỉ tiêu), visible to every signed-in user."""

    model = Indicator
    template_name = "indicators/indicator_list.html"
    paginate_by = 100

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = queryset.select_related("numerator", "denominator")
        q = self.request.GET.get("q", "").strip()
        if q:
            queryset = queryset.filter(search_text__contains=fold(q))
        return queryset.order_by("order", "code")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["q"] = self.request.GET.get("q", "")
        context["home_units"] = _home_units(self.request.user)
        return context


class IndicatorDetailView(ScopedDetailView):
    """One indicator: definition, targets, yearly series against targets for a unit (chart)."""

    model = Indicator
    template_name = "indicators/indicator_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("numerator", "denominator")

    def _unit(self, indicator: Indicator) -> OrgUnit | None:
        units = _units_in_scope(self.request.user)
        wanted = self.request.GET.get("unit")
        if wanted:
            try:
                return units.get(pk=wanted)
            except (OrgUnit.DoesNotExist, ValueError, ValidationError):
                raise Http404 from None
        with_target = (
            IndicatorTarget.objects.visible_to(self.request.user)
            .filter(indicator=indicator)
            .select_related("unit")
            .order_by("unit__depth", "unit__name")
            .first()
        )
        if with_target is not None:
            return with_target.unit
        home = _home_units(self.request.user)
        return home[0] if home else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        indicator: Indicator = self.object
        user = self.request.user
        unit = self._unit(indicator)
        context["unit"] = unit
        context["unit_choices"] = list(
            _units_in_scope(user)
            .filter(depth__lte=4)
            .order_by("path")
            .only("pk", "name", "depth")[:400]
        )
        context["targets"] = (
            IndicatorTarget.objects.visible_to(user)
            .filter(indicator=indicator)
            .select_related("unit")
            .order_by("unit__name", "year", "period")
        )
        kinds = dict(UnitKind.choices)
        context["unit_kind_labels"] = [str(kinds.get(k, k)) for k in indicator.unit_kinds]
        context["can_edit_definition"] = actions.can_edit_indicators(user)
        if scope_for(user).can(SET_TARGETS):
            context["target_form"] = kwargs.get("target_form") or TargetForm(
                indicator=indicator,
                units=_target_units(user),
                initial={"unit": unit.pk if unit else None, "year": timezone.localdate().year},
            )
        if unit is not None:
            this_year = timezone.localdate().year
            years = list(range(FIRST_YEAR, max(MILESTONE_YEARS) + 1))
            actual = dict(rollup.series(indicator, unit, [y for y in years if y <= this_year]))
            # The chart sets yearly figures against yearly targets (like with like); targets
            # of other kinds of period are listed below it.
            unit_targets = {
                t.year: t.value
                for t in IndicatorTarget.objects.filter(
                    indicator=indicator, unit=unit, period=TargetPeriod.YEAR
                )
            }
            context["chart"] = {
                "labels": [str(y) for y in years],
                "actual": [_float(actual.get(y)) for y in years],
                "target": [float(unit_targets[y]) if y in unit_targets else None for y in years],
                "actualLabel": _("Thực hiện"),
                "targetLabel": _("Mục tiêu"),
            }
            context["series"] = [
                (y, actual.get(y), unit_targets.get(y))
                for y in years
                if y <= this_year or y in unit_targets
            ]
            if indicator.is_computed:
                context["drilldown_url"] = computed.drilldown(
                    indicator.computed_source,
                    unit,
                    datetime.date(FIRST_YEAR, 1, 1),
                    datetime.date(this_year, 12, 31),
                )
            context["recent_values"] = (
                IndicatorValue.objects.visible_to(user)
                .filter(rollup.unit_q(unit), indicator=indicator)
                .select_related("unit")
                .order_by("-period_end", "unit__name")[:40]
            )
        return context


def _period_from(request: HttpRequest) -> tuple[int, int, datetime.date, datetime.date]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year - 1)
        quarter = int(request.GET.get("quarter") or 0)
    except ValueError:
        year, quarter = today.year - 1, 0
    year = min(max(year, 2000), 2100)
    quarter = quarter if quarter in (1, 2, 3, 4) else 0
    if quarter:
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = (
            datetime.date(year, 12, 31)
            if quarter == 4
            else datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)
        )
    else:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return year, quarter, start, end


class UnitRootsView(ScopedListView):
    """Entry to the drill-down: the user's own units (the top units for monitoring)."""

    model = OrgUnit
    template_name = "indicators/unit_roots.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        scope = scope_for(self.request.user)
        if scope.sees_everything:
            return queryset.filter(depth=0).order_by("name")
        return queryset.filter(pk__in=scope.unit_ids).order_by("path")


class UnitIndicatorsView(ScopedDetailView):
    """Drill-down table: every indicator for a unit and its direct sub-units, for a period."""

    model = OrgUnit
    template_name = "indicators/unit_indicators.html"
    context_object_name = "unit"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(scope_for(self.request.user).units_q())

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        if request.GET.get("export") == "xlsx":
            unit = self.object
            title = _("Chỉ tiêu KH&CN — %(u)s") % {"u": unit.name}
            subtitle = _("Kỳ: %(s)s – %(e)s") % {
                "s": formats.date_format(context["start"], "SHORT_DATE_FORMAT"),
                "e": formats.date_format(context["end"], "SHORT_DATE_FORMAT"),
            }
            data = excel.export_breakdown(title, subtitle, context["rows"], context["columns"])
            return download(data, f"chi-tieu-{unit.code}-{context['year']}.xlsx")
        return self.render_to_response(context)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit: OrgUnit = self.object
        year, quarter, start, end = _period_from(self.request)
        children = list(
            unit.children.filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=end),
                Q(valid_to__isnull=True) | Q(valid_to__gte=start),
            ).order_by("name")[:15]
        )
        columns = [unit, *children]
        indicators = list(
            Indicator.objects.visible_to(self.request.user)
            .filter(is_active=True)
            .select_related("numerator", "denominator")
        )
        context.update(
            year=year,
            quarter=quarter,
            start=start,
            end=end,
            years=list(range(FIRST_YEAR, timezone.localdate().year + 1)),
            columns=columns,
            rows=rollup.breakdown(indicators, unit, children, (start, end)),
            more_children=max(0, unit.children.count() - len(children)),
            can_set_targets=actions.can_set_targets(self.request.user, unit),
            ancestors=[
                a for a in unit.ancestors() if scope_for(self.request.user).contains_path(a.path)
            ],
        )
        return context


def _report_url(report: UnitReport) -> str:
    """Back to the unit report page (the reporting app's), else this app's figures page."""
    try:
        return reverse("reporting:report_detail", kwargs={"pk": report.pk}) + "#indicator-values"
    except NoReverseMatch:
        return reverse("indicators:report_values", kwargs={"pk": report.pk})


class ReportValuesView(ScopedFormActionView):
    """The figures of one unit report: read (members of the unit's tree), write (its editors)."""

    model = UnitReport
    template_name = "indicators/report_values.html"
    object_name = "report"
    invalid_message = gettext_lazy("Số liệu chỉ tiêu chưa được lưu: hãy sửa các ô báo lỗi.")
    invalid_status = 400

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("round", "unit")

    def allowed(self, obj: Any) -> bool:
        # Everyone who sees the report reads its figures; only its editors post them.
        return self.request.method != "POST" or actions.can_enter_values(self.request.user, obj)

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> Any:
        # The page builds its read-only table itself; the form exists only for a POST.
        return None if data is None else ReportValuesForm(obj, data)

    def perform(self, form: Any, obj: Any) -> int:
        return actions.save_report_values(cast(User, self.request.user), obj, form.values)

    def get_success_message(self, result: Any) -> str:
        return _("Đã lưu %(n)s số liệu chỉ tiêu.") % {"n": result}

    def success_url(self, result: Any) -> str:
        return _report_url(self.object)


class ReportTemplateView(ScopedActionView):
    """Download the XLSX template of a unit report's figures."""

    model = UnitReport

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("round", "unit")

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        report = self.get_object()
        return download(excel.build_template(report), f"chi-tieu-{report.unit.code}.xlsx")


class ReportImportView(ScopedFormActionView):
    """Upload a filled template: all rows or none."""

    model = UnitReport
    form_class = ImportForm
    template_name = "indicators/report_import.html"
    object_name = "report"
    invalid_status = 400

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("round", "unit")

    def allowed(self, obj: Any) -> bool:
        return actions.can_enter_values(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> int:
        return excel.import_values(
            cast(User, self.request.user), obj, form.cleaned_data["file"].read()
        )

    def failure_context(self, error: Any) -> dict[str, Any]:
        return {"errors": getattr(error, "errors", [])}  # ImportRejected: the rows at fault

    def get_success_message(self, result: Any) -> str:
        return _("Đã nhập %(n)s số liệu chỉ tiêu từ tệp.") % {"n": result}

    def success_url(self, result: Any) -> str:
        return _report_url(self.object)


class SetTargetView(ScopedFormActionView):
    """Set a target of an indicator for a unit and a kind of period (form on the detail page)."""

    model = Indicator
    form_class = TargetForm
    template_name = "indicators/indicator_detail.html"
    object_name = "object"
    invalid_status = 400
    errors_on_form = True

    def allowed(self, obj: Any) -> bool:
        return scope_for(self.request.user).can(SET_TARGETS)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"indicator": obj, "units": _target_units(self.request.user)}

    def render_form(self, obj: Any, form: Any, *, status: int = 200, **extra: Any) -> HttpResponse:
        # The form lives on the detail page: re-render that page with the typed values.
        view = IndicatorDetailView(request=self.request, kwargs={"pk": obj.pk})
        view.object = obj
        context = view.get_context_data(object=obj, target_form=form)
        from django.shortcuts import render

        return render(self.request, self.template_name or "", context, status=status)

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        self.chosen_unit = data["unit"]
        return actions.set_target(
            cast(User, self.request.user),
            obj,
            data["unit"],
            data["period"],
            data["year"],
            data["value"],
            data.get("note", ""),
        )

    def get_success_message(self, result: Any) -> str:
        if result is None:
            return _("Đã xóa mục tiêu.")
        return _("Đã lưu mục tiêu.")

    def success_url(self, result: Any) -> str:
        url = reverse("indicators:detail", kwargs={"pk": self.object.pk})
        return f"{url}?unit={self.chosen_unit.pk}"


class UnitTargetsTemplateView(ScopedActionView):
    """Download a unit's targets as a workbook (to fill and upload)."""

    model = OrgUnit

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(scope_for(self.request.user).units_where_q(SET_TARGETS))

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        unit = self.get_object()
        return download(excel_targets.build_targets_template(unit), f"muc-tieu-{unit.code}.xlsx")


class UnitTargetsImportView(ScopedFormActionView):
    """Upload a unit's filled target workbook: all rows or none."""

    model = OrgUnit
    form_class = ImportForm
    template_name = "indicators/targets_import.html"
    object_name = "unit"
    invalid_status = 400

    def allowed(self, obj: Any) -> bool:
        return actions.can_set_targets(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> int:
        return excel_targets.import_targets(
            cast(User, self.request.user), obj, form.cleaned_data["file"].read()
        )

    def failure_context(self, error: Any) -> dict[str, Any]:
        return {"errors": getattr(error, "errors", [])}

    def get_success_message(self, result: Any) -> str:
        return _("Đã nhập %(n)s mục tiêu từ tệp.") % {"n": result}

    def success_url(self, result: Any) -> str:
        return reverse("indicators:unit", kwargs={"pk": self.object.pk})


class IndicatorBasisView(ScopedFormActionView):
    """The managing office edits an indicator's time basis and unit kinds (versioned)."""

    model = Indicator
    form_class = IndicatorBasisForm
    template_name = "indicators/indicator_basis.html"
    invalid_status = 400
    errors_on_form = True
    success_message = gettext_lazy("Đã lưu tính chất thời gian và loại đơn vị áp dụng.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit_indicators(self.request.user)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"indicator": obj}

    def perform(self, form: Any, obj: Any) -> Any:
        data = form.cleaned_data
        return actions.update_indicator_basis(
            cast(User, self.request.user),
            obj,
            expected_version=data["version"],
            time_basis=data["time_basis"],
            unit_kinds=list(data["unit_kinds"]),
        )

    def refused(self, obj: Any, form: Any, error: ActionError) -> HttpResponse:
        if isinstance(error, EditConflict):
            self.invalid_status = 409  # edited meanwhile: the page comes back with the choice
        return super().refused(obj, form, error)

    def success_url(self, result: Any) -> str:
        return reverse("indicators:detail", kwargs={"pk": result.pk})
