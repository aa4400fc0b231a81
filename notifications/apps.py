from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from accounts.invitations import register_invitation_sender
        from core.panels import register_panel
        from notifications.email import send_invitation
        from notifications.scheduler import register_daily_job
        from notifications.tasks import housekeeping_task, send_daily_digests_task

        register_daily_job("send_daily_digests", "DIGEST_SEND_AT", send_daily_digests_task)
        register_daily_job("housekeeping", "HOUSEKEEPING_AT", housekeeping_task)
        register_panel("base.navbar", "notifications/_bell_nav.html")
        # Invitations to set a password go out as this app's e-mail (accounts has no mailer).
        register_invitation_sender(send_invitation)
