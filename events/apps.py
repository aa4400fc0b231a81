from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """S&T events (sự kiện KH&CN): conferences, workshops, fairs, exhibitions, Techmart,
    supply–demand connection sessions and dissemination sessions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Sự kiện KH&CN")

    def ready(self) -> None:
        from core.panels import register_menu_item
        from events.counts import register_sources

        register_menu_item(_("Sự kiện"), "events:list", order=48, group="registries")
        register_sources()
