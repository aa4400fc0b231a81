"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "expert.create": _("Thêm chuyên gia"),
    "expert.update": _("Sửa hồ sơ chuyên gia"),
    "expert.import": _("Nhập chuyên gia từ Excel"),
    "expert.export": _("Xuất dữ liệu cá nhân theo yêu cầu"),
    "expert.anonymise": _("Ẩn danh hồ sơ khi rút đồng ý"),
}
FIELDS: dict[str, str] = {}
