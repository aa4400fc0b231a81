"""``{% panels "slot" %}``: render every panel registered for a slot (see ``core/panels.py``)."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: Context, slot: str) -> SafeString:
    parts = []
    flat: dict | None = None
    for panel in panels_for(slot):
        if panel.condition is not None:
            flat = context.flatten() if flat is None else flat
            if not panel.condition(flat):
                continue
        tpl = context.template.engine.get_template(panel.template)  # type: ignore[union-attr]
        # Like {% include %}: the page's context, with the panel's own variables kept local.
        with context.push():
            parts.append(tpl.render(context))
    return mark_safe("".join(parts))
