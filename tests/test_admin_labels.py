"""The admin lists its sections under translated names, not Python app labels (issue 16)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings


def _sections(client: Any) -> list[str]:
    html = client.get("/admin/").content.decode()
    return re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", html)


@pytest.mark.django_db
def test_admin_sections_are_named_in_vietnamese(as_persona: Any) -> None:
    sections = _sections(as_persona("admin"))
    assert len(sections) >= 10
    for expected in (
        "Kế hoạch, nhiệm vụ",
        "Báo cáo định kỳ",
        "Đơn vị, tổ chức",
        "Chặn đăng nhập sai nhiều lần",
    ):
        assert expected in sections
    for raw in (
        "Plans",
        "Reporting",
        "Orgunits",
        "Auth Token",
        "Tasks Database Backend",
        "Audit",
        "Axes",
        "TOTP Devices",
    ):
        assert raw not in sections


@pytest.mark.django_db
def test_admin_sections_are_named_in_english_when_switched(as_persona: Any) -> None:
    client = as_persona("admin")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sections = _sections(client)
    assert "Plans and tasks" in sections and "Periodic reports" in sections
    assert "Kế hoạch, nhiệm vụ" not in sections
