"""Headers and limits of a public service: Content-Security-Policy, Permissions-Policy, API
rate limits and who may read the API description."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from accounts.tokens import issue_token

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def test_pages_carry_a_strict_csp_and_a_permissions_policy(as_persona: Any) -> None:
    response = as_persona("monitor").get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src-attr")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]


def test_no_template_has_inline_scripts_or_event_handlers() -> None:
    """The CSP refuses them: a page that relied on one would silently stop working."""
    offenders = []
    listed = subprocess.run(
        ["git", "ls-files", "*.html"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert listed
    for name in listed:
        path = ROOT / name
        if "templates" not in path.parts or "email" in path.parts:
            continue  # e-mails are not pages: mail clients need inline styles
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{path}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path}: event-handler attribute")
        if "<style" in text:
            offenders.append(f"{path}: <style> element")
    assert offenders == []


@override_settings(API_DOCS_PUBLIC=False)
def test_the_api_description_is_for_signed_in_users_when_not_public(
    anonymous: Client, as_persona: Any
) -> None:
    assert anonymous.get("/api/schema/").status_code == 401
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    client = as_persona("reporter")
    assert client.get("/api/schema/").status_code == 200
    page = client.get("/api/docs/")
    assert page.status_code == 200 and b"<script>" not in page.content


def test_the_api_is_rate_limited_per_user(demo: Any, monkeypatch: Any) -> None:
    classes: Any = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert "rest_framework.throttling.UserRateThrottle" in classes
    assert api_settings.DEFAULT_THROTTLE_RATES["user"]
    cache.clear()
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/min", "anon": "3/min"})
    api = APIClient()
    _token, key = issue_token(demo.user("reporter"))
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    codes = [api.get("/api/plans/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # Another user has their own allowance.
    other = APIClient()
    _t, other_key = issue_token(demo.user("manager"))
    other.credentials(HTTP_AUTHORIZATION=f"Token {other_key}")
    assert other.get("/api/plans/").status_code == 200
    cache.clear()


def test_the_cache_is_shared_between_app_nodes() -> None:
    """Rate-limit counters must be seen by every gunicorn process: a database table by default."""
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
