from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.labels import action_label
from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited by hand."""

    # The key stays visible for administrators (filters, support); the label says what it was.
    list_display = ["created_at", "actor", "action_text", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["target_repr", "target_id"]
    list_select_related = ["actor", "target_type"]

    @admin.display(description=_("Thao tác"))
    def action_text(self, entry: AuditEntry) -> str:
        return action_label(entry.action, entry.target_type.model_class())

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
