from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Supervision by the Fatherland Front (giám sát): programmes, supervisions, grants,
    recommendations and their answers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "supervision"
    verbose_name = _("Giám sát")

    def ready(self) -> None:
        from core.panels import register_menu_item, register_panel
        from core.scoping import register_grant_provider, register_grant_read_listener
        from notifications.scheduler import register_daily_job
        from supervision.actions import granted_paths
        from supervision.reads import record_grant_read
        from supervision.tasks import escalate_recommendations_task, remind_recommendations_task

        register_menu_item(
            _("Giám sát"), "supervision:home", order=55, condition=_in_menu, group="supervision"
        )
        register_grant_provider("supervision", granted_paths)
        register_grant_read_listener("supervision", record_grant_read)
        register_panel(
            "plans.plan_actions",
            "supervision/_critique_button.html",
            order=40,
            condition=_may_submit_for_critique,
        )
        register_daily_job(
            "remind_recommendations", "REMINDER_SEND_AT", remind_recommendations_task
        )
        # After the reminders of the same morning (same time, registered after them).
        register_daily_job(
            "escalate_recommendations", "REMINDER_SEND_AT", escalate_recommendations_task
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


def _may_submit_for_critique(context: Any) -> bool:
    from supervision.actions import can_submit_for_critique

    request, plan = context.get("request"), context.get("object")
    return bool(plan is not None and can_submit_for_critique(getattr(request, "user", None), plan))
