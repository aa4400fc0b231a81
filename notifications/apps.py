from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from core.panels import register_panel
        from notifications.scheduler import register_daily_job
        from notifications.tasks import send_daily_digests_task

        register_daily_job("send_daily_digests", "DIGEST_SEND_AT", send_daily_digests_task)
        register_panel("base.navbar", "notifications/_bell_nav.html")
