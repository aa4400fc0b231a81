from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """Cooperation agreements (thỏa thuận hợp tác) with institutes, universities and foreign
    partners."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "cooperation"
    verbose_name = _("Hợp tác KH&CN")

    def ready(self) -> None:
        from cooperation.counts import register_sources
        from core.panels import register_menu_item

        register_menu_item(_("Hợp tác"), "cooperation:list", order=50, group="registries")
        register_sources()
