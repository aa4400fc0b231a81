"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "reporting.round.open": _("Tự động mở kỳ báo cáo"),
    "report.save": _("Lưu báo cáo"),
    "report.conflict": _("Lưu không thành do người khác đã lưu trước (nội dung được giữ lại)"),
    "report.submit": _("Nộp báo cáo"),
    "report.approve": _("Lãnh đạo đơn vị phê duyệt báo cáo"),
    "report.leader_return": _("Lãnh đạo đơn vị trả lại báo cáo"),
    "report.return": _("Trả lại báo cáo để bổ sung"),
    "report.accept": _("Tiếp nhận báo cáo"),
    "report.evidence.add": _("Đính kèm minh chứng"),
    "report.evidence.remove": _("Gỡ minh chứng"),
    "reporting.round.create": _("Tạo kỳ báo cáo"),
    "reporting.round.derive": _("Lập báo cáo của các đơn vị cho kỳ"),
    "reporting.schedule.create": _("Lập lịch báo cáo"),
    "task.progress_from_report": _("Cập nhật tiến độ nhiệm vụ theo báo cáo"),
    "issue.create": _("Ghi nhận vướng mắc"),
    "issue.update": _("Cập nhật vướng mắc"),
}
FIELDS = {
    "evidence": _("minh chứng"),
    "reports": _("số báo cáo"),
    "sections": _("số phần báo cáo"),
}
# "II.1.progress" on a unit report: the progress of its section for task II.1.
PARTS = {"reporting.UnitReport": "reporting.TaskReport"}
