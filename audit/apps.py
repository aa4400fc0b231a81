from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self) -> None:
        from audit.labels import load_app_labels

        # Every app's audit_labels.py (action and field labels for the change history).
        load_app_labels()
