"""A membership change is felt at once by the scoping path of every app (here: plans)."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.actions import (
    end_membership,
    grant_membership,
)
from accounts.models import Role
from audit.log import history_for
from core.scoping import scope_for
from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_granted_membership_applies_at_once_and_ending_it_keeps_the_row(demo: Any) -> None:
    outsider, monitor = demo.user("outsider"), demo.user("monitor")
    ward = demo.unit("DB-phuong-1")
    ward_plan = demo.ward_plan
    assert not Plan.objects.visible_to(outsider).filter(pk=ward_plan.pk).exists()  # cached now

    membership = grant_membership(monitor, outsider, ward, Role.REPORTER)
    # The same user object, without reloading: the cached scope was dropped.
    assert ward.path in scope_for(outsider).unit_paths
    assert Plan.objects.visible_to(outsider).filter(pk=ward_plan.pk).exists()
    entry = history_for(membership).get()
    assert entry.action == "membership.grant" and entry.actor == monitor
    assert entry.changes["role"] == [None, "reporter"]

    end_membership(monitor, membership)
    assert not Plan.objects.visible_to(outsider).filter(pk=ward_plan.pk).exists()
    membership.refresh_from_db()
    assert membership.is_active is False  # kept, for the record
    assert history_for(membership).filter(action="membership.end").count() == 1

    again = grant_membership(monitor, outsider, ward, Role.REPORTER)
    assert again.pk == membership.pk and again.is_active  # reactivated, not duplicated
    assert Plan.objects.visible_to(outsider).filter(pk=ward_plan.pk).exists()
