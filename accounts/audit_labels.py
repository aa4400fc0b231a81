"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "membership.grant": _("Giao vai trò trong đơn vị"),
    "membership.change_role": _("Đổi vai trò trong đơn vị"),
    "membership.end": _("Kết thúc vai trò trong đơn vị"),
    "token.rotate": _("Cấp lại khóa truy cập API"),
    "otp.enable": _("Bật xác thực hai bước"),
    "user.invite": _("Mời người dùng mới"),
    "user.invitation": _("Gửi thư mời đặt mật khẩu"),
    "otp.disable": _("Tắt xác thực hai bước"),
}
