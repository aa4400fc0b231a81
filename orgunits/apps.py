from django.apps import AppConfig


class OrgunitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "orgunits"
