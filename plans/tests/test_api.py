from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from rest_framework.test import APIClient

from accounts.tokens import issue_token

if TYPE_CHECKING:
    from accounts.models import User


def api_for(user: User) -> APIClient:
    client = APIClient()
    _token, key = issue_token(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.django_db
class TestTaskApi:
    def test_token_auth_and_create_through_the_action(self, demo: Any) -> None:
        client = api_for(demo.user("monitor"))
        response = client.post(
            "/api/tasks/",
            {
                "plan": str(demo.seed_plan.pk),
                "title": "Xây dựng cơ sở dữ liệu chuyên gia",
                "lead_units": [str(demo.unit("PKT-DL").pk)],
                "milestones": {"2027": "Hoàn thành"},
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["milestones"] == {"2027": "Hoàn thành"}

    def test_the_outsider_gets_404_for_private_tasks_and_plans(self, demo: Any) -> None:
        client = api_for(demo.user("outsider"))
        ward_task = demo.ward_plan.tasks.get()
        assert client.get(f"/api/tasks/{ward_task.pk}/").status_code == 404
        assert client.get(f"/api/plans/{demo.ward_plan.pk}/").status_code == 404
        response = client.post(
            "/api/tasks/",
            {
                "plan": str(demo.ward_plan.pk),
                "title": "X",
                "lead_units": [str(demo.unit("TTYT-BL").pk)],
            },
            format="json",
        )
        assert response.status_code == 400

    def test_a_stale_version_answers_409(self, demo: Any) -> None:
        client = api_for(demo.user("monitor"))
        task = demo.task("II.6.a")
        payload = {
            "title": task.title,
            "lead_units": [str(demo.unit("UBND-DL").pk)],
            "progress": 50,
            "version": task.version,
        }
        assert client.put(f"/api/tasks/{task.pk}/", payload, format="json").status_code == 200
        assert client.put(f"/api/tasks/{task.pk}/", payload, format="json").status_code == 409

    def test_the_schema_is_served(self, demo: Any) -> None:
        client = api_for(demo.user("outsider"))
        response = client.get("/api/schema/")
        assert response.status_code == 200
        assert b"/api/tasks/" in response.content
