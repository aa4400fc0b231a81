from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from core.panels import register_menu_item

        register_menu_item(_("Sổ văn bản"), "documents:list", order=30, group="documents")
