"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "import.start": _("Bắt đầu nhập văn bản"),
    "import.edit": _("Sửa bản nháp nhập văn bản"),
    "import.confirm": _("Xác nhận nhập văn bản thành kế hoạch"),
}
FIELDS = {
    "filename": _("tệp"),
    "plan": _("kế hoạch"),
    "document": _("văn bản"),
    "import": _("lượt nhập văn bản"),
}
