from typing import Any

from rest_framework import serializers

from orgunits.models import OrgUnit


class OrgUnitSerializer(serializers.ModelSerializer):
    parent: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    parent_name = serializers.CharField(source="parent.name", read_only=True, default=None)
    open_tasks = serializers.IntegerField(read_only=True)
    successors = serializers.SerializerMethodField()

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "name",
            "short_name",
            "code",
            "kind",
            "parent",
            "parent_name",
            "depth",
            "valid_from",
            "valid_to",
            "aliases",
            "open_tasks",
            "successors",
        ]

    def get_successors(self, unit: OrgUnit) -> list[str]:
        # Prefetched as successor_links__successor by the viewset, so no query per row.
        return [str(link.successor_id) for link in unit.successor_links.all()]
