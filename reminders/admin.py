from django.contrib import admin

from reminders.models import ReminderLog


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["unit_report", "kind", "day", "sent_at", "sent_by", "channel"]
    list_filter = ["kind", "channel"]
    raw_id_fields = ["unit_report", "sent_by", "recipients"]
