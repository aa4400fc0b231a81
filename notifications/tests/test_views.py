"""The notification centre, the bell and the e-mail preference, seen by each persona."""

from __future__ import annotations

from typing import Any

import pytest

from notifications import actions
from notifications.models import Notification


@pytest.mark.django_db
class TestNotificationCentre:
    def test_people_see_only_their_own_notifications(self, as_persona: Any, demo: Any) -> None:
        mine = actions.notify(demo.user("reporter"), title="Thông báo riêng cho Phường 1")[0]
        for persona in ("outsider", "monitor"):
            client = as_persona(persona)
            assert (
                "Thông báo riêng cho Phường 1" not in client.get("/notifications/").content.decode()
            )
            assert client.get(f"/notifications/{mine.pk}/open/").status_code == 404
            assert client.post(f"/notifications/{mine.pk}/open/").status_code == 404
        mine.refresh_from_db()
        assert mine.read_at is None
        client = as_persona("reporter")
        assert "Thông báo riêng cho Phường 1" in client.get("/notifications/").content.decode()

    def test_the_bell_counts_unread_and_reading_clears_it(self, as_persona: Any, demo: Any) -> None:
        reporter = demo.user("reporter")
        first, _second = (
            actions.notify(reporter, title="Thông báo 1", link="/plans/")[0],
            actions.notify(reporter, title="Thông báo 2")[0],
        )
        client = as_persona("reporter")
        home = client.get("/").content.decode()
        assert 'data-testid="unread-badge">2<' in home
        response = client.get(f"/notifications/{first.pk}/open/")
        assert response.status_code == 302 and response["Location"] == "/plans/"
        assert 'data-testid="unread-badge">1<' in client.get("/").content.decode()
        client.post("/notifications/read-all/")
        assert 'data-testid="unread-badge"' not in client.get("/").content.decode()
        assert not Notification.objects.filter(recipient=reporter, read_at__isnull=True).exists()
        # The outsider's bell never counted them.
        assert 'data-testid="unread-badge"' not in as_persona("outsider").get("/").content.decode()

    def test_the_list_filters_unread(self, as_persona: Any, demo: Any) -> None:
        reporter = demo.user("reporter")
        read = actions.notify(reporter, title="Thông báo đã xem")[0]
        actions.notify(reporter, title="Thông báo chưa xem")
        actions.mark_read(reporter, read)
        client = as_persona("reporter")
        unread = client.get("/notifications/?state=unread").content.decode()
        assert "Thông báo chưa xem" in unread and "Thông báo đã xem" not in unread
        seen = client.get("/notifications/?state=read").content.decode()
        assert "Thông báo đã xem" in seen and "Thông báo chưa xem" not in seen

    def test_an_outside_link_is_not_followed(self, as_persona: Any, demo: Any) -> None:
        row = actions.notify(demo.user("reporter"), title="x", link="https://evil.example/")[0]
        response = as_persona("reporter").get(f"/notifications/{row.pk}/open/")
        assert response["Location"] == "/notifications/"

    def test_the_preference_is_saved(self, as_persona: Any, demo: Any) -> None:
        client = as_persona("reporter")
        assert (
            "Gửi một thư tổng hợp mỗi ngày"
            in client.get("/notifications/preferences/").content.decode()
        )
        client.post("/notifications/preferences/", {"email_mode": "digest"})
        assert demo.user("reporter").notification_preference.email_mode == "digest"
        response = client.post("/notifications/preferences/", {"email_mode": "weekly"})
        assert response.status_code == 200
        assert demo.user("reporter").notification_preference.email_mode == "digest"
