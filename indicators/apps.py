from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = _("Chỉ tiêu")

    def ready(self) -> None:
        from core.panels import register_menu_item, register_panel
        from indicators.computed import register_source
        from organisations.counts import register_sources as register_organisation_sources

        register_menu_item(_("Chỉ tiêu"), "indicators:list", order=80)
        from indicators import report_part
        from reporting.parts import register_report_part

        register_panel(
            "reporting.report_detail",
            "indicators/_report_values_panel.html",
            order=10,
            condition=report_part.not_in_the_form,
        )
        # Typed on the report page, saved by its "Lưu nháp" with the text, all or nothing.
        register_report_part(
            "indicators",
            template="indicators/_report_values_part.html",
            build=report_part.build,
            save=report_part.save,
            order=10,
        )
        # The organisation registry lies below this app, so its counts are registered from here.
        register_organisation_sources(register_source)
