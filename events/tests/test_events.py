"""The events registry: constraints, scoping, search, month calendar, iCalendar feed, counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from events import actions
from events.counts import SOURCES
from events.ical import calendar_text
from events.models import Event, EventKind
from indicators import computed
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date


def new_event(demo, persona="manager", **extra):
    fields = {
        "kind": EventKind.DISSEMINATION,
        "title": "Phổ biến kỹ thuật ghép cà phê chè",
        "owner_unit": demo.unit("UBND-DL"),
        "organiser_name": "Trạm Khuyến nông Đà Lạt",
        "starts_on": D(2024, 9, 12),
        "ends_on": D(2024, 9, 12),
        "place": "Xuân Trường",
        "participants": 45,
    }
    fields.update(extra)
    return actions.create_event(demo.user(persona), **fields)


def test_event_constraints_and_audit(demo):
    with pytest.raises(ActionError):
        new_event(demo, ends_on=D(2024, 9, 1))  # ends before it starts
    with pytest.raises(ActionError):
        new_event(demo, organiser_name="")  # nobody organised it
    with pytest.raises(ActionError):
        new_event(demo, participants=5_000_000)
    event = new_event(
        demo, participant_organisations=[Organisation.objects.get(tax_code="5805556667")]
    )
    assert AuditEntry.objects.filter(action="event.create", target_id=str(event.pk)).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_on=D(2020, 1, 1))


def test_only_the_owning_unit_and_the_office_edit(demo):
    event = new_event(demo)
    with pytest.raises(NotAllowed):
        actions.update_event(demo.user("reporter"), event, expected_version=1, title="x")
    with pytest.raises(NotAllowed):
        new_event(demo, persona="outsider")
    actions.update_event(demo.user("monitor"), event, expected_version=event.version, title="Y")


def test_bad_date_in_the_form_changes_nothing(demo, as_persona):
    before = Event.objects.count()
    city = demo.unit("UBND-DL")
    response = as_persona("manager").post(
        reverse("events:create"),
        {"kind": "workshop", "title": "Hội thảo nấm dược liệu", "owner_unit": city.pk,
         "organiser_name": "Viện", "starts_on": "32/13/2024", "ends_on": "01/01/2024",
         "place": "Đà Lạt", "participants": "10"},
    )  # fmt: skip
    assert response.status_code == 400
    assert Event.objects.count() == before
    ok = as_persona("manager").post(
        reverse("events:create"),
        {"kind": "workshop", "title": "Hội thảo nấm dược liệu", "owner_unit": city.pk,
         "organiser_name": "Viện", "starts_on": "05/03/2025", "ends_on": "06/03/2025",
         "place": "Đà Lạt", "participants": "1.200", "is_published": "on"},
    )  # fmt: skip
    assert ok.status_code == 302, ok.content.decode()[:2000]
    assert Event.objects.get(title="Hội thảo nấm dược liệu").participants == 1200


def test_unpublished_event_is_hidden_and_absent_from_the_feed(demo, as_persona, anonymous):
    event = new_event(demo, is_published=False, title="Họp nội bộ chuẩn bị Techmart")
    assert (
        as_persona("outsider").get(reverse("events:detail", kwargs={"pk": event.pk})).status_code
        == 404
    )
    feed = anonymous.get(reverse("events:feed"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert "Họp nội bộ chuẩn bị Techmart" not in feed.content.decode()


def test_ical_text_is_escaped_folded_and_all_day(demo):
    event = new_event(demo, title="Hội thảo; rau, hoa\nvà cà phê " + "dài " * 30,
                      ends_on=D(2024, 9, 13))  # fmt: skip
    text = calendar_text([event], "https://khcn.example")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20240912" in text and "DTEND;VALUE=DATE:20240914" in text
    assert "Hội thảo\\; rau\\, hoa\\nvà" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


@pytest.mark.parametrize("query", ["Techmart thiết bị", "techmart thiet bi", "TÂY NGUYÊN"])
def test_search_with_and_without_diacritics(as_persona, query):
    page = as_persona("outsider").get(reverse("events:list"), {"q": query}).content.decode()
    assert "Techmart thiết bị nông nghiệp vùng Tây Nguyên" in page


def test_month_calendar_places_events_on_their_days(as_persona):
    page = as_persona("outsider").get(reverse("events:calendar"), {"month": "2023-11"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "11/2023" in body and body.count('title="Techmart thiết bị nông nghiệp') == 3  # 2–4 Nov
    assert as_persona("outsider").get(reverse("events:calendar"), {"month": "x"}).status_code == 200


def test_computed_indicators_move_and_drill_down(demo, as_persona):
    city = demo.unit("UBND-DL")
    start, end = D(2024, 1, 1), D(2024, 12, 31)
    before = {c: SOURCES[c].figure(city.path, start, end) for c in SOURCES}
    new_event(demo)
    after = {c: SOURCES[c].figure(city.path, start, end) for c in SOURCES}
    assert after["events.count"] == before["events.count"] + 1
    assert after["events.dissemination"] == before["events.dissemination"] + 1
    assert after["events.participants"] == before["events.participants"] + 45
    assert (
        after["events.dissemination.participants"]
        == before["events.dissemination.participants"] + 45
    )
    assert after["events.fairs"] == before["events.fairs"]
    assert computed.figure("events.count", city, start, end) == after["events.count"]
    page = as_persona("monitor").get(computed.drilldown("events.dissemination", city, start, end))
    body = page.content.decode()
    assert "Phổ biến kỹ thuật ghép cà phê chè" in body
    assert "Tập huấn quy trình VietGAP cho rau ăn lá" in body
    assert "Techmart" not in body
