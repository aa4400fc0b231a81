from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# Third-party apps shown in the admin under English names: named in the user's language here
# (app label → name), since their AppConfig is not ours to subclass without touching settings.
THIRD_PARTY_APP_NAMES = {
    "authtoken": _("Khóa truy cập API"),
    "django_tasks_database": _("Hàng đợi công việc nền"),
    "axes": _("Chặn đăng nhập sai nhiều lần"),
    "otp_totp": _("Xác thực hai bước (TOTP)"),
    "django_otp": _("Xác thực hai bước"),
}


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        for label, name in THIRD_PARTY_APP_NAMES.items():
            try:
                apps.get_app_config(label).verbose_name = name
            except LookupError:  # not installed in this configuration
                continue
