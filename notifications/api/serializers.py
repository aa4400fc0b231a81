from __future__ import annotations

from typing import Any

from rest_framework import serializers

from notifications.models import Notification, ReminderLog


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "link",
            "unit_report",
            "created_at",
            "read_at",
            "is_read",
        ]
        read_only_fields = fields


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
