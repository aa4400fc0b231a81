from django.contrib import admin

from projects.models import Project


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Read-mostly: the status machine is driven by the pages' actions, not the admin."""

    list_display = ["code", "title", "level", "status", "list_year"]
    list_filter = ["status", "level", "kind"]
    search_fields = ["code", "title"]
    readonly_fields = ["status", "version"]
