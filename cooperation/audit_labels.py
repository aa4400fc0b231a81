"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "agreement.create": _("Thêm thỏa thuận hợp tác"),
    "agreement.update": _("Sửa thỏa thuận hợp tác"),
    "agreement.import": _("Nhập thỏa thuận hợp tác từ Excel"),
}
FIELDS: dict[str, str] = {}
