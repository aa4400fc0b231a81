"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "notifications.remind": _("Đôn đốc đơn vị nộp báo cáo"),
    "notifications.remind_round": _("Đôn đốc các đơn vị chưa nộp báo cáo của kỳ"),
}
FIELDS = {
    "recipients": _("người nhận"),
    "units": _("các đơn vị"),
}
