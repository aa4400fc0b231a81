from __future__ import annotations

from typing import Any

import pytest

from reminders import actions


@pytest.mark.django_db
def test_reminder_logs_follow_the_reports_units(as_persona: Any, timeline: Any) -> None:
    actions.send_reminders(timeline.day(0))
    outsider = as_persona("outsider").get("/api/reminder-logs/?page_size=100").json()
    assert {r["unit"] for r in outsider["results"]} == {"Trung tâm Y tế khu vực Bảo Lộc"}
    monitor = as_persona("monitor").get("/api/reminder-logs/?page_size=100").json()
    assert {"Đảng bộ Phường 1", "Trung tâm Y tế khu vực Bảo Lộc"} <= {
        r["unit"] for r in monitor["results"]
    }


@pytest.mark.django_db
def test_a_reminders_notification_names_its_report_as_topic(as_persona: Any, timeline: Any) -> None:
    actions.send_reminders(timeline.day(0))
    rows = as_persona("reporter").get("/api/notifications/").json()["results"]
    assert [r["topic"] for r in rows] == [f"reporting.unitreport:{timeline.ward.pk}"]
    assert rows[0]["link"] == f"/reporting/reports/{timeline.ward.pk}/"
    filtered = as_persona("reporter").get(
        f"/api/notifications/?topic=reporting.unitreport:{timeline.outsider.pk}"
    )
    assert filtered.json()["results"] == []
