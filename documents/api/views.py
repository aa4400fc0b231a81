from django.db.models import Prefetch, QuerySet

from core.api import ScopedReadOnlyViewSet
from documents.api.serializers import DocumentSerializer
from documents.models import Document, DocumentReference


class DocumentViewSet(ScopedReadOnlyViewSet):
    model = Document
    serializer_class = DocumentSerializer
    filterset_fields = ["kind", "number_symbol"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        visible = Document.objects.visible_to(self.request.user).values("pk")
        refs = DocumentReference.objects.filter(target__in=visible).select_related("target")
        return (
            queryset.select_related("issuer")
            .prefetch_related(Prefetch("references", queryset=refs))
            .order_by("-issued_on", "number_symbol")
        )
