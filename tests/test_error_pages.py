"""The app's own 400/403/404/500 pages: Vietnamese by default, English when switched (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.urls("tests.error_urls")

VIETNAMESE = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền truy cập",
    404: "Không tìm thấy trang",
    500: "Hệ thống gặp lỗi",
}
ENGLISH = {400: "Bad request", 403: "Access denied", 404: "Page not found", 500: "Server error"}
URLS = {
    400: "/test-errors/400/",
    403: "/test-errors/403/",
    404: "/no-such-page/",
    500: "/test-errors/500/",
}


def _client(language: str | None, persona: str | None = None) -> Client:
    from conftest import client_for

    client = client_for(persona) if persona else Client()
    client.raise_request_exception = False
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_speak_vietnamese_by_default(db: Any, status: int) -> None:
    response = _client(None).get(URLS[status])
    assert response.status_code == status
    body = response.content.decode()
    assert VIETNAMESE[status] in body
    assert 'lang="vi"' in body
    assert "Not Found" not in body and "Server Error (500)" not in body  # not Django's own


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_speak_english_when_switched(db: Any, status: int) -> None:
    response = _client("en").get(URLS[status])
    assert response.status_code == status
    body = response.content.decode()
    assert ENGLISH[status] in body
    assert VIETNAMESE[status] not in body
    assert 'lang="en"' in body


def test_a_signed_in_user_keeps_the_menu_on_a_404(db: Any) -> None:
    response = _client(None, "reporter").get("/plans/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    body = response.content.decode()
    assert VIETNAMESE[404] in body
    assert 'data-testid="current-user"' in body  # the page inside the site's layout


def test_api_errors_answer_json(db: Any) -> None:
    response = _client(None).get("/api/test-errors/403/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": VIETNAMESE[403]}


def test_a_refused_csrf_check_gets_the_own_403_page(db: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "tải lại trang" in response.content.decode()
