from __future__ import annotations

from typing import Any

import pytest

from reporting import actions
from reporting.compare import compare
from reporting.models import ReportStatus, UnitReport
from reporting.tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_compare_lists_field_level_differences() -> None:
    a = {
        "status": "draft",
        "summary": "x",
        "sections": [
            {"id": "1", "task": "II.1", "results": "A", "progress": 10, "status": "in_progress"}
        ],
    }
    b = {
        "status": "submitted",
        "summary": "x",
        "sections": [
            {"id": "1", "task": "II.1", "results": "B", "progress": 10, "status": "completed"}
        ],
    }
    changed = [(r["field"], r["left"], r["right"]) for r in compare(a, b) if r["changed"]]
    assert ("Trạng thái báo cáo", "Đang soạn", "Đã nộp") in [
        (str(f), str(x), str(y)) for f, x, y in changed
    ]
    assert ("Kết quả đạt được", "A", "B") in [(str(f), x, y) for f, x, y in changed]
    assert ("Tình trạng", "Đang thực hiện", "Hoàn thành") in [
        (str(f), str(x), str(y)) for f, x, y in changed
    ]
    assert len(changed) == 3


def test_the_compare_page_shows_two_revisions_side_by_side(
    demo: Any, ward_report: UnitReport
) -> None:
    reporter = demo.user("reporter")
    section = ward_report.task_reports.get()
    actions.save_report(
        reporter,
        ward_report,
        expected_version=ward_report.version,
        sections={str(section.pk): {"results": "Bản đầu"}},
    )
    actions.save_report(
        reporter,
        ward_report,
        expected_version=ward_report.version,
        sections={str(section.pk): {"results": "Bản sau có số liệu"}},
    )
    body = (
        client_for("reporter")
        .get(f"/reporting/reports/{ward_report.pk}/compare/?a=1&b=2")
        .content.decode()
    )
    assert "Bản đầu" in body and "Bản sau có số liệu" in body
    assert body.count('data-testid="changed-row"') == 1


def test_demo_reports_returned_then_resubmitted_keep_every_version(demo: Any) -> None:
    report = (
        UnitReport.objects.filter(status=ReportStatus.ACCEPTED, revisions__action="return")
        .distinct()
        .first()
    )
    assert report is not None
    actions_kept = list(report.revisions.values_list("action", flat=True))
    assert actions_kept[-1] == "accept" and "return" in actions_kept
    first_submit = actions_kept.index("submit") + 1
    last_submit = len(actions_kept) - 1 - actions_kept[::-1].index("submit")
    body = (
        client_for("monitor")
        .get(f"/reporting/reports/{report.pk}/compare/?a={first_submit}&b={last_submit + 1}")
        .content.decode()
    )
    assert 'data-testid="changed-row"' in body
