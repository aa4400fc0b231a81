from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The start page and the demo dataset: they read every domain app, so they sit above all."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = _("Trang chủ")
