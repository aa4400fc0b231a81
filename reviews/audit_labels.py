"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "review.compile": _("Tổng hợp báo cáo sơ kết, tổng kết"),
    "review.edit": _("Sửa một đoạn của báo cáo"),
    "review.approve": _("Phê duyệt báo cáo sơ kết, tổng kết"),
    "review.publish": _("Công khai báo cáo sơ kết, tổng kết"),
    "review.unpublish": _("Thôi công khai báo cáo sơ kết, tổng kết"),
}
FIELDS = {
    "period": _("kỳ"),
    "paragraphs": _("số đoạn"),
    "paragraph": _("đoạn văn"),
}
