from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Thông báo, đôn đốc")

    def ready(self) -> None:
        from core.panels import register_panel

        register_panel("base.navbar", "notifications/_bell_nav.html")
        register_panel("reporting.report_detail", "notifications/_report_reminders.html", order=20)
        register_panel(
            "reporting.round_detail",
            "notifications/_round_remind_button.html",
            context=lambda page: {"round": page["object"]},
        )
