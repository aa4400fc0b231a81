from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Reminders (đôn đốc) about reporting deadlines: above reporting, using the inbox below."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"
    verbose_name = _("Đôn đốc")

    def ready(self) -> None:
        from core.panels import register_panel
        from notifications.scheduler import register_daily_job
        from reminders.tasks import send_reminders_task

        register_daily_job("send_reminders", "REMINDER_SEND_AT", send_reminders_task)
        register_panel("reporting.round_detail", "reminders/_round_remind_button.html")
        register_panel("reporting.report_detail", "reminders/_report_reminders.html")
        register_panel("notifications.list_links", "reminders/_reminder_log_link.html")
