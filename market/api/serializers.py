from rest_framework import serializers

from market.models import Connection, Need, Offer


class OfferSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offer
        fields = [
            "id", "title", "field", "summary", "keywords", "readiness", "transfer_forms",
            "price_note", "ip_status", "provider_name", "place", "status", "published_at",
            "external_id", "source_url", "is_example", "origin_project",
        ]  # fmt: skip


class NeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Need
        # Contacts stay out of the API: they are shared only through a brokered connection.
        fields = [
            "id", "title", "description", "field", "place", "budget_min", "budget_max",
            "requester_name", "status", "published_at",
        ]  # fmt: skip


class ConnectionSerializer(serializers.ModelSerializer):
    contract_value = serializers.IntegerField(source="contract.value", read_only=True, default=None)
    contract_signed_on = serializers.DateField(
        source="contract.signed_on", read_only=True, default=None
    )

    class Meta:
        model = Connection
        fields = [
            "id", "need", "offer", "status", "requested_at", "first_response_at", "closed_at",
            "contract_value", "contract_signed_on", "event",
        ]  # fmt: skip
