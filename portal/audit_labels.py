"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "portal.feedback.submit": _("Người dân gửi ý kiến"),
    "portal.feedback.moderate": _("Kiểm duyệt ý kiến nhân dân"),
}
FIELDS: dict[str, str] = {}
