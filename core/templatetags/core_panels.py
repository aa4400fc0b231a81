"""``{% panels "slot" %}``: render what higher apps registered for a slot (core.panels)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: template.Context, slot: str) -> SafeString:
    page: dict[str, Any] = dict(context.flatten())  # type: ignore[arg-type]
    parts = []
    for panel in panels_for(slot):
        if panel.condition is not None and not panel.condition(page):
            continue
        extra = panel.context(page) if panel.context is not None else {}
        # Rendered inside the page's own context, as {% include %} does: the context processors
        # (menu, scope, messages) already ran for this page and are not run again per panel.
        part = context.template.engine.get_template(panel.template)  # type: ignore[union-attr]
        with context.push(**extra):
            parts.append(part.render(context))
    return mark_safe("".join(parts))  # each part was rendered (and escaped) by its template


@register.filter
def field(obj: Any, name: str) -> Any:
    """``{{ row|field:annotation.name }}``: read a registered annotation off a row."""
    return getattr(obj, name, None)
