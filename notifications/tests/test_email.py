"""E-mail: immediate messages and the daily digest, in Vietnamese, per preference."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.utils import timezone

from notifications import actions
from notifications.models import EmailMode, Notification, NotificationPreference, OutboxEmail

if TYPE_CHECKING:
    from accounts.models import User


def _prefer(user: User, mode: str) -> None:
    NotificationPreference.objects.update_or_create(user=user, defaults={"email_mode": mode})


@pytest.mark.django_db
class TestImmediateEmail:
    def test_a_notification_is_mailed_in_vietnamese(
        self, demo: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        _prefer(demo.user("donvi_lanhdao"), EmailMode.OFF)
        with django_capture_on_commit_callbacks(execute=True):
            actions.notify(
                [demo.user("reporter"), demo.user("donvi_lanhdao")],
                title="Đôn đốc nộp báo cáo sơ kết",
                body="Đề nghị nộp báo cáo sơ kết đúng hạn.",
                link="/plans/",
            )
        assert [m.to for m in mailoutbox] == [["donvi@khcn.example.vn"]]  # the leader opted out
        message = mailoutbox[0]
        assert message.subject == "[KH&CN] Đôn đốc nộp báo cáo sơ kết"
        assert "Kính gửi Lê Thị Mai," in message.body
        assert "Đề nghị nộp báo cáo sơ kết đúng hạn." in message.body
        assert settings.SITE_URL.rstrip("/") + "/plans/" in message.body
        assert "http://" in message.body and "/notifications/preferences/" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and "Xem chi tiết trên hệ thống" in html
        assert Notification.objects.get(recipient=demo.user("reporter")).emailed_at is not None
        # The one who wants no e-mail is marked as done, so no digest picks it up later.
        assert Notification.objects.get(recipient=demo.user("donvi_lanhdao")).emailed_at

    def test_each_notification_is_mailed_once(
        self, demo: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            rows = actions.notify(demo.user("reporter"), title="Có kỳ báo cáo mới")
        assert len(mailoutbox) == 1
        assert actions.send_notification_emails([r.pk for r in rows]) == 0
        assert len(mailoutbox) == 1


@pytest.mark.django_db
class TestDailyDigest:
    def test_the_digest_collects_the_days_notifications_once(
        self, demo: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        reporter = demo.user("reporter")
        _prefer(reporter, EmailMode.DIGEST)
        with django_capture_on_commit_callbacks(execute=True):
            actions.notify(reporter, title="Báo cáo quý III sắp đến hạn")
            actions.notify(reporter, title="Kế hoạch mới được ban hành")
            actions.notify(demo.user("outsider"), title="Thông báo của đơn vị khác")
        # Digest subscribers get nothing immediately; the outsider (immediate) got one mail.
        assert [m.to for m in mailoutbox] == [["ngoai@khcn.example.vn"]]
        mailoutbox.clear()
        today = timezone.localdate()
        counts = actions.send_daily_digests(today)
        assert counts == {"users": 1, "notifications": 2, "retried": 0}
        assert len(mailoutbox) == 1
        digest = mailoutbox[0]
        assert digest.to == ["donvi@khcn.example.vn"]
        assert digest.subject == f"[KH&CN] Tổng hợp thông báo ngày {today:%d/%m/%Y} (2)"
        assert "Báo cáo quý III sắp đến hạn" in digest.body
        assert "Kế hoạch mới được ban hành" in digest.body
        assert "Thông báo của đơn vị khác" not in digest.body
        assert "Kính gửi Lê Thị Mai," in digest.body
        # Running the job again sends nothing more.
        assert actions.send_daily_digests(today) == {"users": 0, "notifications": 0, "retried": 0}
        assert len(mailoutbox) == 1

    def test_the_digest_leaves_tomorrows_notifications_for_tomorrow(
        self, demo: Any, mailoutbox: Any
    ) -> None:
        reporter = demo.user("reporter")
        _prefer(reporter, EmailMode.DIGEST)
        row = actions.notify(reporter, title="Thông báo của ngày mai")[0]
        tomorrow = timezone.now() + datetime.timedelta(days=1)
        Notification.objects.filter(pk=row.pk).update(created_at=tomorrow)
        assert actions.send_daily_digests(timezone.localdate())["notifications"] == 0
        assert actions.send_daily_digests(timezone.localdate(tomorrow))["notifications"] == 1

    def test_no_email_when_the_preference_is_off(
        self, demo: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        reporter = demo.user("reporter")
        _prefer(reporter, EmailMode.OFF)
        with django_capture_on_commit_callbacks(execute=True):
            actions.notify(reporter, title="Không gửi thư")
        assert actions.send_daily_digests(timezone.localdate())["users"] == 0
        assert mailoutbox == []
        assert Notification.objects.filter(recipient=reporter).exists()


@pytest.mark.django_db
def test_an_immediate_email_that_never_went_out_is_retried_by_the_daily_job(
    demo: Any, mailoutbox: Any
) -> None:
    # No on-commit callbacks run here: as if the queued e-mail task had failed.
    row = actions.notify(demo.user("outsider"), title="Thư chưa gửi được")[0]
    assert actions.send_daily_digests()["retried"] == 0  # too recent: the task may still run
    # The e-mail waits in the outbox, committed with the notification.
    assert Notification.objects.get(pk=row.pk).emailed_at is not None
    OutboxEmail.objects.filter(to="ngoai@khcn.example.vn").update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert actions.send_daily_digests()["retried"] == 1
    assert [m.subject for m in mailoutbox] == ["[KH&CN] Thư chưa gửi được"]
    assert actions.send_daily_digests()["retried"] == 0
