"""Text fields have sensible lengths (issue 11, class 9): a pasted megabyte in a free-text box
is refused with the field's message on pages and in the API, and nothing is stored."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.params import LONG_TEXT_MAX
from plans.tests.test_views import _task_form

pytestmark = pytest.mark.django_db
HUGE = "x" * (LONG_TEXT_MAX + 1)


def test_a_form_page_refuses_an_absurdly_long_text(as_persona: Any, demo: Any) -> None:
    from plans.models import Task

    client = as_persona("monitor")
    response = client.post(
        f"/plans/{demo.seed_plan.pk}/tasks/new/", _task_form(demo, description=HUGE)
    )
    assert response.status_code in (200, 400)
    assert str(LONG_TEXT_MAX) in response.content.decode().replace(".", "").replace(",", "")
    assert not Task.objects.filter(code="II.6.c").exists()


def test_the_api_refuses_an_absurdly_long_text_and_an_absurd_year(
    as_persona: Any, demo: Any
) -> None:
    from plans.models import Task

    client = as_persona("monitor")
    base = {
        "plan": str(demo.seed_plan.pk),
        "title": "T",
        "lead_units": [str(demo.unit("PKT-DL").pk)],
    }
    for extra in ({"description": HUGE}, {"start_year": 10000}, {"end_year": -1}):
        response = client.post(
            "/api/tasks/", json.dumps({**base, **extra}), content_type="application/json"
        )
        assert response.status_code == 400, extra
        assert next(iter(extra)) in response.json()
    assert not Task.objects.filter(title="T").exists()
