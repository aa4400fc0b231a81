"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "plan.create": _("Tạo kế hoạch"),
    "plan.update": _("Sửa kế hoạch"),
    "plan.sections.create": _("Tạo các mục của kế hoạch"),
    "plan.activate": _("Đưa kế hoạch vào thực hiện"),
    "task.create": _("Thêm nhiệm vụ"),
    "task.update": _("Sửa nhiệm vụ"),
    "task.close": _("Đóng nhiệm vụ"),
    "task.reassign": _("Giao lại cho đơn vị kế thừa"),
}
FIELDS = {
    "implements": _("thực hiện các nhiệm vụ cấp trên"),
    "sections": _("các mục"),
    "milestones": _("mốc theo năm"),
    "lead_units": _("đơn vị chủ trì"),
    "cooperating_units": _("đơn vị phối hợp"),
}
