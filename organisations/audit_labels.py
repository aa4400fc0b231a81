"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "organisation.create": _("Thêm tổ chức"),
    "organisation.update": _("Sửa tổ chức"),
}
FIELDS: dict[str, str] = {}
