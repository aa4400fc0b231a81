"""Reminders reach people by e-mail through the inbox, per their preference."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.models import EmailMode, Notification, NotificationPreference
from reminders import actions


@pytest.mark.django_db
def test_a_manual_reminder_is_mailed_in_vietnamese(
    demo: Any, timeline: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    NotificationPreference.objects.update_or_create(
        user=demo.user("donvi_lanhdao"), defaults={"email_mode": EmailMode.OFF}
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.remind_manually(
            demo.user("monitor"), timeline.ward, "Đề nghị nộp báo cáo sơ kết đúng hạn."
        )
    assert [m.to for m in mailoutbox] == [["donvi@khcn.example.vn"]]  # the leader opted out
    message = mailoutbox[0]
    assert message.subject == "[KH&CN] Đôn đốc nộp báo cáo Sơ kết thử nghiệm 2033"
    assert "Kính gửi Lê Thị Mai," in message.body
    assert "Đề nghị nộp báo cáo sơ kết đúng hạn." in message.body
    assert "http://" in message.body and "/notifications/preferences/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Xem chi tiết trên hệ thống" in html
    assert Notification.objects.get(recipient=demo.user("donvi")).emailed_at is not None


@pytest.mark.django_db
def test_the_automatic_job_mails_the_due_day_reminder(
    demo: Any, timeline: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_reminders(timeline.day(-7))
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects["donvi@khcn.example.vn"] == (
        "[KH&CN] Nhắc hạn nộp báo cáo Sơ kết thử nghiệm 2033: còn 7 ngày"
    )
    assert "15/03/2033" in next(m.body for m in mailoutbox if m.to == ["ngoai@khcn.example.vn"])
