"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "supervision.programme.create": _("Lập chương trình giám sát"),
    "supervision.create": _("Lập cuộc giám sát"),
    "supervision.update": _("Sửa cuộc giám sát"),
    "supervision.conclusion": _("Ghi kết luận giám sát"),
    "supervision.recommendation.issue": _("Gửi kiến nghị"),
    "supervision.recommendation.answer": _("Trả lời kiến nghị"),
    "supervision.recommendation.close": _("Đóng kiến nghị"),
    "supervision.recommendation.reopen": _("Mở lại kiến nghị"),
    "supervision.recommendation.remind": _("Nhắc hạn trả lời kiến nghị"),
    "supervision.recommendation.escalate": _("Báo cáo vượt cấp kiến nghị quá hạn trả lời"),
    "supervision.critique.submit": _("Gửi dự thảo lấy phản biện"),
    "supervision.critique.invite": _("Mời chuyên gia phản biện"),
    "supervision.critique.comment": _("Góp ý vào đoạn dự thảo"),
    "supervision.critique.point": _("Tổng hợp ý kiến phản biện"),
    "supervision.critique.send": _("Gửi văn bản phản biện"),
    "supervision.critique.answer": _("Trả lời ý kiến phản biện"),
    "supervision.critique.publish": _("Công khai kết quả phản biện"),
}
FIELDS = {
    "escalation_level": _("cấp báo cáo vượt cấp"),
}
