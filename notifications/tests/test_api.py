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

    def test_reminder_logs_follow_the_reports_units(self, as_persona: Any, timeline: Any) -> None:
        actions.send_reminders(timeline.day(0))
        outsider = as_persona("outsider").get("/api/reminder-logs/?page_size=100").json()
        assert {r["unit"] for r in outsider["results"]} == {"Trung tâm Y tế khu vực Bảo Lộc"}
        monitor = as_persona("monitor").get("/api/reminder-logs/?page_size=100").json()
        assert {"Đảng bộ Phường 1", "Trung tâm Y tế khu vực Bảo Lộc"} <= {
            r["unit"] for r in monitor["results"]
        }
