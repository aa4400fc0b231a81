"""Capabilities (core.permissions) as each persona holds them, over their own and other units."""

from __future__ import annotations

from typing import Any

import pytest

from core.permissions import (
    ACCEPT_REPORT,
    APPROVE_REPORT,
    CAPABILITIES,
    EDIT_PLAN,
    FILE_REPORT,
    MANAGE_UNITS,
    SEE_EVERYTHING,
    SEND_REMINDERS,
    Role,
)
from core.scoping import forget_scope, scope_for


def test_every_capability_is_granted_by_known_roles_and_named_once() -> None:
    codes = [c.code for c in CAPABILITIES]
    assert len(codes) == len(set(codes))
    known = set(Role.values)
    for capability in CAPABILITIES:
        assert capability.all_roles <= known, capability
        assert capability.all_roles or capability.superuser, f"{capability} is held by nobody"


@pytest.mark.django_db
class TestPersonas:
    def test_the_monitoring_office_acts_everywhere(self, demo: Any) -> None:
        scope = scope_for(demo.user("monitor"))
        far_away = demo.unit("TTYT-BL").path  # the outsider's unit, another district
        assert scope.sees_everything and scope.can(SEE_EVERYTHING)
        assert scope.can(EDIT_PLAN, far_away) and scope.can(ACCEPT_REPORT, far_away)
        assert scope.can(MANAGE_UNITS)
        # ...but a unit's report is filed and signed by that unit's own people.
        assert not scope.can(FILE_REPORT, far_away)
        assert not scope.can(APPROVE_REPORT, far_away)

    def test_a_reporter_files_for_its_own_subtree_only(self, demo: Any) -> None:
        scope = scope_for(demo.user("reporter"))
        own = demo.unit("DB-phuong-1").path
        assert scope.can(FILE_REPORT, own)
        assert not scope.can(FILE_REPORT, demo.unit("TTYT-BL").path)
        assert not scope.can(APPROVE_REPORT, own)  # leaders approve
        assert not scope.can(MANAGE_UNITS) and not scope.can(SEND_REMINDERS, own)

    def test_the_supervisor_and_the_anonymous_citizen_only_read(self, demo: Any) -> None:
        from django.contrib.auth.models import AnonymousUser

        from core.permissions import SUPERVISE

        # The Front supervises (its own programmes, recommendations, critiques) and writes
        # nothing of the units; the anonymous citizen holds nothing.
        for user, held in ((demo.user("supervisor"), {SUPERVISE}), (AnonymousUser(), set())):
            scope = scope_for(user)
            assert {c for c in CAPABILITIES if scope.can(c)} == held, user

    def test_the_administrator_holds_what_is_not_a_unit_s_own(self, demo: Any) -> None:
        scope = scope_for(demo.user("admin"))
        assert scope.can(EDIT_PLAN, demo.unit("TTYT-BL").path)
        assert not scope.can(FILE_REPORT, demo.unit("DB-phuong-1").path)

    def test_units_where_q_lists_exactly_the_units_a_capability_reaches(self, demo: Any) -> None:
        from orgunits.models import OrgUnit

        scope = scope_for(demo.user("reporter"))
        units = OrgUnit.objects.filter(scope.units_where_q(FILE_REPORT))
        own = demo.unit("DB-phuong-1")
        assert set(units.values_list("pk", flat=True)) == set(
            OrgUnit.objects.filter(path__startswith=own.path).values_list("pk", flat=True)
        )

    def test_a_new_membership_takes_effect_once_the_scope_is_forgotten(self, demo: Any) -> None:
        from accounts.models import Membership

        user = demo.user("supervisor")
        target = demo.unit("TTYT-BL")
        assert not scope_for(user).can(EDIT_PLAN, target.path)
        Membership.objects.create(user=user, unit=target, role=Role.MANAGER)
        forget_scope(user)
        assert scope_for(user).can(EDIT_PLAN, target.path)
        assert scope_for(user).can(EDIT_PLAN)  # somewhere
