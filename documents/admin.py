from django.contrib import admin

from documents.models import Document, DocumentReference


class ReferenceInline(admin.TabularInline):
    model = DocumentReference
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number_symbol", "kind", "issuer_name", "issued_on", "is_published"]
    list_filter = ["kind", "is_published", "is_placeholder"]
    search_fields = ["number_symbol", "title", "search_text"]
    autocomplete_fields = ["issuer"]
    inlines = [ReferenceInline]
