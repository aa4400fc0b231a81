"""Optional second factor (TOTP) for the monitoring office and administrators, and sign-in
lockout (django-axes) per account and per address."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo_passwords import DEMO_PASSWORDS
from audit.log import history_for
from conftest import PERSONAS

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _post_login(client: Client, persona: str, password: str | None = None, **meta: Any) -> Any:
    username = PERSONAS[persona]
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password or DEMO_PASSWORDS[username]},
        **meta,
    )


def _enrol(client: Client, user: Any) -> TOTPDevice:
    page = client.get("/accounts/me/second-factor/").content.decode()
    assert 'data-testid="otp-qr"><svg' in page  # QR drawn on the server, inline SVG
    secret = re.search(r'data-testid="otp-secret">([A-Z2-7]+)<', page)
    assert secret
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/accounts/me/second-factor/", {"code": "000000"})
    assert "không đúng" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    # A wrong guess slows the next try down (django-otp throttling); let this one through.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    device.refresh_from_db()
    assert client.post("/accounts/me/second-factor/", {"code": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_the_monitor_turns_on_the_second_factor_and_sign_in_asks_for_the_code(demo: Any) -> None:
    monitor = demo.user("monitor")
    signed_in = Client()
    assert _post_login(signed_in, "monitor").status_code == 302
    device = _enrol(signed_in, monitor)
    assert history_for(monitor).filter(action="otp.enable").exists()

    # Password alone no longer signs in: the next page asks for the code.
    browser = Client()
    response = _post_login(browser, "monitor")
    assert response["Location"] == "/accounts/login/verify/"
    assert browser.get("/accounts/me/").status_code == 302  # not signed in yet
    bad = browser.post("/accounts/login/verify/", {"code": "123456"})
    assert bad.status_code == 200 and "không đúng" in bad.content.decode()
    assert browser.get("/accounts/me/").status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, last_t=-1)
    device.refresh_from_db()
    ok = browser.post("/accounts/login/verify/", {"code": _code(device)})
    assert ok.status_code == 302
    assert browser.get("/accounts/me/").status_code == 200


def test_a_reporter_has_no_second_factor_page_and_signs_in_with_a_password(demo: Any) -> None:
    client = Client()
    assert _post_login(client, "reporter")["Location"] == "/"
    assert client.get("/accounts/me/second-factor/").status_code == 404
    assert "second-factor" not in client.get("/accounts/me/").content.decode()


def test_the_second_step_expires_and_cannot_be_skipped(demo: Any, anonymous: Client) -> None:
    assert anonymous.get("/accounts/login/verify/")["Location"] == "/accounts/login/"
    assert anonymous.post("/accounts/login/verify/", {"code": "1"}).status_code == 302


def test_the_admin_signs_in_through_the_same_page() -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_the_account_even_with_the_right_one(demo: Any) -> None:
    for _ in range(3):
        response = _post_login(Client(), "reporter", password="sai-mat-khau")
        assert response.status_code in (200, 429)
    locked = _post_login(Client(), "reporter", REMOTE_ADDR="10.9.9.9")
    assert locked.status_code == 429
    assert "Tạm khoá đăng nhập" in locked.content.decode()
    # Another account from another address is not affected.
    assert _post_login(Client(), "manager", REMOTE_ADDR="10.8.8.8").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_from_one_address_lock_that_address(demo: Any) -> None:
    for name in ("no-such-1", "no-such-2", "no-such-3"):
        Client().post(
            "/accounts/login/", {"username": name, "password": "x"}, REMOTE_ADDR="10.7.7.7"
        )
    blocked = _post_login(Client(), "manager", REMOTE_ADDR="10.7.7.7")
    assert blocked.status_code == 429
    assert _post_login(Client(), "manager", REMOTE_ADDR="10.6.6.6").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, BEHIND_PROXY=True)
def test_behind_the_proxy_the_client_address_counts_not_the_proxys(demo: Any) -> None:
    for name in ("no-such-1", "no-such-2", "no-such-3"):
        Client().post(
            "/accounts/login/",
            {"username": name, "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="10.5.5.5",
        )
    other = _post_login(Client(), "manager", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.4.4.4")
    assert other.status_code == 302
