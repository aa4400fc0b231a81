"""``{% audit_row entry as row %}``: one history row in words (``audit.labels``)."""

from __future__ import annotations

from typing import Any

from django import template

from audit.labels import action_label, describe_changes
from audit.models import AuditEntry

register = template.Library()


@register.simple_tag
def audit_row(entry: AuditEntry) -> dict[str, Any]:
    model = entry.target_type.model_class()
    return {
        "action": action_label(entry.action, model),
        "changes": describe_changes(model, entry.changes),
    }
