from typing import Any

from rest_framework import serializers

from core.panels import annotations_for
from orgunits.models import OrgUnit


class OrgUnitSerializer(serializers.ModelSerializer):
    parent: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    parent_name = serializers.CharField(source="parent.name", read_only=True, default=None)
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
            "successors",
        ]

    def get_fields(self) -> dict[str, Any]:
        # Figures contributed by other apps (core.panels.register_annotation), e.g. open_tasks.
        fields = super().get_fields()
        for annotation in annotations_for("orgunits.OrgUnit"):
            fields[annotation.name] = serializers.IntegerField(read_only=True, default=None)
        return fields

    def get_successors(self, unit: OrgUnit) -> list[str]:
        # Prefetched as successor_links__successor by the viewset, so no query per row.
        return [str(link.successor_id) for link in unit.successor_links.all()]
