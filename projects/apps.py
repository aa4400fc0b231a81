from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """S&T projects (nhiệm vụ KH&CN): from proposal to application and replication."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Nhiệm vụ KH&CN")

    def ready(self) -> None:
        from core.panels import register_menu_item, register_panel
        from core.renames import register_rename_listener
        from notifications.scheduler import register_daily_job
        from projects.counts import register_sources
        from projects.dashboard import never_applied_context
        from projects.renames import refresh_host_names
        from projects.tasks import remind_applications_task

        register_menu_item(_("Nhiệm vụ KH&CN"), "projects:list", order=40, group="registries")
        register_sources()
        register_rename_listener("organisations.Organisation", refresh_host_names)
        register_daily_job(
            "remind_applications", "PROJECT_REMINDER_SEND_AT", remind_applications_task
        )
        register_panel(
            "monitoring.dashboard",
            "projects/_never_applied_panel.html",
            order=50,
            context=never_applied_context,
        )
