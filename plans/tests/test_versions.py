"""A write must say which version it read: without one it is refused, never a silent overwrite."""

from __future__ import annotations

from typing import Any

import pytest

from core.locking import claim_version
from plans.models import Task
from plans.tests.test_api import api_for
from plans.tests.test_views import _task_form

MISSING = "Thiếu phiên bản"

pytestmark = pytest.mark.django_db


def test_claim_version_has_no_fallback_to_the_stored_version(demo: Any) -> None:
    task = demo.task("II.5.c")
    with pytest.raises(TypeError):
        claim_version(task, None)  # type: ignore[arg-type]
    assert Task.objects.get(pk=task.pk).version == task.version


def test_an_edit_form_without_version_is_refused_in_vietnamese(as_persona: Any, demo: Any) -> None:
    task = demo.task("II.5.c")
    data = _task_form(demo, code="II.5.c", title=task.title, progress="3")
    response = as_persona("monitor").post(f"/plans/tasks/{task.pk}/edit/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert MISSING in body
    assert 'value="3"' in body  # what the user typed is still on the form
    stored = Task.objects.get(pk=task.pk)
    assert (stored.progress, stored.version) == (task.progress, task.version)


def test_a_close_button_without_version_changes_nothing(as_persona: Any, demo: Any) -> None:
    task = demo.task("II.2.c")
    response = as_persona("monitor").post(
        f"/plans/tasks/{task.pk}/close/", {"outcome": "completed", "note": "Xong"}
    )
    assert response.status_code == 200 and MISSING in response.content.decode()
    assert Task.objects.get(pk=task.pk).status == task.status


def test_an_api_update_without_version_answers_400(demo: Any) -> None:
    client = api_for(demo.user("monitor"))
    task = demo.task("II.6.a")
    payload = {"title": task.title, "lead_units": [str(demo.unit("UBND-DL").pk)], "progress": 7}
    response = client.put(f"/api/tasks/{task.pk}/", payload, format="json")
    assert response.status_code == 400
    assert MISSING in response.json()["version"][0]
    response = client.post(f"/api/tasks/{task.pk}/close/", {"note": "x"}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    stored = Task.objects.get(pk=task.pk)
    assert (stored.progress, stored.status, stored.version) == (
        task.progress,
        task.status,
        task.version,
    )


def test_api_action_errors_map_to_404_409_400(demo: Any) -> None:
    task = demo.task("II.6.a")
    body = {"version": task.version, "outcome": "completed", "note": "Xong"}
    # Refused (a reporter cannot close a city task): 404, as for a missing task.
    reporter = api_for(demo.user("reporter"))
    response = reporter.post(f"/api/tasks/{task.pk}/close/", body, format="json")
    assert response.status_code == 404
    monitor = api_for(demo.user("monitor"))
    # Invalid (unknown outcome): 400 with the action's own message.
    bad = monitor.post(f"/api/tasks/{task.pk}/close/", {**body, "outcome": "x"}, format="json")
    assert bad.status_code == 400 and "không hợp lệ" in bad.json()["detail"]
    # Stale (a version someone else has moved past): 409, nothing closed.
    Task.objects.filter(pk=task.pk).update(version=task.version + 1)
    stale = monitor.post(f"/api/tasks/{task.pk}/close/", body, format="json")
    assert stale.status_code == 409
    assert Task.objects.get(pk=task.pk).status == task.status
