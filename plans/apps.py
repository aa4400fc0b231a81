from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = _("Kế hoạch, nhiệm vụ")

    def ready(self) -> None:
        # What plans adds to lower apps' pages (core.panels): the menu, the open tasks of a
        # unit in the unit registry, the plan that carries out a document.
        from core.panels import register_annotation, register_menu_item, register_panel
        from plans import panels

        register_menu_item(_("Kế hoạch"), "plans:list", order=10)
        register_menu_item(_("Nhiệm vụ"), "plans:task_list", order=20)
        register_annotation(
            "orgunits.OrgUnit", "open_tasks", _("Nhiệm vụ đang mở"), panels.open_task_count
        )
        register_panel(
            "orgunits.unit_detail", "plans/_unit_tasks_panel.html", context=panels.unit_tasks
        )
        register_panel(
            "documents.document_detail",
            "plans/_document_plan_panel.html",
            context=panels.document_plan,
        )
