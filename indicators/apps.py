from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = _("Chỉ tiêu")

    def ready(self) -> None:
        from core.panels import register_menu_item, register_panel

        register_menu_item(_("Chỉ tiêu"), "indicators:list", order=80)
        register_panel("reporting.report_detail", "indicators/_report_values_panel.html", order=10)
