from __future__ import annotations

from typing import Any

from django import template

from indicators import formatting
from indicators.actions import can_enter_values

register = template.Library()


@register.inclusion_tag("indicators/_report_values.html", takes_context=True)
def indicator_values_section(
    context: Any, report: Any, form: Any = None, embedded: bool = False
) -> dict[str, Any]:
    """The unit report's indicator figures: an entry form for those who may edit the report,
    a read-only table for the others. ``embedded``: the fields belong to the report's own form
    (saved by its "Lưu nháp"), so no form or button of their own."""
    from indicators.forms import ReportValuesForm

    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "report": report,
        "form": form or ReportValuesForm(report),
        "can_enter": can_enter_values(user, report),
        "embedded": embedded,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.filter
def figure(value: Any, indicator: Any = None) -> str:
    """A figure in Vietnamese format (1.234,5; whole numbers without decimals; Có/Không)."""
    return formatting.figure(value, indicator)


@register.filter
def cell_text(cell: Any, indicator: Any) -> str:
    """A roll-up cell: a yes/no indicator is counted ("38 đơn vị có"), others formatted."""
    if cell is None or cell.value is None:
        return formatting.DASH
    if indicator.is_boolean:
        return formatting.count_yes(cell.value, cell.reported)
    return formatting.figure(cell.value, indicator)


@register.filter
def yes_count(value: Any) -> str:
    return formatting.count_yes(value)
