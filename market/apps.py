from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    """The technology market (chợ công nghệ): offers, needs, brokered connections, contracts."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "market"
    verbose_name = _("Chợ công nghệ")

    def ready(self) -> None:
        from core.panels import register_menu_item, register_panel
        from market.counts import register_sources
        from market.dashboard import broker_panel_context
        from market.sessions import event_panel_context, is_session
        from market.tasks import remind_brokers_task
        from notifications.scheduler import register_daily_job

        register_menu_item(_("Chợ công nghệ"), "market:home", order=45, group="registries")
        register_sources()
        register_daily_job("remind_brokers", "MARKET_BROKER_REMINDER_AT", remind_brokers_task)
        register_panel(
            "monitoring.dashboard",
            "market/_broker_panel.html",
            order=60,
            condition=lambda request: _is_broker(request),
            context=broker_panel_context,
        )
        # The event page lists the connections brokered at a supply–demand session.
        register_panel(
            "events.event_detail",
            "market/_event_panel.html",
            order=50,
            condition=is_session,
            context=event_panel_context,
        )


def _is_broker(request: object) -> bool:
    from market.actions import can_broker

    return can_broker(getattr(request, "user", None))
