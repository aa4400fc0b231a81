"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "project.create": _("Tạo đề xuất nhiệm vụ"),
    "project.update": _("Sửa nhiệm vụ"),
    "project.submit": _("Gửi đề xuất"),
    "project.list": _("Đưa vào danh mục"),
    "project.select": _("Xét chọn, giao trực tiếp"),
    "project.contract": _("Ký hợp đồng"),
    "project.budget": _("Ghi kinh phí"),
    "project.start": _("Bắt đầu thực hiện"),
    "project.suspend": _("Tạm dừng"),
    "project.resume": _("Thực hiện lại"),
    "project.cancel": _("Hủy nhiệm vụ"),
    "project.disburse": _("Ghi cấp phát kinh phí"),
    "project.check": _("Kiểm tra tiến độ"),
    "project.adjust": _("Điều chỉnh nhiệm vụ"),
    "project.accept": _("Nghiệm thu"),
    "project.register": _("Đăng ký kết quả"),
    "project.apply": _("Ghi ứng dụng kết quả"),
    "project.import": _("Nhập từ tệp Excel"),
    "project.team": _("Thay đổi chủ nhiệm, thành viên, tổ chức phối hợp"),
    "project.documents": _("Gắn văn bản liên quan"),
    "project.remind_application": _("Nhắc báo cáo ứng dụng kết quả"),
}
FIELDS = {
    "team": _("thành viên thực hiện"),
    "partner_organisations": _("tổ chức phối hợp"),
    "budget": _("kinh phí theo nguồn và năm"),
    "origin_project": _("nhiệm vụ KH&CN tạo ra"),
    "application": _("ứng dụng kết quả"),
}
