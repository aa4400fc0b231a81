"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "event.create": _("Thêm sự kiện"),
    "event.update": _("Sửa sự kiện"),
    "event.import": _("Nhập sự kiện từ Excel"),
}
FIELDS: dict[str, str] = {}
