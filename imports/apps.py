from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "imports"
    verbose_name = _("Nhập văn bản")

    def ready(self) -> None:
        from core.panels import register_menu_item
        from imports.actions import abandon_parse, can_import
        from imports.tasks import parse_import_job
        from notifications.leases import register_abandon_handler

        # A parse whose worker died too often ends failed (the page offers a new try).
        register_abandon_handler(parse_import_job, abandon_parse)

        register_menu_item(
            _("Nhập văn bản"),
            "imports:upload",
            order=31,
            condition=lambda request: can_import(request.user),
            group="documents",
        )
