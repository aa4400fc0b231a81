"""Supply–demand sessions: connections and one-to-one meetings linked to the events registry."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import ActionError
from events import actions as event_actions
from events.counts import SOURCES
from events.models import Event, EventKind
from market import actions
from market.models import Connection, ConnectionStatus, Meeting, Need, Offer

pytestmark = pytest.mark.django_db
D = datetime.date


def _event(demo, kind=EventKind.CONNECTION, **extra):
    fields = {
        "kind": kind, "title": "Phiên kết nối công nghệ sau thu hoạch 2025",
        "owner_unit": demo.unit("UBND-DL"), "organiser_name": "Sở KH&CN",
        "starts_on": D(2025, 5, 14), "ends_on": D(2025, 5, 15), "place": "Đà Lạt",
        "participants": 120,
    }  # fmt: skip
    fields.update(extra)
    return event_actions.create_event(demo.user("manager"), **fields)


def _connection(demo):
    need = actions.create_listing(
        demo.user("reporter"), Need, owner_unit=demo.unit("DB-phuong-1"), publish=True,
        title="Giữ rau tươi lâu", description="Rau héo sau một đêm chờ xe", requester_name="HTX",
        field="bảo quản sau thu hoạch",
    )  # fmt: skip
    assert isinstance(need, Need)
    offer = Offer.objects.get(external_id="off-115")
    return actions.request_connection(demo.user("reporter"), need, offer, share_contact=True)


def test_introduction_at_a_session_shows_on_the_event_page(demo, as_persona):
    event = _event(demo)
    c = _connection(demo)
    actions.introduce(demo.user("monitor"), c, expected_version=c.version, event=event)
    c.refresh_from_db()
    assert c.status == ConnectionStatus.INTRODUCED and c.event == event
    entry = AuditEntry.objects.get(action="market.connection.introduced", target_id=str(c.pk))
    assert entry.changes["event"] == [None, event.title]
    actions.record_meeting(
        demo.user("monitor"), c, expected_version=c.version,
        held_on=D(2025, 5, 15), starts_at=datetime.time(9, 30), event=event, place="Bàn 3",
        notes="Làm thử kho lạnh mini",
    )  # fmt: skip
    url = reverse("events:detail", kwargs={"pk": event.pk})
    for persona in ("monitor", "reporter"):
        body = as_persona(persona).get(url).content.decode()
        assert "Kết nối cung – cầu tại sự kiện" in body
        assert "Giữ rau tươi lâu" in body and "09:30" in body and "Làm thử kho lạnh mini" in body
    # Another unit's user sees the published event, but not the connections of others.
    body = as_persona("outsider").get(url).content.decode()
    assert "Kết nối cung – cầu tại sự kiện" in body and "Giữ rau tươi lâu" not in body
    page = as_persona("reporter").get(reverse("market:connection", kwargs={"pk": c.pk}))
    assert event.title in page.content.decode()
    page = as_persona("monitor").get(reverse("market:connection", kwargs={"pk": c.pk}))
    body = page.content.decode()
    assert page.status_code == 200 and "Sự kiện nơi giới thiệu hai bên" in body
    assert f'<option value="{event.pk}" selected>' in body  # the broker's forms offer the session


def test_only_session_kinds_may_be_linked(demo, as_persona):
    conference = _event(demo, kind=EventKind.CONFERENCE, title="Hội nghị tổng kết")
    c = _connection(demo)
    with pytest.raises(ActionError):
        actions.introduce(demo.user("monitor"), c, expected_version=c.version, event=conference)
    c.refresh_from_db()
    assert c.status == ConnectionStatus.REQUESTED and c.event is None
    step = reverse("market:connection_step", kwargs={"pk": c.pk, "step": "event"})
    response = as_persona("monitor").post(step, {"version": c.version, "event": conference.pk})
    c.refresh_from_db()
    assert c.event is None  # not offered by the form: refused, nothing written
    assert not AuditEntry.objects.filter(action="market.connection.event", target_id=str(c.pk))
    session = _event(demo)
    response = as_persona("monitor").post(step, {"version": c.version, "event": session.pk})
    c.refresh_from_db()
    assert response.status_code == 302 and c.event == session
    assert AuditEntry.objects.filter(action="market.connection.event", target_id=str(c.pk)).exists()
    # Not a broker: refused as not found.
    assert as_persona("outsider").post(step, {"version": c.version, "event": ""}).status_code == 404
    assert as_persona("reporter").post(step, {"version": c.version, "event": ""}).status_code == 404
    c.refresh_from_db()
    assert c.event == session


def test_a_session_meeting_must_fall_within_the_event(demo):
    event = _event(demo)
    c = _connection(demo)
    actions.introduce(demo.user("monitor"), c, expected_version=c.version)
    c.refresh_from_db()
    with pytest.raises(ActionError):
        actions.record_meeting(
            demo.user("monitor"), c, expected_version=c.version, held_on=D(2025, 6, 1),
            event=event,
        )  # fmt: skip
    c.refresh_from_db()
    assert c.status == ConnectionStatus.INTRODUCED and not Meeting.objects.filter(connection=c)


def test_event_indicators_are_unchanged_by_linked_connections(demo):
    city = demo.unit("UBND-DL")
    start, end = D(2025, 1, 1), D(2025, 12, 31)
    event = _event(demo)
    before = {code: SOURCES[code].figure(city.path, start, end) for code in SOURCES}
    for _n in range(2):
        c = _connection(demo)
        actions.introduce(demo.user("monitor"), c, expected_version=c.version, event=event)
        c.refresh_from_db()
        actions.record_meeting(
            demo.user("monitor"), c, expected_version=c.version, held_on=D(2025, 5, 14),
            event=event,
        )  # fmt: skip
        Connection.objects.filter(pk=c.pk).update(status=ConnectionStatus.NO_DEAL)
    after = {code: SOURCES[code].figure(city.path, start, end) for code in SOURCES}
    assert after == before
    assert after["events.fairs"] >= 1 and after["events.participants"] >= 120


def test_demo_session_lists_its_connection(demo, as_persona):
    event = Event.objects.filter(kind=EventKind.CONNECTION).order_by("starts_on").first()
    assert event is not None and event.market_connections.exists()
    body = as_persona("monitor").get(reverse("events:detail", kwargs={"pk": event.pk}))
    assert "Lịch gặp một – một" in body.content.decode()
