from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reviews"
    verbose_name = _("Báo cáo sơ kết, tổng kết")

    def ready(self) -> None:
        from core.panels import register_panel

        register_panel("plans.plan_actions", "reviews/_plan_reviews_button.html", order=20)
