from django.contrib import admin

from notifications.models import (
    Dispatch,
    JobRun,
    Notification,
    NotificationPreference,
    OutboxEmail,
)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "topic", "recipient__username", "recipient__full_name"]
    raw_id_fields = ["recipient"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_mode"]
    list_filter = ["email_mode"]
    raw_id_fields = ["user"]


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "day", "enqueued_at", "task_id"]


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "created_at", "attempts", "sent_at", "failed_at"]
    list_filter = ["sent_at", "failed_at"]
    search_fields = ["to", "subject", "topic"]
    readonly_fields = ["key", "created_at"]


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    """Scheduled notices and whether everyone got theirs (an empty "completed" is one a killed
    run left: the next run of its job, or the housekeeping, finishes it)."""

    list_display = ["key", "title", "created_at", "completed_at"]
    list_filter = ["completed_at"]
    search_fields = ["key", "title", "topic"]
    raw_id_fields = ["recipients"]
    readonly_fields = ["key", "created_at", "completed_at"]
