from __future__ import annotations

from typing import Any

from rest_framework import serializers

from reminders.models import ReminderLog


class ReminderLogSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit_report.unit.name", read_only=True)
    round = serializers.CharField(source="unit_report.round.label", read_only=True)
    sent_by: serializers.StringRelatedField[Any] = serializers.StringRelatedField()
    recipients: Any = serializers.StringRelatedField(many=True)

    class Meta:
        model = ReminderLog
        fields = [
            "id",
            "unit_report",
            "unit",
            "round",
            "kind",
            "day",
            "sent_at",
            "sent_by",
            "recipients",
            "channel",
            "message",
        ]
        read_only_fields = fields
