"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "market.offer.create": _("Đăng chào bán công nghệ"),
    "market.offer.update": _("Sửa chào bán công nghệ"),
    "market.offer.status": _("Đổi trạng thái chào bán"),
    "market.need.create": _("Đăng nhu cầu công nghệ"),
    "market.need.update": _("Sửa nhu cầu công nghệ"),
    "market.need.status": _("Đổi trạng thái nhu cầu"),
    "market.offers.import": _("Nhập chào bán từ sàn khác"),
    "market.connection.request": _("Yêu cầu kết nối"),
    "market.connection.introduced": _("Giới thiệu hai bên"),
    "market.connection.declined": _("Từ chối yêu cầu kết nối"),
    "market.connection.meeting": _("Ghi buổi gặp"),
    "market.connection.deal": _("Chuyển sang đã ký hợp đồng"),
    "market.connection.no_deal": _("Kết thúc, không thành"),
    "market.connection.contract": _("Ghi hợp đồng chuyển giao"),
    "market.connection.consent": _("Đồng ý chia sẻ liên hệ"),
    "market.connection.follow_up": _("Theo dõi sau chuyển giao"),
    "market.connection.remind_broker": _("Nhắc cán bộ môi giới"),
    "market.connection.event": _("Ghi sự kiện nơi giới thiệu hai bên"),
}
FIELDS = {
    "need_consents": _("bên cầu đồng ý chia sẻ liên hệ"),
    "offer_consents": _("bên cung đồng ý chia sẻ liên hệ"),
    "held_on": _("ngày gặp"),
    "starts_at": _("giờ gặp"),
    "meeting_event": _("tại sự kiện"),
    "signed_on": _("ngày ký"),
    "value": _("giá trị (đồng)"),
    "form": _("hình thức chuyển giao"),
    "noted_on": _("ngày"),
    "recipients": _("số người nhận"),
    "created": _("số tin mới"),
    "updated": _("số tin cập nhật"),
}
