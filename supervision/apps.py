from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Supervision by the Fatherland Front (giám sát): programmes, supervisions, grants,
    recommendations and their answers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "supervision"
    verbose_name = _("Giám sát")

    def ready(self) -> None:
        from core.panels import register_menu_item
        from core.scoping import register_grant_provider
        from notifications.scheduler import register_daily_job
        from supervision.actions import granted_paths
        from supervision.tasks import remind_recommendations_task

        register_menu_item(_("Giám sát"), "supervision:home", order=55, condition=_in_menu)
        register_grant_provider("supervision", granted_paths)
        register_daily_job(
            "remind_recommendations", "REMINDER_SEND_AT", remind_recommendations_task
        )


def _in_menu(request: object) -> bool:
    """The Front's people and the units that answer recommendations."""
    from core.permissions import ANSWER_RECOMMENDATION, SUPERVISE
    from core.scoping import scope_for

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    scope = scope_for(user)
    return scope.can(SUPERVISE) or scope.can(ANSWER_RECOMMENDATION)
