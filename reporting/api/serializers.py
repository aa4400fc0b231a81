from __future__ import annotations

from typing import Any

from rest_framework import serializers

from reporting.models import Issue, ReportingRound, TaskReport, UnitReport


class ReportingRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingRound
        fields = [
            "id",
            "plan",
            "schedule",
            "kind",
            "label",
            "period_start",
            "period_end",
            "due_date",
            "template",
        ]


class TaskReportSerializer(serializers.ModelSerializer):
    task_code = serializers.CharField(source="task.code")

    class Meta:
        model = TaskReport
        fields = [
            "id",
            "task",
            "task_code",
            "role",
            *TaskReport.EDITABLE_FIELDS,
        ]


class UnitReportSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name")
    round_label = serializers.CharField(source="round.label")
    task_reports = TaskReportSerializer(many=True, read_only=True)

    class Meta:
        model = UnitReport
        fields = [
            "id",
            "round",
            "round_label",
            "unit",
            "unit_name",
            "status",
            "summary",
            "submitted_at",
            "approved_at",
            "reviewed_at",
            "review_comment",
            "version",
            "task_reports",
        ]

    def to_representation(self, instance: UnitReport) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not instance.can_read_text(request.user):
            # A report still with its unit: the status travels, the text does not.
            data["summary"] = ""
            data["task_reports"] = []
        return data


class IssueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Issue
        fields = [
            "id",
            "plan",
            "task",
            "source",
            "raised_by_unit",
            *Issue.EDITABLE_FIELDS,
            "resolved_at",
            "version",
        ]
