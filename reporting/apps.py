from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self) -> None:
        from core.panels import register_menu_item, register_panel
        from notifications.scheduler import register_daily_job
        from reporting.panels import task_reports_context
        from reporting.parts import register_report_part
        from reporting.report_parts import build_evidence, save_evidence
        from reporting.tasks import open_rounds_task

        # Before the reminders (REMINDER_SEND_AT): a round opened today is reminded today.
        register_daily_job("open_rounds", "ROUNDS_OPEN_AT", open_rounds_task)

        register_menu_item(
            _("Báo cáo của đơn vị"), "reporting:my_reports", order=50, group="reports"
        )
        register_menu_item(_("Vướng mắc"), "reporting:issue_list", order=60, group="reports")
        register_panel("plans.plan_actions", "reporting/_plan_calendar_button.html", order=10)
        register_panel(
            "plans.task_detail",
            "reporting/_task_reports_panel.html",
            order=20,
            context=task_reports_context,
        )
        # The evidence file chosen on the report page goes with its "Lưu nháp" (one save).
        register_report_part(
            "evidence",
            template="reporting/_evidence_part.html",
            build=build_evidence,
            save=save_evidence,
            order=50,
        )
