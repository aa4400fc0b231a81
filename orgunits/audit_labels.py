"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

# unit.<kind> follows SuccessionKind (orgunits.actions.record_succession).
ACTIONS = {
    "unit.create": _("Thêm đơn vị"),
    "unit.update": _("Sửa thông tin đơn vị"),
    "unit.rename": _("Đổi tên đơn vị"),
    "unit.merge": _("Hợp nhất, sáp nhập đơn vị"),
    "unit.split": _("Chia tách đơn vị"),
    "unit.transfer": _("Chuyển giao chức năng của đơn vị"),
}
