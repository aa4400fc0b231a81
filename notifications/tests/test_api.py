from __future__ import annotations

from typing import Any

import pytest

from notifications import actions


@pytest.mark.django_db
class TestNotificationApi:
    def test_each_reads_and_marks_only_their_own(self, as_persona: Any, demo: Any) -> None:
        mine = actions.notify(demo.user("reporter"), title="Thông báo qua API")[0]
        reporter = as_persona("reporter")
        rows = reporter.get("/api/notifications/?unread=true").json()["results"]
        assert [r["title"] for r in rows] == ["Thông báo qua API"]
        for persona in ("outsider", "monitor"):
            client = as_persona(persona)
            assert client.get("/api/notifications/").json()["results"] == []
            assert client.post(f"/api/notifications/{mine.pk}/read/").status_code == 404
        response = reporter.post(f"/api/notifications/{mine.pk}/read/")
        assert response.status_code == 200 and response.json()["is_read"] is True
        assert reporter.get("/api/notifications/?unread=true").json()["results"] == []

    def test_a_notification_carries_its_topic(self, as_persona: Any, demo: Any) -> None:
        unit = demo.unit("DB-phuong-1")
        actions.notify(demo.user("reporter"), title="Về đơn vị", about=unit)
        actions.notify(demo.user("reporter"), title="Chung")
        topic = f"orgunits.orgunit:{unit.pk}"
        rows = as_persona("reporter").get(f"/api/notifications/?topic={topic}").json()["results"]
        assert [(r["title"], r["topic"]) for r in rows] == [("Về đơn vị", topic)]
