"""Labels for this app's audit actions and recorded names in the change history (audit.labels)."""

from django.utils.translation import gettext_lazy as _

# Values are recorded under the indicator's code (mã chỉ tiêu), which is what readers know.
ACTIONS = {
    "indicators.target": _("Đặt mục tiêu chỉ tiêu"),
    "indicators.enter": _("Nhập số liệu chỉ tiêu"),
    "indicators.import": _("Nhập số liệu chỉ tiêu từ tệp Excel"),
    "indicators.definition": _("Sửa tính chất thời gian, loại đơn vị áp dụng của chỉ tiêu"),
}
