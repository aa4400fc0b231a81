"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "document.create": _("Đăng ký văn bản"),
    "document.references.add": _("Thêm liên kết tới văn bản khác"),
}
FIELDS = {"references": _("liên kết văn bản")}
