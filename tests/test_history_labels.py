"""The change history reads as words: action names, field names and values in Vietnamese (or
English when switched), never stored keys like ``is_published: True`` or
``notifications.remind_round`` (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from audit.labels import action_label, describe_changes, is_labelled
from audit.log import record
from plans.models import Plan, PlanStatus
from reporting.models import ReportStatus, UnitReport

ROOT = Path(settings.BASE_DIR)


def _history_html(client: Any, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('data-testid="history"')
    return html[start : html.index("</table>", start)]


@pytest.mark.django_db
def test_plan_history_shows_labels_not_keys(demo: Any, as_persona: Any) -> None:
    from plans.actions import activate_plan

    plan = demo.ward_plan
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT, is_published=False)
    plan.refresh_from_db()
    activate_plan(demo.user("monitor"), plan, publish=True)
    html = _history_html(as_persona("monitor"), f"/plans/{plan.pk}/")
    assert "Đưa kế hoạch vào thực hiện" in html
    assert "Công khai</strong>: Không → Có" in html
    assert f"Trạng thái</strong>: {PlanStatus.DRAFT.label} → {PlanStatus.ACTIVE.label}" in html
    for key in ("plan.activate", "is_published", "True", "False", ">active<", ": active"):
        assert key not in html, key


@pytest.mark.django_db
def test_report_history_labels_sections_and_statuses(demo: Any, as_persona: Any) -> None:
    # An accepted report, so its text (and the save entries) is readable by the office. Report
    # keys are UUIDs: "the first by pk" is a different round in every database.
    report = (
        UnitReport.objects.filter(unit__code="DB-phuong-1", status=ReportStatus.ACCEPTED)
        .order_by("round__period_start")
        .first()
    )
    assert report is not None
    section = report.task_reports.select_related("task").first()
    assert section is not None
    changes = {
        f"{section.task.code}.progress": [10, 40],
        "status": [ReportStatus.DRAFT, ReportStatus.SUBMITTED],
    }
    record(demo.user("reporter"), "report.save", report, changes)
    units = {"units": [None, ["A", "B"]]}
    record(demo.user("monitor"), "notifications.remind_round", report, units)
    html = _history_html(as_persona("monitor"), f"/reporting/reports/{report.pk}/")
    assert "Lưu báo cáo" in html
    assert f"{section.task.code} — Tiến độ (%)</strong>: 10 → 40" in html
    assert f"{ReportStatus.DRAFT.label} → {ReportStatus.SUBMITTED.label}" in html
    assert "Đôn đốc các đơn vị chưa nộp báo cáo của kỳ" in html
    assert "A, B" in html
    for key in ("report.save", "notifications.remind_round", ".progress", "submitted"):
        assert key not in html, key


@pytest.mark.django_db
def test_dates_and_unknown_actions_still_read_as_words(demo: Any) -> None:
    from orgunits.models import OrgUnit

    rows = describe_changes(OrgUnit, {"valid_to": [None, "2025-06-30"], "kind": ["ward", "other"]})
    assert (rows[0].label, rows[0].before, rows[0].after) == ("Hiệu lực đến", "—", "30/06/2025")
    assert rows[1].after == "Khác"
    # An action nobody labelled (a new app's) reads as a verb and the object's kind.
    assert action_label("orgunits.something.update", OrgUnit) == "Cập nhật: đơn vị"


def test_english_labels_when_switched() -> None:
    with translation.override("en"):
        assert action_label("report.submit") == "Submit the report"
        assert describe_changes(Plan, {"is_published": [False, True]})[0].after == "Yes"


def test_every_recorded_action_has_a_label() -> None:
    """Each literal action key passed to audit.log.record in the code has a human label."""
    pattern = re.compile(r"record\(\s*\w+,\s*\"([a-z_.]+)\"", re.S)
    keys: set[str] = set()
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "node_modules" in path.parts:
            continue
        keys.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(keys) > 30
    missing = sorted(key for key in keys if not is_labelled(key))
    assert not missing, missing
