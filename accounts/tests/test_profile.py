from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken


def _issue(client: Any) -> str:
    response = client.post("/accounts/me/token/")
    assert response.status_code == 200
    match = re.search(r'data-testid="api-token">([^<]+)<', response.content.decode())
    assert match
    return match.group(1)


@pytest.mark.django_db
def test_a_user_issues_an_api_token_and_uses_it(as_persona: Any, demo: Any) -> None:
    client = as_persona("reporter")
    key = _issue(client)
    stored = ApiToken.objects.get(user=demo.user("reporter"))
    # Stored hashed: neither the row nor the later profile page holds the key.
    assert key not in stored.digest and key not in client.get("/accounts/me/").content.decode()
    assert stored.prefix in client.get("/accounts/me/").content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    ids = {row["id"] for row in api.get("/api/plans/").json()["results"]}
    assert str(demo.ward_plan.pk) in ids  # the reporter's own unit's draft
    client.post("/accounts/me/token/")
    assert api.get("/api/plans/").status_code == 401  # the old token no longer works


@pytest.mark.django_db
def test_an_expired_token_is_refused(as_persona: Any) -> None:
    key = _issue(as_persona("reporter"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/plans/").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api.get("/api/plans/")
    assert response.status_code == 401 and "hết hạn" in response.json()["detail"]


@pytest.mark.django_db
def test_pages_with_secrets_are_not_stored_by_browsers_or_proxies(as_persona: Any) -> None:
    client = as_persona("monitor")
    for response in (
        client.get("/accounts/me/"),
        client.post("/accounts/me/token/"),
        client.get("/accounts/me/second-factor/"),
    ):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_token_page_needs_sign_in(anonymous: Any) -> None:
    assert anonymous.get("/accounts/me/").status_code == 302
    assert anonymous.post("/accounts/me/token/").status_code == 302
