"""Account writes: the API token and memberships, each audited, refusals in Vietnamese, and
the affected user's rights changed at once (their cached scope is dropped)."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.actions import (
    change_membership_role,
    end_membership,
    grant_membership,
    may_manage_members,
    rotate_api_token,
)
from accounts.models import ApiToken, Membership, Role
from accounts.tokens import digest_of
from audit.log import history_for
from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from core.scoping import scope_for

pytestmark = pytest.mark.django_db


def test_rotating_the_token_replaces_it_and_is_audited(demo: Any) -> None:
    user = demo.user("reporter")
    _first, first_key = rotate_api_token(user)
    second, second_key = rotate_api_token(user)
    assert first_key != second_key
    assert list(ApiToken.objects.filter(user=user)) == [second]
    assert second_key not in second.digest and second.digest == digest_of(second_key)
    rows = history_for(user).filter(action="token.rotate")
    assert rows.count() == 2 and {r.actor_id for r in rows} == {user.pk}


def test_a_duplicate_active_membership_is_refused_in_vietnamese(demo: Any) -> None:
    reporter = demo.user("reporter")
    before = Membership.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ActionError, match="đã có vai trò") as caught:
        grant_membership(demo.user("monitor"), reporter, demo.unit("DB-phuong-1"), Role.REPORTER)
    assert "Cán bộ báo cáo của đơn vị" in caught.value.message
    assert (Membership.objects.count(), AuditEntry.objects.count()) == before


def test_changing_a_role_is_audited_and_changes_rights(demo: Any) -> None:
    manager = demo.user("manager")
    user = demo.user("outsider")
    unit = demo.unit("PKT-DL")  # below the manager's UBND-DL
    membership = grant_membership(manager, user, unit, Role.VIEWER)
    assert not scope_for(user).has_role_over(unit.path, {Role.REPORTER})
    changed = change_membership_role(manager, membership, Role.REPORTER)
    assert changed.pk == membership.pk and changed.role == Role.REPORTER
    assert scope_for(user).has_role_over(unit.path, {Role.REPORTER})
    entry = history_for(membership).filter(action="membership.change_role").get()
    assert entry.changes == {"role": ["viewer", "reporter"]} and entry.actor == manager


def test_changing_back_to_an_ended_role_revives_that_membership(demo: Any) -> None:
    monitor, user, unit = demo.user("monitor"), demo.user("outsider"), demo.unit("PKT-DL")
    viewer = grant_membership(monitor, user, unit, Role.VIEWER)
    end_membership(monitor, viewer)
    reporter = grant_membership(monitor, user, unit, Role.REPORTER)
    result = change_membership_role(monitor, reporter, Role.VIEWER)
    assert result.pk == viewer.pk and result.is_active
    reporter.refresh_from_db()
    assert not reporter.is_active
    assert Membership.objects.filter(user=user, unit=unit).count() == 2
    assert history_for(reporter).filter(action="membership.end").exists()


def test_an_ended_membership_cannot_be_changed_or_ended_again(demo: Any) -> None:
    monitor = demo.user("monitor")
    membership = grant_membership(monitor, demo.user("outsider"), demo.unit("PKT-DL"), "viewer")
    end_membership(monitor, membership)
    with pytest.raises(ActionError, match="đã kết thúc"):
        end_membership(monitor, membership)
    with pytest.raises(ActionError, match="đã kết thúc"):
        change_membership_role(monitor, membership, Role.REPORTER)


def test_who_may_manage_members(demo: Any) -> None:
    manager, reporter = demo.user("manager"), demo.user("reporter")
    city, office, far = demo.unit("UBND-DL"), demo.unit("PKT-DL"), demo.unit("TTYT-BL")
    assert may_manage_members(demo.user("admin"), far, Role.MONITOR)
    assert may_manage_members(demo.user("monitor"), far, Role.MONITOR)
    # A manager: their unit and what lies below it, never the see-everything role.
    assert may_manage_members(manager, city) and may_manage_members(manager, office)
    assert not may_manage_members(manager, far)
    assert not may_manage_members(manager, office, Role.MONITOR)
    # Reporters, supervisors and outsiders manage nobody.
    assert not may_manage_members(reporter, demo.unit("DB-phuong-1"))
    assert not may_manage_members(demo.user("supervisor"), demo.unit("MTTQ-DL"))


def test_a_manager_cannot_grant_outside_their_subtree_or_escalate(demo: Any) -> None:
    manager, outsider = demo.user("manager"), demo.user("outsider")
    before = Membership.objects.count()
    with pytest.raises(NotAllowed, match="không có quyền"):
        grant_membership(manager, outsider, demo.unit("TTYT-BL"), Role.MANAGER)
    with pytest.raises(NotAllowed):
        grant_membership(manager, outsider, demo.unit("PKT-DL"), Role.MONITOR)
    ward_reporter = Membership.objects.get(user=demo.user("reporter"), is_active=True)
    with pytest.raises(NotAllowed):
        end_membership(demo.user("reporter"), ward_reporter)  # a reporter manages nobody
    assert Membership.objects.count() == before
