from __future__ import annotations

from typing import Any

import pytest

from reporting import actions
from reporting.models import UnitReport
from reporting.tests.conftest import client_for, fill

pytestmark = pytest.mark.django_db


def test_the_second_save_on_a_stale_copy_keeps_both_texts(ward_report: UnitReport) -> None:
    first, second = client_for("reporter"), client_for("reporter")
    url = f"/reporting/reports/{ward_report.pk}/"
    stale = fill(ward_report, "Văn bản của người thứ nhất")
    other = fill(ward_report, "Văn bản của người thứ hai")  # opened at the same version
    assert first.post(url, {**stale, "action": "save"}).status_code == 302

    response = second.post(url, {**other, "action": "save"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "vừa được người khác lưu" in body
    # The current text is in the form, the losing text is shown next to it.
    assert "Văn bản của người thứ nhất" in body and "Văn bản của người thứ hai" in body
    assert 'data-testid="conflict-text"' in body

    ward_report.refresh_from_db()
    section = ward_report.task_reports.get()
    assert section.results == "Văn bản của người thứ nhất"  # not overwritten
    conflict = ward_report.revisions.get(is_conflict=True)
    assert conflict.content["sections"][0]["results"] == "Văn bản của người thứ hai"
    assert conflict.author is not None and conflict.author.username == "donvi"
    # The conflict stays reachable: on the revisions list and the report page.
    assert "xung đột" in first.get(f"{url}revisions/").content.decode()
    again = first.get(f"{url}?conflict={conflict.number}").content.decode()
    assert "Văn bản của người thứ hai" in again


def test_the_action_raises_and_changes_nothing(demo: Any, ward_report: UnitReport) -> None:
    reporter = demo.user("reporter")
    section = ward_report.task_reports.get()
    version = ward_report.version
    actions.save_report(
        reporter,
        ward_report,
        expected_version=version,
        sections={str(section.pk): {"results": "A"}},
    )
    stale = UnitReport.objects.get(pk=ward_report.pk)
    with pytest.raises(actions.ReportConflict) as info:
        actions.save_report(
            reporter, stale, expected_version=version, sections={str(section.pk): {"results": "B"}}
        )
    section.refresh_from_db()
    assert section.results == "A"
    assert info.value.revision.is_conflict
    assert info.value.revision.content["sections"][0]["results"] == "B"
