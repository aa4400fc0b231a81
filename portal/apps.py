from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal (cổng công khai): published material, citizens' feedback, open data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Cổng công khai")

    def ready(self) -> None:
        from django.urls import reverse

        from core.panels import register_menu_item
        from market.interchange import register_public_offer_link

        register_menu_item(
            _("Ý kiến nhân dân"), "portal:queue", order=56, condition=_is_front, group="supervision"
        )
        # The market's Atom feed links each offer to its public page here (no sign-in).
        register_public_offer_link(
            lambda offer: reverse("portal:offer", kwargs={"pk": offer.pk}),
            lambda: reverse("portal:market"),
        )


def _is_front(request: object) -> bool:
    from core.permissions import SUPERVISE
    from core.scoping import scope_for

    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and scope_for(user).can(SUPERVISE))
