"""The indicator figures as a part of the unit report's one form (``reporting.parts``): typed
beside the text and saved with it by "Lưu nháp", in the same transaction."""

from __future__ import annotations

from typing import Any

from indicators import actions
from indicators.forms import ReportValuesForm, field_name


def build(report: Any, user: Any, data: Any = None, files: Any = None) -> ReportValuesForm | None:
    """The entry form for those who may enter the report's figures; others get the read-only
    panel (``reporting.report_detail``)."""
    if not actions.can_enter_values(user, report):
        return None
    form = ReportValuesForm(report, data)
    # Saving the report's draft never stops at an empty figure (neither in the browser nor on
    # the server): required figures are asked for by the figures' own page and the template.
    form.use_required_attribute = False
    for field in form.fields.values():
        field.required = False
    return form


def save(actor: Any, report: Any, form: ReportValuesForm) -> int:
    """Write the figures the page sent; a field absent from the POST (a client that posts only
    the text) leaves its figure alone instead of clearing it."""
    sent = {ind: value for ind, value in form.values.items() if field_name(ind) in form.data}
    return actions.save_report_values(actor, report, sent) if sent else 0


def not_in_the_form(page: Any) -> bool:
    """The stand-alone panel only when the figures are not already part of the report's form."""
    return "indicators" not in page.get("part_forms", {})
