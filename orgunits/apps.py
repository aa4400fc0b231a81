from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgunitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "orgunits"
    verbose_name = _("Đơn vị, tổ chức")

    def ready(self) -> None:
        from core.panels import register_menu_item

        register_menu_item(_("Đơn vị"), "orgunits:list", order=40, group="units")
