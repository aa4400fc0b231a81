"""What a browser would post back for a form as it is rendered (for tests of edit pages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import Input


def posted(form: forms.BaseForm) -> dict[str, Any]:
    """The form's current values as POST data: dates as the widget shows them, choices by
    key, many-to-many as lists, a ticked box as "on" and an unticked one left out."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
            continue
        shown = widget.format_value(value) if isinstance(widget, Input) else value
        data[bound.html_name] = "" if shown is None else str(shown)
    return data
