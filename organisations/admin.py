from typing import Any

from django.contrib import admin

from core.renames import notify_renamed
from organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "tax_code", "unit", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name", "short_name", "tax_code"]
    readonly_fields = ["version"]

    def save_model(self, request: Any, obj: Organisation, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # The admin's save runs in a transaction: the copies change with the name.
            notify_renamed(obj)
