from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.params import LONG_TEXT_MAX, SHORT_TEXT_MAX, YEAR_MAX, YEAR_MIN
from orgunits.models import OrgUnit
from plans.models import Frequency, Plan, Task, TaskStatus


class AssignmentSerializer(serializers.Serializer):
    unit = serializers.UUIDField(source="unit_id")
    unit_name = serializers.CharField(source="unit.name")
    role = serializers.CharField()
    is_active = serializers.BooleanField()


class TaskSerializer(serializers.ModelSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)
    milestones = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = ["id", "plan", *Task.EDITABLE_FIELDS, "version", "assignments", "milestones"]
        read_only_fields = fields

    def get_milestones(self, task: Task) -> dict[str, str]:
        return {str(m.year): m.target for m in task.milestones.all()}


class TaskWriteSerializer(serializers.Serializer):
    """Input for creating or updating a task; the named action does the writing."""

    code = serializers.CharField(required=False, allow_blank=True, max_length=30)
    title = serializers.CharField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True, max_length=LONG_TEXT_MAX)
    start_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    end_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    deadline = serializers.DateField(required=False, allow_null=True)
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False)
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    progress = serializers.IntegerField(required=False, min_value=0, max_value=100)
    lead_units = serializers.ListField(child=serializers.UUIDField(), allow_empty=False)
    cooperating_units = serializers.ListField(child=serializers.UUIDField(), required=False)
    milestones = serializers.DictField(
        child=serializers.CharField(max_length=SHORT_TEXT_MAX), required=False
    )
    version = serializers.IntegerField(
        required=False,
        help_text="Bắt buộc khi sửa: phiên bản đã đọc (thiếu → 400, đã cũ → 409).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("start_year"), attrs.get("end_year")
        if start and end and end < start:
            raise serializers.ValidationError({"end_year": _("Năm kết thúc phải sau năm bắt đầu.")})
        user = self.context["request"].user
        visible = OrgUnit.objects.visible_to(user)
        for key in ("lead_units", "cooperating_units"):
            if key not in attrs:
                # A partial update changes only what is sent: leaving a list out keeps the
                # assignments as they are (an empty list here would end them all).
                continue
            ids = attrs[key]
            units = list(visible.filter(pk__in=ids))
            if len(units) != len(set(ids)):
                raise serializers.ValidationError({key: "Có đơn vị không tồn tại."})
            attrs[key] = units
        if "milestones" in attrs:
            try:
                attrs["milestones"] = {int(y): t for y, t in attrs["milestones"].items()}
            except ValueError as exc:
                raise serializers.ValidationError({"milestones": "Năm không hợp lệ."}) from exc
        return attrs


class PlanSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    implements: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", *Plan.EDITABLE_FIELDS, "owner_name", "document", "implements", "version"]
        read_only_fields = ["id", "document", "version", "implements"]
