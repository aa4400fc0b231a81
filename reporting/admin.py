from typing import Any

from django.contrib import admin
from django.db import transaction

from reporting.models import (
    Evidence,
    Issue,
    ReportingRound,
    ReportingSchedule,
    ReportRevision,
    UnitReport,
    UnitReportingPolicy,
)
from reporting.progress import rebuild_plan


class KeepsProgressFigures(admin.ModelAdmin):
    """Edits here bypass the reporting actions: recompute the plan's kept progress figures
    (reporting.progress) after a change or deletion that can reorder its rounds."""

    watched: tuple[str, ...] = ()

    def _plan_id(self, obj: Any) -> Any:
        raise NotImplementedError

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and set(self.watched) & set(form.changed_data):
                rebuild_plan(self._plan_id(obj))

    def delete_model(self, request: Any, obj: Any) -> None:
        plan_id = self._plan_id(obj)
        with transaction.atomic():
            super().delete_model(request, obj)
            rebuild_plan(plan_id)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        plan_ids = {self._plan_id(obj) for obj in queryset}
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            for plan_id in plan_ids:
                rebuild_plan(plan_id)


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(admin.ModelAdmin):
    list_display = ["plan", "kind", "due_days_after_end", "start_date", "end_date", "is_active"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(KeepsProgressFigures):
    list_display = ["label", "plan", "kind", "period_start", "period_end", "due_date"]
    list_filter = ["kind"]
    watched = ("period_start", "period_end")

    def _plan_id(self, obj: Any) -> Any:
        return obj.plan_id


@admin.register(UnitReport)
class UnitReportAdmin(KeepsProgressFigures):
    list_display = ["unit", "round", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["round", "unit"]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        # A report's round and unit are copied onto its sections: fixed once created.
        return ["round", "unit"] if obj is not None else []

    def _plan_id(self, obj: Any) -> Any:
        return obj.round.plan_id


@admin.register(ReportRevision)
class ReportRevisionAdmin(admin.ModelAdmin):
    list_display = ["unit_report", "number", "action", "is_conflict", "created_at"]
    raw_id_fields = ["unit_report"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["original_name", "unit_report", "content_type", "size"]
    raw_id_fields = ["unit_report", "task_report"]


@admin.register(UnitReportingPolicy)
class UnitReportingPolicyAdmin(admin.ModelAdmin):
    list_display = ["unit", "requires_leader_approval", "escalation_days"]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "owner", "severity", "status", "due_date"]
    list_filter = ["status", "severity"]
