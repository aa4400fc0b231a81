from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token


@pytest.mark.django_db
def test_a_user_issues_an_api_token_and_uses_it(as_persona: Any, demo: Any) -> None:
    client = as_persona("reporter")
    assert client.post("/accounts/me/token/").status_code == 302
    token = Token.objects.get(user=demo.user("reporter"))
    assert token.key in client.get("/accounts/me/").content.decode()
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    ids = {row["id"] for row in api.get("/api/plans/").json()["results"]}
    assert str(demo.ward_plan.pk) in ids  # the reporter's own unit's draft
    client.post("/accounts/me/token/")
    assert api.get("/api/plans/").status_code == 401  # the old token no longer works


@pytest.mark.django_db
def test_the_token_page_needs_sign_in(anonymous: Any) -> None:
    assert anonymous.get("/accounts/me/").status_code == 302
    assert anonymous.post("/accounts/me/token/").status_code == 302
