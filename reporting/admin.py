from django.contrib import admin

from reporting.models import (
    Evidence,
    Issue,
    ReportingRound,
    ReportingSchedule,
    ReportRevision,
    UnitReport,
    UnitReportingPolicy,
)


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(admin.ModelAdmin):
    list_display = ["plan", "kind", "due_days_after_end", "start_date", "end_date", "is_active"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ["label", "plan", "kind", "period_start", "period_end", "due_date"]
    list_filter = ["kind"]


@admin.register(UnitReport)
class UnitReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "round", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["round", "unit"]


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
