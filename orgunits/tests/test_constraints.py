"""The registry guards itself: the database refuses bad rows whoever writes them, and the forms
and actions refuse them first with a Vietnamese message."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from core.errors import ActionError
from orgunits import actions
from orgunits.models import OrgUnit, SuccessionKind, UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2026, 1, 1)
DEC_31 = datetime.date(2025, 12, 31)


def refused(write: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_a_unit_cannot_end_before_it_starts() -> None:
    refused(
        lambda: OrgUnit.objects.create(
            name="Đơn vị thử", code="T-1", kind=UnitKind.OTHER, valid_from=JAN_1, valid_to=DEC_31
        )
    )
    # Open bounds and a one-day validity are fine.
    OrgUnit.objects.create(name="A", code="T-2", kind=UnitKind.OTHER, valid_to=DEC_31)
    OrgUnit.objects.create(name="B", code="T-3", kind=UnitKind.OTHER, valid_from=JAN_1)
    OrgUnit.objects.create(
        name="C", code="T-4", kind=UnitKind.OTHER, valid_from=JAN_1, valid_to=JAN_1
    )


def test_an_update_behind_the_model_is_refused_too(demo: Any) -> None:
    unit = demo.unit("DB-phuong-1")
    OrgUnit.objects.filter(pk=unit.pk).update(valid_from=JAN_1, valid_to=None)
    refused(lambda: OrgUnit.objects.filter(pk=unit.pk).update(valid_to=DEC_31))


def test_two_units_cannot_share_a_path(demo: Any) -> None:
    first, second = demo.unit("DB-phuong-1"), demo.unit("UBND-DL")
    refused(lambda: OrgUnit.objects.filter(pk=second.pk).update(path=first.path))


def test_a_unit_cannot_succeed_itself(demo: Any) -> None:
    unit = demo.unit("DB-phuong-1")
    refused(
        lambda: UnitSuccession.objects.create(
            predecessor=unit, successor=unit, kind=SuccessionKind.RENAME, effective_date=JAN_1
        )
    )


def test_a_model_form_shows_the_constraint_message() -> None:
    """What the admin's form (a plain ModelForm of the model) says for an end before the start."""
    form_class = modelform_factory(
        OrgUnit, fields=["name", "code", "kind", "valid_from", "valid_to"]
    )
    form = form_class(
        data={
            "name": "Đơn vị thử",
            "code": "T-5",
            "kind": UnitKind.OTHER,
            "valid_from": "01/01/2026",
            "valid_to": "31/12/2025",
        }
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["Ngày kết thúc hiệu lực phải sau ngày bắt đầu."]


def test_a_succession_before_the_unit_began_is_refused_with_a_message(demo: Any) -> None:
    monitor = demo.user("monitor")
    predecessor = actions.create_unit(
        monitor, name="Ban mới thành lập", code="T-6", kind=UnitKind.OTHER, valid_from=JAN_1
    )
    successor = demo.unit("UBND-DL")
    with pytest.raises(ActionError) as refusal:
        actions.record_succession(
            monitor,
            predecessor,
            [successor],
            kind=SuccessionKind.MERGE,
            effective_date=JAN_1,
        )
    assert refusal.value.message == (
        "Ngày kế thừa phải sau ngày Ban mới thành lập bắt đầu hiệu lực (01/01/2026)."
    )
    predecessor.refresh_from_db()
    assert predecessor.valid_to is None
    assert not UnitSuccession.objects.filter(predecessor=predecessor).exists()
    # The day after it began is the earliest possible: it then existed for one day.
    actions.record_succession(
        monitor,
        predecessor,
        [successor],
        kind=SuccessionKind.MERGE,
        effective_date=JAN_1 + datetime.timedelta(days=1),
    )
    predecessor.refresh_from_db()
    assert predecessor.valid_to == JAN_1
