from django.contrib import admin

from organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "tax_code", "unit", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name", "short_name", "tax_code"]
    readonly_fields = ["version"]
