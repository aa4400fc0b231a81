"""Duplicate warnings of the events registry: a near-identical name on overlapping dates asks
for confirmation; other dates, an unchanged name and hidden matches do not name anything."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.tests.form_data import posted
from events import actions
from events.forms import EventForm
from events.models import Event, EventKind

pytestmark = pytest.mark.django_db
D = datetime.date


def fair(demo, persona="manager", **extra):
    fields = {
        "kind": EventKind.FAIR,
        "title": "Hội chợ Nông sản Công nghệ cao Đà Lạt",
        "owner_unit": demo.unit("UBND-DL"),
        "organiser_name": "Trung tâm Xúc tiến",
        "starts_on": D(2025, 12, 20),
        "ends_on": D(2025, 12, 24),
        "place": "Quảng trường Lâm Viên",
        "participants": 3000,
    }
    fields.update(extra)
    return actions.create_event(demo.user(persona), **fields)


def form_post(demo, **extra):
    data = {
        "kind": "fair", "title": "Hoi cho nong san cong nghe cao Da Lat.",
        "owner_unit": demo.unit("UBND-DL").pk, "organiser_name": "Trung tâm Xúc tiến",
        "starts_on": "22/12/2025", "ends_on": "22/12/2025", "place": "Đà Lạt",
        "participants": "1.000", "is_published": "on",
    }  # fmt: skip
    data.update(extra)
    return data


def test_same_name_on_overlapping_dates_warns_and_confirming_saves(demo, as_persona):
    first = fair(demo)
    client = as_persona("manager")
    before = Event.objects.count()
    warned = client.post(reverse("events:create"), form_post(demo))
    body = warned.content.decode()
    assert warned.status_code == 400 and Event.objects.count() == before
    assert 'data-testid="similar"' in body and first.title in body
    assert "20/12/2025" in body and "tên gần giống, trùng ngày" in body
    # Another year's fair keeps its name: no warning.
    other_year = client.post(
        reverse("events:create"), form_post(demo, starts_on="20/12/2024", ends_on="24/12/2024")
    )
    assert other_year.status_code == 302
    confirmed = client.post(reverse("events:create"), form_post(demo, confirm_duplicate="on"))
    assert confirmed.status_code == 302
    assert Event.objects.count() == before + 2


def test_an_edit_that_keeps_the_name_does_not_warn(demo, as_persona):
    fair(demo)
    twin = fair(demo, title="Hoi cho Nong san Cong nghe cao Da Lat")  # confirmed earlier
    manager = demo.user("manager")
    data = {**posted(EventForm(instance=twin, user=manager)), "version": twin.version}
    url = reverse("events:edit", kwargs={"pk": twin.pk})
    kept = as_persona("manager").post(url, {**data, "participants": "3.500"})
    assert kept.status_code == 302
    twin.refresh_from_db()
    assert twin.participants == 3500


def test_a_hidden_match_is_not_named(demo, as_persona):
    hidden = fair(
        demo,
        persona="monitor",
        title="Hội chợ Dược liệu Bảo Lộc",
        owner_unit=demo.unit("TTYT-BL"),
        is_published=False,
    )
    assert not Event.objects.visible_to(demo.user("manager")).filter(pk=hidden.pk).exists()
    warned = as_persona("manager").post(
        reverse("events:create"), form_post(demo, title="Hoi cho duoc lieu Bao Loc")
    )
    body = warned.content.decode()
    assert warned.status_code == 400 and "bạn không xem được" in body
    assert "Hội chợ Dược liệu Bảo Lộc" not in body and str(hidden.pk) not in body
    assert "20/12/2025" not in body  # nor its dates
