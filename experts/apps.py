from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    """Experts and young talents (chuyên gia, nhà khoa học, tài năng trẻ), with personal data
    handled under Nghị định 13/2023/NĐ-CP."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "experts"
    verbose_name = _("Chuyên gia")

    def ready(self) -> None:
        from core.panels import register_menu_item
        from experts.counts import register_sources

        register_menu_item(_("Chuyên gia"), "experts:list", order=49, group="registries")
        register_sources()
