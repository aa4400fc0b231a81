"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "ip.product.producers": _("Cập nhật cơ sở sản xuất của sản phẩm"),
    "ip.title.remind_expiry": _("Nhắc gia hạn văn bằng"),
    "ip.user.add": _("Thêm tổ chức được sử dụng"),
    "ip.user.update": _("Sửa tổ chức được sử dụng"),
    "ip.product.import": _("Nhập sản phẩm đặc trưng từ Excel"),
    "ip.title.import": _("Nhập văn bằng từ Excel"),
    "ip.user.import": _("Nhập tổ chức được sử dụng từ Excel"),
}
FIELDS: dict[str, str] = {}
