"""The monitoring dashboard (C5): a page and its JSON twin, both thin over monitoring.queries.

The dashboard is not a list of one model, but every number on it is an aggregate of unit
reports, task reports and issues taken through ``visible_to``; the views name ``UnitReport`` as
their model so the scoping walk (tests/test_scoping.py) treats them like any scoped view.
"""

from __future__ import annotations

import uuid
from html import escape
from typing import Any
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.params import year_param
from core.views import ScopedViewMixin
from monitoring import queries
from monitoring.queries import Filters
from orgunits.models import OrgUnit
from reminders.queries import unreachable_units
from reporting.models import UnitReport

# Heat-map rows are indented by level below the selected unit, up to this many steps (CSS).
HEATMAP_INDENT_LEVELS = 4


class DashboardMixin(ScopedViewMixin):
    """Parses and checks the filters: plan (visible), year, unit (inside the user's scope)."""

    model = UnitReport

    def filters(self) -> tuple[Filters, dict[str, Any]]:
        user = self.request.user
        params = self.request.GET
        plans = queries.visible_plans(user)
        plan_id = _uuid(params["plan"]) if params.get("plan") else None
        if plan_id is not None and plan_id not in {p["pk"] for p in plans}:
            raise Http404
        if plan_id is None and plans:
            plan_id = plans[0]["pk"]
        unit: OrgUnit | None
        if params.get("unit"):
            unit = OrgUnit.objects.visible_to(user).filter(pk=_uuid(params["unit"])).first()
            if unit is None or not queries.unit_in_scope(user, unit):
                raise Http404
        else:
            unit = queries.default_unit(user)
        years = queries.years(user, plan_id) if plan_id is not None else []
        year: int | None = None
        if "year" not in params:
            # Without a choice, the current year (or the latest with rounds): the heat-map stays
            # readable and the numbers are the ones a meeting asks for.
            year = queries.default_year(years)
        elif params["year"]:
            year = year_param(params)
        filters = Filters(plan_id=plan_id, year=year, unit=unit)
        return filters, {"plans": plans, "years": years}


def heatmap_cells(cells: list[Any], legend: dict[str, tuple[str, str]]) -> str:
    """One heat-map row's cells as HTML. Built here rather than in the template: a province
    view has hundreds of rows, and template nodes (and format_html) per cell cost more than
    reading the data. Labels are escaped once per request; kinds are legend keys."""
    parts = {kind: (escape(label), escape(symbol)) for kind, (label, symbol) in legend.items()}
    none = (
        '<td class="hm-cell hm-none" data-kind="none"><span class="visually-hidden">'
        f"{escape(_('Không phải báo cáo'))}</span></td>"
    )
    out = []
    for cell in cells:
        if cell is None:
            out.append(none)
            continue
        kind = cell["kind"]
        label, symbol = parts[kind]
        day = cell["submitted_on"]
        title = f"{label} — {day:%d/%m/%Y}" if day else label
        out.append(
            f'<td class="hm-cell hm-{kind}" data-kind="{kind}" title="{title}">'
            f'<span aria-hidden="true">{symbol}</span>'
            f'<span class="visually-hidden">{label}</span></td>'
        )
    return mark_safe("".join(out))  # noqa: S308 - every text part is escaped above


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise Http404 from exc


class DashboardView(DashboardMixin, TemplateView):
    template_name = "monitoring/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        f, extra = self.filters()
        context.update(extra, filters=f)
        if f.plan_id is None:
            context["data"] = None
            return context
        scope_root = queries.default_unit(user)
        breadcrumbs = []
        if f.unit is not None:
            for unit in [*f.unit.ancestors(), f.unit]:
                breadcrumbs.append(
                    {"unit": unit, "link": queries.unit_in_scope(user, unit) and unit != f.unit}
                )
        served = queries.served(user, f)
        data = served.data
        legend = {kind: (str(label), symbol) for kind, label, symbol in CELL_LEGEND}
        for row in data["heatmap"]["rows"]:
            row["cells_html"] = heatmap_cells(row["cells"], legend)
            row["indent"] = min(row["level"], HEATMAP_INDENT_LEVELS)
        base = {"plan": str(f.plan_id), "year": str(f.year or "")}
        context.update(
            data=data,
            base_query=urlencode(base),
            api_query=urlencode({**base, **({"unit": str(f.unit.pk)} if f.unit else {})}),
            breadcrumbs=breadcrumbs,
            served=served,
            can_go_to_top=scope_root is None and f.unit is not None,
            # Someone with memberships in separate subtrees switches between them here.
            scope_units=units if len(units := queries.scope_units(user)) > 1 else [],
            legend=CELL_LEGEND,
            unreachable=unreachable_units(
                user, f.plan_id, f.year, f.unit.path if f.unit is not None else ""
            ),
        )
        return context


class SummaryApiView(DashboardMixin, View):
    """GET /monitoring/api/summary/?plan=…&year=…&unit=… — the dashboard's data as JSON."""

    def get(self, request: HttpRequest) -> HttpResponse:
        f, _extra = self.filters()
        if f.plan_id is None:
            return JsonResponse({"detail": "no plan"}, status=404)
        served = queries.served(request.user, f)
        data = {**served.data, "as_of": served.as_of, "stale": served.stale}
        data["filters"] = {
            "plan": str(f.plan_id),
            "year": f.year,
            "unit": str(f.unit.pk) if f.unit else None,
        }
        return JsonResponse(
            data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False}
        )


class FreshnessView(DashboardMixin, TemplateView):
    """GET /monitoring/fresh/?… — the stale-figures notice of the all-years view, polled by
    the page until the worker's recomputation is kept, then offering to reload."""

    template_name = "monitoring/_freshness.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        f, _extra = self.filters()
        if f.plan_id is None:
            raise Http404
        base = {"plan": str(f.plan_id), "year": str(f.year or "")}
        query = urlencode({**base, **({"unit": str(f.unit.pk)} if f.unit else {})})
        context.update(
            fresh=queries.is_fresh(self.request.user, f),
            api_query=query,
            # Only shown back (escaped) while polling; a time "HH:MM:SS dd/mm/yyyy" is 19 long.
            as_of=self.request.GET.get("as_of", "")[:19],
        )
        return context


def _legend() -> list[tuple[str, Any, str]]:
    from django.utils.translation import gettext_lazy as _

    return [
        ("on_time", _("Đã tiếp nhận, đúng hạn"), "✓"),
        ("late", _("Đã tiếp nhận, nộp muộn"), "!"),
        ("submitted", _("Đã nộp, chờ tiếp nhận"), "•"),
        ("returned", _("Bị trả lại"), "↩"),
        ("draft", _("Đang soạn (chưa đến hạn)"), "…"),
        ("missing", _("Chưa nộp, quá hạn"), "✗"),
    ]


CELL_LEGEND = _legend()
