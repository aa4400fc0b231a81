"""Changes after a step has passed: the team and partners, the approved budget, and the linked
documents — through their pages, with the history keeping what was there before."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEntry
from documents.models import Document
from organisations.models import Organisation
from projects.models import AdjustmentKind, Status
from projects.tests.helpers import proposal, walk_to


@pytest.mark.django_db
def test_the_manager_changes_the_team_after_selection(demo: Any, as_persona: Any) -> None:
    project = walk_to(demo, proposal(demo), "contracted")
    client = as_persona("manager")
    page = client.get(f"/projects/{project.pk}/")
    assert f"/projects/{project.pk}/team/" in page.content.decode()
    form = client.get(f"/projects/{project.pk}/team/").content.decode()
    assert "KS. Lê Văn Bình | Thư ký" in form  # the current team, ready to edit
    partner = Organisation.objects.visible_to(demo.user("manager")).order_by("name").first()
    assert partner is not None
    response = client.post(
        f"/projects/{project.pk}/team/",
        {
            "version": project.version,
            "principal_investigator": "PGS.TS. Trần Văn Minh",
            "members": "KS. Lê Văn Bình | Thư ký\nThS. Phạm Thu Hà | Thành viên | Viện Sinh học",
            "partners": [partner.pk],
            "note": "Quyết định 15/QĐ-SKHCN",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.principal_investigator == "PGS.TS. Trần Văn Minh"
    assert sorted(m.name for m in project.members.all()) == [
        "KS. Lê Văn Bình",
        "ThS. Phạm Thu Hà",
    ]
    assert [p.organisation_id for p in project.partners.all()] == [partner.pk]
    entry = AuditEntry.objects.filter(action="project.team", target_id=str(project.pk)).get()
    assert entry.changes["principal_investigator"] == [
        "TS. Nguyễn Thị Hoa",
        "PGS.TS. Trần Văn Minh",
    ]
    history = client.get(f"/projects/{project.pk}/").content.decode()
    assert "Thay đổi chủ nhiệm, thành viên, tổ chức phối hợp" in history


@pytest.mark.django_db
def test_a_bad_member_line_changes_nothing(demo: Any, as_persona: Any) -> None:
    project = walk_to(demo, proposal(demo), "selected")
    response = as_persona("manager").post(
        f"/projects/{project.pk}/team/",
        {"version": project.version, "principal_investigator": "TS. X", "members": " | Thư ký"},
    )
    assert response.status_code == 400 and "Dòng 1: thiếu họ tên" in response.content.decode()
    project.refresh_from_db()
    assert project.principal_investigator == "TS. Nguyễn Thị Hoa"
    assert [m.name for m in project.members.all()] == ["KS. Lê Văn Bình"]


@pytest.mark.django_db
def test_the_team_page_is_closed_outside_its_statuses_and_to_others(
    demo: Any, as_persona: Any
) -> None:
    draft = proposal(demo)
    assert as_persona("manager").get(f"/projects/{draft.pk}/team/").status_code == 404
    running = walk_to(demo, proposal(demo), "in_progress")
    for persona in ("outsider", "reporter", "supervisor"):
        assert as_persona(persona).get(f"/projects/{running.pk}/team/").status_code == 404
        assert as_persona(persona).get(f"/projects/{running.pk}/budget/").status_code == 404


@pytest.mark.django_db
def test_a_budget_change_replaces_the_lines_and_keeps_the_old_ones_in_history(
    demo: Any, as_persona: Any
) -> None:
    project = walk_to(demo, proposal(demo), "in_progress")
    before = sorted((b.year, b.source, b.amount) for b in project.budget_lines.all())
    client = as_persona("manager")
    form = client.get(f"/projects/{project.pk}/budget/").content.decode()
    assert "Ngân sách" in form  # the current lines are offered for editing
    response = client.post(
        f"/projects/{project.pk}/budget/",
        {
            "version": project.version,
            "decision_ref": "21/QĐ-UBND",
            "decided_on": "15/06/2024",
            "budget": "2024 | Ngân sách tỉnh | 300.000.000\n2025 | Ngân sách tỉnh | 150.000.000",
            "description": "Bổ sung nội dung thử nghiệm",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert sorted((b.year, b.amount) for b in project.budget_lines.all()) == [
        (2024, 300_000_000),
        (2025, 150_000_000),
    ]
    assert project.adjustments.filter(kind=AdjustmentKind.BUDGET, decision_ref="21/QĐ-UBND")
    entry = AuditEntry.objects.filter(action="project.budget", target_id=str(project.pk)).latest(
        "created_at"
    )
    assert len(entry.changes["budget"][0]) == len(before)


@pytest.mark.django_db
def test_a_bad_budget_line_changes_nothing(demo: Any, as_persona: Any) -> None:
    project = walk_to(demo, proposal(demo), "contracted")
    before = sorted((b.year, b.source, b.amount) for b in project.budget_lines.all())
    response = as_persona("manager").post(
        f"/projects/{project.pk}/budget/",
        {
            "version": project.version,
            "decision_ref": "21/QĐ-UBND",
            "decided_on": "15/06/2024",
            "budget": "2024 | Ngân sách tỉnh | 300.000.000\n2024 | Ngân sách tỉnh | 1e30",
        },
    )
    assert response.status_code == 400 and "Dòng 2" in response.content.decode()
    project.refresh_from_db()
    assert sorted((b.year, b.source, b.amount) for b in project.budget_lines.all()) == before
    assert not project.adjustments.filter(kind=AdjustmentKind.BUDGET).exists()


@pytest.mark.django_db
def test_documents_are_linked_after_creation_among_visible_ones(demo: Any, as_persona: Any) -> None:
    project = walk_to(demo, proposal(demo), "proposed")
    manager = demo.user("manager")
    visible = Document.objects.visible_to(manager).order_by("pk").first()
    hidden = Document.objects.exclude(
        pk__in=Document.objects.visible_to(manager).values("pk")
    ).first()
    assert visible is not None
    client = as_persona("manager")
    assert (
        client.post(
            f"/projects/{project.pk}/documents/",
            {"version": project.version, "documents": [visible.pk]},
        ).status_code
        == 302
    )
    project.refresh_from_db()
    assert list(project.documents.all()) == [visible]
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert f"/documents/{visible.pk}/" in page
    if hidden is not None:  # a document the manager cannot see is not a valid choice
        response = client.post(
            f"/projects/{project.pk}/documents/",
            {"version": project.version, "documents": [hidden.pk]},
        )
        assert response.status_code == 400
        project.refresh_from_db()
        assert list(project.documents.all()) == [visible]
    assert as_persona("outsider").get(f"/projects/{project.pk}/documents/").status_code == 404


@pytest.mark.django_db
def test_a_cancelled_project_takes_no_more_changes(demo: Any, as_persona: Any) -> None:
    from projects import actions

    project = walk_to(demo, proposal(demo), "proposed")
    actions.cancel_project(
        demo.user("manager"), project, expected_version=project.version, reason="Trùng"
    )
    project.refresh_from_db()
    assert project.status == Status.CANCELLED
    for step in ("team", "budget", "documents"):
        assert as_persona("manager").get(f"/projects/{project.pk}/{step}/").status_code == 404
