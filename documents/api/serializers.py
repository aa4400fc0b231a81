from rest_framework import serializers

from documents.models import Document


class DocumentSerializer(serializers.ModelSerializer):
    issuer_display = serializers.CharField(read_only=True)
    cites = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "number_symbol",
            "issuer",
            "issuer_display",
            "place",
            "issued_on",
            "title",
            "is_published",
            "is_placeholder",
            "signer_title",
            "signer_name",
            "recipients",
            "cites",
        ]

    def get_cites(self, doc: Document) -> list[dict[str, str]]:
        return [
            {
                "target": str(ref.target_id),
                "number_symbol": ref.target.number_symbol,
                "relation": ref.relation,
            }
            for ref in doc.references.all()
        ]
