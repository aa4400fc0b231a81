from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from audit.log import history_for
from core.views import ScopedDetailView, ScopedListView
from documents.filtersets import DocumentFilterSet
from documents.models import Document


class DocumentListView(ScopedListView):
    model = Document
    filterset_class = DocumentFilterSet
    template_name = "documents/document_list.html"
    partial_template_name = "documents/_document_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("issuer").order_by("-issued_on", "number_symbol")


class DocumentDetailView(ScopedDetailView):
    model = Document
    template_name = "documents/document_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("issuer")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        doc: Document = self.object
        user = self.request.user
        visible = Document.objects.visible_to(user)
        context.update(
            # Only cited/citing documents the user may see are listed.
            references=doc.references.filter(target__in=visible.values("pk")).select_related(
                "target"
            ),
            referenced_by=doc.referenced_by.filter(source__in=visible.values("pk")).select_related(
                "source"
            ),
            history=history_for(doc)[:50],
        )
        return context
