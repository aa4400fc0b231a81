from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_data_version(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # After every migrate: SQLite drops a table's triggers when a migration rebuilds it.
    from monitoring import dataversion

    dataversion.install(using)


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = _("Theo dõi, đánh giá")

    def ready(self) -> None:
        from core.panels import register_menu_item

        register_menu_item(_("Theo dõi"), "monitoring:dashboard", order=70)
        from monitoring.tasks import warm_dashboards_task
        from notifications.scheduler import register_daily_job

        register_daily_job("warm_dashboards", "DASHBOARD_WARM_AT", warm_dashboards_task)
        post_migrate.connect(
            _install_data_version, sender=self, dispatch_uid="monitoring_data_version"
        )
