from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"

    def ready(self) -> None:
        from core.panels import register_menu_item, register_panel
        from indicators.computed import register_source
        from organisations.counts import register_sources as register_organisation_sources

        register_menu_item(_("Chỉ tiêu"), "indicators:list", order=80)
        register_panel("reporting.report_detail", "indicators/_report_values_panel.html", order=10)
        # The organisation registry lies below this app, so its counts are registered from here.
        register_organisation_sources(register_source)
