from __future__ import annotations

import datetime
from typing import Any

import pytest

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from reporting.actions import issues as actions
from reporting.models import Issue, IssueStatus, TaskReport, UnitReport
from reporting.tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def difficulty(demo: Any) -> TaskReport:
    return TaskReport.objects.filter(
        unit_report__unit__code="DB-phuong-1", unit_report__status="accepted"
    ).exclude(difficulties="").select_related(
        "unit_report__round__plan", "task"
    ).first() or _with_difficulty(demo)


def _with_difficulty(demo: Any) -> TaskReport:
    section = TaskReport.objects.filter(unit_report__unit__code="DB-phuong-1").first()
    assert section is not None
    section.difficulties = "Thiếu kinh phí tổ chức hội nghị"
    section.save()
    return section


def test_the_monitor_promotes_a_difficulty_and_follows_it_to_resolution(
    demo: Any, difficulty: TaskReport
) -> None:
    monitor = client_for("monitor")
    page = monitor.get(f"/reporting/sections/{difficulty.pk}/promote/")
    assert page.status_code == 200
    response = monitor.post(
        f"/reporting/sections/{difficulty.pk}/promote/",
        {
            "title": "Thiếu kinh phí hội nghị quán triệt",
            "owner": demo.unit("PTCKH-DL").pk,
            "severity": "high",
            "due_date": "30/09/2026",
        },
    )
    issue = Issue.objects.get(title="Thiếu kinh phí hội nghị quán triệt")
    assert response.status_code == 302
    assert issue.source == difficulty and issue.raised_by_unit.code == "DB-phuong-1"
    assert issue.due_date == datetime.date(2026, 9, 30) and issue.status == IssueStatus.OPEN

    listing = monitor.get(f"/reporting/issues/?plan={demo.seed_plan.pk}&status=open&severity=high")
    assert "Thiếu kinh phí hội nghị quán triệt" in listing.content.decode()
    # Resolving needs a resolution text.
    edit = f"/reporting/issues/{issue.pk}/edit/"
    data = {
        "title": issue.title,
        "owner": issue.owner_id,
        "severity": "high",
        "status": "resolved",
        "resolution": "",
        "version": issue.version,
    }
    assert "Hãy ghi kết quả xử lý" in monitor.post(edit, data).content.decode()
    monitor.post(edit, {**data, "resolution": "Đã bố trí kinh phí"})
    issue.refresh_from_db()
    assert issue.status == IssueStatus.RESOLVED and issue.resolved_at
    resolved = monitor.get(
        f"/reporting/issues/?status=open&plan={demo.seed_plan.pk}"
    ).content.decode()
    assert "Thiếu kinh phí hội nghị quán triệt" not in resolved
    detail = monitor.get(f"/reporting/issues/{issue.pk}/").content.decode()
    assert 'history-action">Cập nhật vướng mắc' in detail and "Đã bố trí kinh phí" in detail
    assert AuditEntry.objects.filter(target_id=str(issue.pk), action="issue.create").exists()


def test_issue_visibility_and_permissions(demo: Any, difficulty: TaskReport) -> None:
    issue = actions.promote_issue(
        demo.user("monitor"), difficulty, title="Vướng mắc riêng", owner=demo.unit("DB-phuong-1")
    )
    assert client_for("outsider").get(f"/reporting/issues/{issue.pk}/").status_code == 404
    assert (
        "Vướng mắc riêng" not in client_for("outsider").get("/reporting/issues/").content.decode()
    )
    assert client_for("reporter").get(f"/reporting/issues/{issue.pk}/").status_code == 200
    assert issue.can_edit(demo.user("reporter"))  # the owner unit follows it up
    with pytest.raises(NotAllowed):
        actions.promote_issue(
            demo.user("reporter"), difficulty, title="x", owner=demo.unit("DB-phuong-1")
        )
    with pytest.raises(ActionError):
        actions.update_issue(
            demo.user("reporter"), issue, expected_version=issue.version, status="closed"
        )


def test_the_demo_has_recurring_difficulties_and_some_resolved_issues(demo: Any) -> None:
    assert Issue.objects.filter(status=IssueStatus.RESOLVED).exists()
    assert Issue.objects.filter(status__in=[IssueStatus.OPEN, IssueStatus.IN_PROGRESS]).exists()
    funding = TaskReport.objects.filter(
        task__code="II.2.b", difficulties__startswith="Thiếu kinh phí"
    )
    assert funding.values("unit_report__round").distinct().count() >= 5
    assert UnitReport.objects.filter(task_reports__issues__isnull=False).exists()
