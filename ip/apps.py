from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IpConfig(AppConfig):
    """Characteristic products and intellectual property titles (sản phẩm đặc trưng và văn bằng
    sở hữu trí tuệ), with the authorised users of collective/certification marks and GIs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ip"
    verbose_name = _("Sản phẩm và sở hữu trí tuệ")

    def ready(self) -> None:
        from core.panels import register_menu_item
        from core.renames import register_rename_listener
        from ip.counts import register_sources
        from ip.renames import refresh_holder_names
        from ip.tasks import remind_expiring_titles_task
        from notifications.scheduler import register_daily_job

        register_menu_item(_("Sở hữu trí tuệ"), "ip:titles", order=47, group="registries")
        register_sources()
        register_rename_listener("organisations.Organisation", refresh_holder_names)
        register_daily_job("remind_expiring_ip", "REMINDER_SEND_AT", remind_expiring_titles_task)
