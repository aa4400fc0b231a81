from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Người dùng và phân quyền")

    def ready(self) -> None:
        # Lower layers (core) ask for a user's scope; this app is where memberships live.
        from accounts.scoping import build_scope
        from core.scoping import register_scope_builder

        register_scope_builder(build_scope)

        from django.utils.translation import gettext_lazy as _

        from accounts.member_views import can_manage_members
        from core.panels import register_menu_item

        register_menu_item(
            _("Thành viên"),
            "accounts:member_list",
            order=45,
            condition=can_manage_members,
            group="units",
        )
