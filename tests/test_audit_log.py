"""The audit trail (nhật ký thay đổi): what ``record`` writes, what ``history_for`` returns, and
that an audit row lives and dies with the change it describes."""

from __future__ import annotations

import datetime
import decimal
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from audit.log import diff, history_for, record, snapshot
from audit.models import AuditEntry
from documents.models import Document
from orgunits import actions as unit_actions
from orgunits.models import OrgUnit


@pytest.mark.django_db
class TestRecord:
    def test_writes_actor_verb_target_and_plain_changes(self, demo: Any) -> None:
        monitor = demo.user("monitor")
        unit = demo.unit("DB-phuong-1")
        parent = demo.unit("TU-DL")

        entry = record(
            monitor,
            "unit.update",
            unit,
            {
                "name": ["Cũ", "Mới"],
                # Values that JSON cannot hold are stored as text, models as their display text.
                "valid_from": datetime.date(2025, 7, 1),
                "share": decimal.Decimal("12.50"),
                "parent": parent,
                "codes": ("a", "b"),
            },
            note="Quyết định 123/QĐ-UBND",
        )

        stored = AuditEntry.objects.get(pk=entry.pk)
        assert stored.actor == monitor
        assert stored.action == "unit.update"
        assert stored.target_type == ContentType.objects.get_for_model(OrgUnit)
        assert stored.target_id == str(unit.pk)
        assert stored.target_repr == str(unit)
        assert stored.changes == {
            "name": ["Cũ", "Mới"],
            "valid_from": "2025-07-01",
            "share": "12.50",
            "parent": str(parent),
            "codes": ["a", "b"],
        }
        assert stored.note == "Quyết định 123/QĐ-UBND"
        assert stored.created_at is not None

    @pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["system", "anonymous"])
    def test_without_a_signed_in_user_the_actor_is_empty(
        self, demo: Any, actor: AnonymousUser | None
    ) -> None:
        unit = demo.unit("DB-phuong-1")
        entry = record(actor, "unit.update", unit)
        stored = AuditEntry.objects.get(pk=entry.pk)
        assert stored.actor is None
        assert stored.changes == {}

    def test_the_display_text_is_cut_to_its_column(self, demo: Any) -> None:
        # Not saved: no column of ours holds a name this long, but a model's __str__ may.
        doc = Document(kind="khac", number_symbol="1/" + "X" * 400, title="T")
        entry = record(demo.user("monitor"), "document.update", doc)
        assert len(str(doc)) > 300
        assert entry.target_repr == str(doc)[:300]


@pytest.mark.django_db
def test_history_lists_only_the_target_newest_first(demo: Any) -> None:
    monitor = demo.user("monitor")
    ward, other = demo.unit("DB-phuong-1"), demo.unit("DB-phuong-2")
    first = record(monitor, "unit.update", ward, {"name": ["A", "B"]})
    record(monitor, "unit.update", other, {"name": ["X", "Y"]})
    second = record(None, "unit.merge", ward)

    history = list(history_for(ward))

    assert [e.pk for e in history][:2] == [second.pk, first.pk]
    assert {e.target_id for e in history} == {str(ward.pk)}
    # A document with the same primary-key text would not mix in: the type is part of the key.
    assert all(e.target_type.model == "orgunit" for e in history)


def test_snapshot_and_diff_keep_only_what_changed() -> None:
    unit = OrgUnit(name="Đảng bộ Phường 1", short_name="P1", code="P1")
    before = snapshot(unit, ["name", "short_name", "code"])
    unit.name = "Đảng bộ phường Xuân Hương"
    after = snapshot(unit, ["name", "short_name", "code"])
    assert diff(before, after) == {"name": ["Đảng bộ Phường 1", "Đảng bộ phường Xuân Hương"]}
    assert diff(after, after) == {}


@pytest.mark.django_db
def test_a_failing_action_leaves_neither_its_change_nor_its_audit_row(demo: Any) -> None:
    """``update_unit`` saves, then writes its audit row, in one transaction: when anything
    after the row fails, the row goes with the change (no trail of a change that never was)."""
    admin = demo.user("admin")
    unit = demo.unit("DB-phuong-3")
    name = unit.name
    entries = AuditEntry.objects.count()

    def record_then_fail(*args: Any, **kwargs: Any) -> AuditEntry:
        entry = record(*args, **kwargs)
        assert AuditEntry.objects.filter(pk=entry.pk).exists()  # written inside the action
        raise RuntimeError("mất kết nối")

    with (
        mock.patch.object(unit_actions, "record", record_then_fail),
        pytest.raises(RuntimeError),
    ):
        unit_actions.update_unit(admin, OrgUnit.objects.get(pk=unit.pk), name="Tên mới")

    assert AuditEntry.objects.count() == entries
    assert OrgUnit.objects.get(pk=unit.pk).name == name

    # The same call without the failure keeps both.
    unit_actions.update_unit(admin, OrgUnit.objects.get(pk=unit.pk), name="Tên mới")
    latest = history_for(unit).first()
    assert latest is not None
    assert (latest.actor, latest.action) == (admin, "unit.update")
    assert latest.changes == {"name": [name, "Tên mới"]}


@pytest.mark.django_db
class TestAdmin:
    """The trail is read in the admin (and on each object's page), never written there."""

    URL = "/admin/audit/auditentry/"

    def test_the_list_shows_time_actor_verb_and_target(self, as_persona: Any, demo: Any) -> None:
        unit = demo.unit("DB-phuong-1")
        record(demo.user("monitor"), "unit.update", unit, {"name": ["A", "B"]})

        response = as_persona("admin").get(self.URL, {"q": str(unit.pk)})

        assert response.status_code == 200
        rows = list(response.context["cl"].result_list)
        assert rows and all(row.target_repr == str(unit) for row in rows)
        body = response.content.decode()
        assert "unit.update" in body
        assert str(unit) in body
        assert str(demo.user("monitor")) in body

    def test_no_one_can_add_change_or_delete_entries(self, as_persona: Any, demo: Any) -> None:
        entry = record(demo.user("monitor"), "unit.update", demo.unit("DB-phuong-1"))
        client = as_persona("admin")

        assert client.get(f"{self.URL}add/").status_code == 403
        # The superuser may look at an entry, but the page offers nothing to save…
        page = client.get(f"{self.URL}{entry.pk}/change/")
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        # …and a forged post changes nothing.
        assert client.post(f"{self.URL}{entry.pk}/change/", {"action": "x"}).status_code == 403
        assert client.post(f"{self.URL}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
        entry.refresh_from_db()
        assert entry.action == "unit.update"

    def test_a_monitor_without_staff_rights_is_sent_to_sign_in(self, as_persona: Any) -> None:
        response = as_persona("monitor").get(self.URL)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
