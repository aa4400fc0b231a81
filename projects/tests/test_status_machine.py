"""The status machine: every move is named, ordered and recorded; acceptance is never skipped."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from audit.models import AuditEntry
from core.errors import ActionError, EditConflict
from projects import actions
from projects.models import TRANSITIONS, Project, Status
from projects.tests.helpers import D, council, proposal, walk_to


def test_only_a_project_in_progress_can_be_accepted_and_cancelled_is_final() -> None:
    into_accepted = {s for s, targets in TRANSITIONS.items() if Status.ACCEPTED in targets}
    assert into_accepted == {Status.IN_PROGRESS}
    assert TRANSITIONS[Status.CANCELLED] == frozenset()
    assert set(TRANSITIONS) == set(Status.values)  # every status has its row
    # Nothing reaches "registered" but an accepted project.
    assert {s for s, t in TRANSITIONS.items() if Status.REGISTERED in t} == {Status.ACCEPTED}


@pytest.mark.django_db
def test_the_whole_life_leaves_a_timeline_and_audit_rows(demo: Any) -> None:
    project = walk_to(demo, proposal(demo), "registered")
    assert project.status == Status.REGISTERED and project.is_published
    moves = list(
        project.status_changes.order_by("created_at").values_list("to_status", flat=True)
    )
    assert moves == [
        "draft",
        "proposed",
        "listed",
        "selected",
        "contracted",
        "in_progress",
        "accepted",
        "registered",
    ]
    actions_done = set(
        AuditEntry.objects.filter(target_id=str(project.pk)).values_list("action", flat=True)
    )
    assert {
        "project.create",
        "project.submit",
        "project.select",
        "project.contract",
        "project.accept",
        "project.register",
    } <= actions_done
    assert project.councils.count() == 2
    assert sum(b.amount for b in project.budget_lines.all()) == 350_000_000


@pytest.mark.django_db
@pytest.mark.parametrize("stop", ["proposed", "listed", "selected", "contracted"])
def test_acceptance_cannot_be_skipped(demo: Any, stop: str) -> None:
    project = walk_to(demo, proposal(demo), stop)
    with pytest.raises(ActionError, match="Không thể chuyển"):
        actions.accept_project(
            demo.user("manager"),
            project,
            expected_version=project.version,
            accepted_on=D(2025, 1, 1),
            rating="kha",
            products_delivered="x",
            council=council(D(2025, 1, 1)),
        )
    project.refresh_from_db()
    assert project.status == stop and project.rating == ""


@pytest.mark.django_db
def test_a_cancelled_project_cannot_be_accepted_nor_resumed(demo: Any) -> None:
    manager = demo.user("manager")
    project = walk_to(demo, proposal(demo), "in_progress")
    project = actions.cancel_project(
        manager, project, expected_version=project.version, reason="Chủ nhiệm chuyển công tác"
    )
    for step in (
        lambda p: actions.accept_project(
            manager,
            p,
            expected_version=p.version,
            accepted_on=D(2025, 1, 1),
            rating="dat",
            products_delivered="",
            council=council(D(2025, 1, 1)),
        ),
        lambda p: actions.resume_project(manager, p, expected_version=p.version),
    ):
        with pytest.raises(ActionError):
            step(project)
        project.refresh_from_db()
        assert project.status == Status.CANCELLED


@pytest.mark.django_db
def test_cancelling_needs_a_reason_and_selection_by_call_needs_a_council(demo: Any) -> None:
    manager = demo.user("manager")
    project = walk_to(demo, proposal(demo), "listed")
    with pytest.raises(ActionError, match="lý do"):
        actions.cancel_project(manager, project, expected_version=project.version, reason="  ")
    project.refresh_from_db()
    with pytest.raises(ActionError, match="hội đồng"):
        actions.select_project(
            manager,
            project,
            expected_version=project.version,
            method="call",
            host=project.proposer,
            principal_investigator="TS. X",
        )
    project.refresh_from_db()
    assert project.status == Status.LISTED


@pytest.mark.django_db
def test_a_failed_acceptance_ends_the_project(demo: Any) -> None:
    project = walk_to(demo, proposal(demo), "in_progress")
    project = actions.accept_project(
        demo.user("manager"),
        project,
        expected_version=project.version,
        accepted_on=D(2025, 6, 1),
        rating="khong_dat",
        products_delivered="Thiếu mô hình",
        council=council(D(2025, 6, 1)),
    )
    assert project.status == Status.FAILED
    assert TRANSITIONS[Status.FAILED] == frozenset()


@pytest.mark.django_db
def test_a_stale_copy_is_refused_and_changes_nothing(demo: Any) -> None:
    project = walk_to(demo, proposal(demo), "proposed")
    stale = project.version
    actions.list_project(demo.user("manager"), project, expected_version=stale, list_year=2024)
    old = Project.objects.get(pk=project.pk)
    old.version = stale
    with pytest.raises(EditConflict):
        actions.cancel_project(demo.user("manager"), old, expected_version=stale, reason="trùng")
    assert Project.objects.get(pk=project.pk).status == Status.LISTED


@pytest.mark.django_db
def test_absurd_dates_and_amounts_are_refused(demo: Any) -> None:
    from projects.actions import Budget

    project = walk_to(demo, proposal(demo), "selected")
    manager = demo.user("manager")
    with pytest.raises(ActionError, match="không hợp lệ"):
        actions.sign_contract(
            manager,
            project,
            expected_version=project.version,
            contract_number="1/HĐ",
            signed_on=D(1890, 1, 1),
            start_date=D(2024, 1, 1),
            end_date=D(2025, 1, 1),
        )
    project.refresh_from_db()
    with pytest.raises(ActionError, match="100.000 tỷ"):
        actions.sign_contract(
            manager,
            project,
            expected_version=project.version,
            contract_number="1/HĐ",
            signed_on=D(2024, 1, 1),
            start_date=D(2024, 1, 1),
            end_date=D(2025, 1, 1),
            budget=[Budget("state_province", 2024, -5)],
        )
    project.refresh_from_db()
    assert project.status == Status.SELECTED and project.budget_lines.count() == 0


@pytest.mark.django_db
def test_the_database_refuses_an_accepted_project_without_rating(demo: Any) -> None:
    project = walk_to(demo, proposal(demo), "in_progress")
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(status=Status.ACCEPTED)
