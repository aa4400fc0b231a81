"""Errors raised by actions; views turn them into 404s, form errors or clear messages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class ActionError(Exception):
    """A write was refused; ``message`` is shown to the user as is (translated)."""

    def __init__(self, message: Any = None) -> None:
        self.message = str(message or _("Thao tác không thực hiện được."))
        super().__init__(self.message)


class NotAllowed(ActionError):
    """The user may not do this. Views answer 404, the same as for a missing object."""


class EditConflict(ActionError):
    """Someone saved the object after this user opened it; nothing was overwritten."""

    def __init__(self, message: Any = None) -> None:
        super().__init__(
            message
            or _(
                "Nội dung này vừa được người khác cập nhật sau khi bạn mở. Thay đổi của bạn "
                "chưa được lưu; hãy tải lại trang để xem bản mới rồi nhập lại."
            )
        )
