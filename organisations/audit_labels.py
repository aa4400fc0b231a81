"""Labels for this app's audit actions in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "organisation.create": _("Thêm tổ chức"),
    "organisation.update": _("Sửa tổ chức"),
    "organisation.fund.create": _("Thêm quỹ phát triển KH&CN theo năm"),
    "organisation.fund.update": _("Sửa quỹ phát triển KH&CN theo năm"),
}
FIELDS: dict[str, str] = {}
