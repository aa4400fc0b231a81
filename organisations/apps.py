from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """The registry of organisations (tổ chức): S&T organisations, enterprises and others."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "organisations"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        from core.panels import register_menu_item

        register_menu_item(_("Tổ chức"), "organisations:list", order=35, group="registries")
