"""Manual "đôn đốc", the reminder log and the panels on reporting's pages, seen by each persona."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEntry
from notifications.models import Notification
from reminders import actions
from reminders.models import ReminderKind, ReminderLog


@pytest.mark.django_db
class TestManualReminder:
    def test_the_monitoring_officer_reminds_a_unit_with_a_message(
        self, as_persona: Any, timeline: Any
    ) -> None:
        client = as_persona("monitor")
        url = f"/notifications/remind/{timeline.ward.pk}/"
        page = client.get(url)
        assert page.status_code == 200 and "Gửi đôn đốc" in page.content.decode()
        response = client.post(url, {"message": "Đề nghị Phường 1 nộp báo cáo trước thứ Sáu."})
        assert response.status_code == 302
        log = ReminderLog.objects.get(unit_report=timeline.ward, kind=ReminderKind.MANUAL)
        assert log.sent_by is not None and log.sent_by.username == "theodoi"
        assert log.message == "Đề nghị Phường 1 nộp báo cáo trước thứ Sáu."
        assert {u.username for u in log.recipients.all()} == {"donvi", "donvi_lanhdao"}
        assert Notification.objects.filter(
            recipient__username="donvi", body__contains="trước thứ Sáu"
        ).exists()
        assert AuditEntry.objects.filter(
            action="notifications.remind", target_id=str(timeline.ward.pk)
        ).exists()

    def test_a_plan_manager_reminds_units_of_their_plan_only(
        self, as_persona: Any, timeline: Any
    ) -> None:
        client = as_persona("manager")
        assert client.post(f"/notifications/remind/{timeline.city.pk}/", {}).status_code == 302
        log = ReminderLog.objects.get(unit_report=timeline.city)
        assert [u.username for u in log.recipients.all()] == ["pkt_baocao"]
        assert "Đề nghị Phòng Kinh tế" in log.message  # the default text
        assert client.post(f"/notifications/remind/{timeline.ward.pk}/", {}).status_code == 404

    @pytest.mark.parametrize("persona", ["reporter", "outsider", "supervisor"])
    def test_others_get_404(self, as_persona: Any, timeline: Any, persona: str) -> None:
        client = as_persona(persona)
        for url in (
            f"/notifications/remind/{timeline.ward.pk}/",
            f"/notifications/remind/{timeline.outsider.pk}/",
            f"/notifications/remind/round/{timeline.round.pk}/",
        ):
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"message": "x"}).status_code == 404, url
        assert not ReminderLog.objects.exists()

    def test_a_submitted_report_is_not_reminded(self, as_persona: Any, timeline: Any) -> None:
        client = as_persona("monitor")
        page = client.get(f"/notifications/remind/{timeline.submitted.pk}/").content.decode()
        assert "không cần đôn đốc" in page and "Gửi đôn đốc" not in page
        response = client.post(f"/notifications/remind/{timeline.submitted.pk}/", {})
        assert "không cần đôn đốc" in response.content.decode()
        assert not ReminderLog.objects.filter(unit_report=timeline.submitted).exists()

    def test_the_whole_round_is_reminded_at_once(self, as_persona: Any, timeline: Any) -> None:
        client = as_persona("monitor")
        url = f"/notifications/remind/round/{timeline.round.pk}/"
        page = client.get(url).content.decode()
        assert "Đảng bộ Phường 1" in page and "Ban Tuyên giáo Thành ủy Đà Lạt" not in page
        response = client.post(url, {"message": "Hạn chót là thứ Sáu."})
        assert response.status_code == 302
        logs = ReminderLog.objects.filter(kind=ReminderKind.MANUAL)
        assert {log.unit_report_id for log in logs} == {timeline.ward.pk, timeline.outsider.pk}
        assert AuditEntry.objects.filter(action="notifications.remind_round").count() == 1


@pytest.mark.django_db
class TestReminderLog:
    def test_each_sees_only_reminders_of_their_units(self, as_persona: Any, timeline: Any) -> None:
        actions.send_reminders(timeline.day(0))
        monitor = as_persona("monitor").get("/notifications/reminders/").content.decode()
        assert "Đảng bộ Phường 1" in monitor and "Trung tâm Y tế khu vực Bảo Lộc" in monitor
        reporter = as_persona("reporter").get("/notifications/reminders/").content.decode()
        assert "Đảng bộ Phường 1" in reporter
        assert "Trung tâm Y tế khu vực Bảo Lộc" not in reporter
        outsider = as_persona("outsider").get("/notifications/reminders/").content.decode()
        assert "Trung tâm Y tế khu vực Bảo Lộc" in outsider
        assert "Đảng bộ Phường 1" not in outsider
        # Filtering by another unit's report does not open it either.
        filtered = as_persona("outsider").get(
            f"/notifications/reminders/?report={timeline.ward.pk}"
        )
        assert filtered.content.decode().count('data-testid="reminder-row"') == 0

    def test_the_log_filters_by_kind_and_report(self, as_persona: Any, timeline: Any) -> None:
        for offset in (-1, 0, 1, 7):
            actions.send_reminders(timeline.day(offset))
        client = as_persona("monitor")
        body = client.get(
            f"/notifications/reminders/?report={timeline.ward.pk}&kind=escalation"
        ).content.decode()
        assert body.count('data-testid="reminder-row"') == 1
        body = client.get(
            f"/notifications/reminders/?round={timeline.round.pk}&day_from=14/03/2033"
            "&day_to=15/03/2033"
        ).content.decode()
        assert body.count('data-testid="reminder-row"') == 4  # 2 reports × (before, due)

    def test_the_log_page_does_not_query_per_row(
        self, as_persona: Any, timeline: Any, django_assert_max_num_queries: Any
    ) -> None:
        for offset in range(-7, 10):
            actions.send_reminders(timeline.day(offset))
        assert ReminderLog.objects.count() > 20
        client = as_persona("monitor")
        with django_assert_max_num_queries(15):
            response = client.get("/notifications/reminders/")
        assert response.content.decode().count('data-testid="reminder-row"') > 20


@pytest.mark.django_db
def test_the_report_panel_offers_the_button_only_to_those_who_may_remind(
    demo: Any, timeline: Any, rf: Any
) -> None:
    from django.template import Context, Template

    actions.send_reminders(timeline.day(0))
    template = Template('{% load core_panels %}{% panels "reporting.report_detail" %}')
    for persona, can in (("monitor", True), ("reporter", False)):
        request = rf.get("/")
        request.user = demo.user(persona)
        html = template.render(Context({"request": request, "report": timeline.ward}))
        assert "1 lượt đôn đốc; gần nhất 15/03/2033 (Nhắc đúng hạn)." in html
        assert (f"/notifications/remind/{timeline.ward.pk}/" in html) is can


@pytest.mark.django_db
def test_the_round_button_shows_only_to_those_who_may_remind(
    demo: Any, timeline: Any, rf: Any
) -> None:
    from django.template import Context, Template

    template = Template('{% load core_panels %}{% panels "reporting.round_detail" %}')
    for persona, can in (("monitor", True), ("reporter", False), ("outsider", False)):
        request = rf.get("/")
        request.user = demo.user(persona)
        html = template.render(Context({"request": request, "object": timeline.round}))
        assert (f"/notifications/remind/round/{timeline.round.pk}/" in html) is can


@pytest.mark.django_db
def test_reportings_pages_carry_the_panels(as_persona: Any, timeline: Any) -> None:
    """Reporting names only the slots; the reminders app fills them."""
    client = as_persona("monitor")
    round_page = client.get(f"/reporting/rounds/{timeline.round.pk}/").content.decode()
    assert f"/notifications/remind/round/{timeline.round.pk}/" in round_page
    report_page = client.get(f"/reporting/reports/{timeline.ward.pk}/").content.decode()
    assert 'data-testid="report-reminders"' in report_page
    assert f"/notifications/remind/{timeline.ward.pk}/" in report_page
    inbox = client.get("/notifications/").content.decode()
    assert "/notifications/reminders/" in inbox
