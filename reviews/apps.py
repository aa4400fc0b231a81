from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = _("Báo cáo sơ kết, tổng kết")

    def ready(self) -> None:
        from core.panels import register_panel
        from notifications.leases import register_abandon_handler
        from reviews.rendering import abandon_render
        from reviews.tasks import render_pdf_task

        # A render whose worker died too often ends failed (its page offers the DOCX).
        register_abandon_handler(render_pdf_task, abandon_render)

        register_panel("plans.plan_actions", "reviews/_plan_reviews_button.html", order=20)
