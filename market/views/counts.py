"""The drill-down of a computed market indicator, and the market's figures by field and year."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.views.generic import TemplateView

from core.views import ScopedViewMixin
from market.counts import SOURCES
from market.models import Connection, ConnectionStatus, Field, Need, Offer
from orgunits.models import OrgUnit


class CountedView(ScopedViewMixin, TemplateView):
    """Exactly the rows a computed indicator counted for a unit and period, as the user may see."""

    model = Offer
    template_name = "market/counted.html"

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
        if model is Connection:
            visible = visible.select_related("need", "offer", "contract")
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


class FiguresView(ScopedViewMixin, TemplateView):
    """Offers, needs, connections, contracts and their value by field and year (thống kê)."""

    model = Offer
    template_name = "market/figures.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        table: dict[tuple[int, str], Counter[str]] = {}

        def add(year: int | None, field: str, key: str, amount: int = 1) -> None:
            if year is None:
                return
            table.setdefault((year, field), Counter())[key] += amount

        for year, field in (
            Offer.objects.visible_to(user).published().values_list("published_at__year", "field")
        ):
            add(year, field, "offers")
        for year, field in (
            Need.objects.visible_to(user).published().values_list("published_at__year", "field")
        ):
            add(year, field, "needs")
        connections = Connection.objects.visible_to(user)
        for year, field in connections.values_list("requested_at__year", "offer__field"):
            add(year, field, "connections")
        deals = connections.filter(status=ConnectionStatus.DEAL)
        for year, field, value in deals.values_list(
            "contract__signed_on__year", "offer__field", "contract__value"
        ):
            add(year, field, "contracts")
            add(year, field, "value", value or 0)
        labels = dict(Field.choices)
        rows = [
            {"year": y, "field": labels.get(f, f), **counts}
            for (y, f), counts in sorted(
                table.items(), key=lambda kv: (-kv[0][0], str(labels.get(kv[0][1], "")))
            )
        ]
        context["rows"] = rows
        return context
