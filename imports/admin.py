from django.contrib import admin

from imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("filename", "created_by", "status", "progress", "created_at")
    list_filter = ("status",)
    readonly_fields = ("parsed", "draft", "warnings", "error", "document", "plan")
