from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = _("Theo dõi, đánh giá")

    def ready(self) -> None:
        from core.panels import register_menu_item

        register_menu_item(_("Theo dõi"), "monitoring:dashboard", order=70)
