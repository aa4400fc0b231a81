"""Production settings refuse development shortcuts; the demo passwords do not work there."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import override_settings

from accounts.demo_passwords import DEMO_PASSWORDS


def _load_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import khcn.settings"],
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_debug_and_demo_secrets() -> None:
    result = _load_settings({"KHCN_ENV": "production", "DEBUG": "1", "DEMO_ACCOUNTS_ENABLED": "1"})
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr
    assert "SECRET_KEY" in result.stderr and "DEMO_ACCOUNTS_ENABLED" in result.stderr


def test_production_starts_with_proper_settings() -> None:
    result = _load_settings({"KHCN_ENV": "production", "SECRET_KEY": "x" * 64})
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_demo_passwords_are_refused_when_demo_accounts_are_off(demo: Any, client: Any) -> None:
    with override_settings(DEMO_ACCOUNTS_ENABLED=False):
        assert not client.login(username="theodoi", password=DEMO_PASSWORDS["theodoi"])
    assert client.login(username="theodoi", password=DEMO_PASSWORDS["theodoi"])


def test_a_served_process_loads_its_views_and_freezes_the_start_up_objects() -> None:
    code = (
        "import gc, sys; import khcn.wsgi; "
        "print(gc.get_freeze_count() > 50000, 'monitoring.views' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "khcn.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
