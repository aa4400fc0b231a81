"""A worker killed with SIGKILL in the middle of the reminder run (issue 11, class 8): a second
worker takes the job over once the lease expired and finishes it. Every recipient gets exactly
one delivery (one notification, one e-mail), none is lost, none doubled.

Real processes against a copy of the committed test database (the demo): the first
``khcn_worker --once`` pauses after a few deliveries (the TEST_PAUSE_AFTER_DELIVERIES hook) and
is killed there; the second is a plain ``khcn_worker --once``."""

from __future__ import annotations

import email
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

PAUSE_AFTER = 7
LEASE_SECONDS = 3


def _run(env: dict[str, str], *args: str) -> dict[str, Any]:
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "tests.probes.worker_crash", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _deliveries(path: Path) -> int:
    db = sqlite3.connect(path, timeout=30)
    try:
        return int(db.execute("SELECT count(*) FROM reminders_reminderdelivery").fetchone()[0])
    finally:
        db.close()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs on a file copy of the test DB")
def test_a_worker_killed_mid_run_loses_and_doubles_nothing(demo: Any, tmp_path: Path) -> None:
    copy = tmp_path / "db.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{copy}",
        "KHCN_ENV": "test",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "TASK_LEASE_SECONDS": str(LEASE_SECONDS),
        "TASK_HEARTBEAT_SECONDS": "1",
        "REMINDER_DAYS_BEFORE": "7,1",
    }
    env.pop("KHCN_TEST_PAUSE_AFTER_DELIVERIES", None)
    before = _deliveries(copy)  # the demo's replayed reminders
    setup = _run(env, "setup")

    first = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "manage.py", "khcn_worker", "--once", "--worker-id", "first"],
        cwd=settings.BASE_DIR,
        env={**env, "KHCN_TEST_PAUSE_AFTER_DELIVERIES": str(PAUSE_AFTER)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(600):  # until it has delivered its few and paused (at most 5 minutes)
            if _deliveries(copy) - before >= PAUSE_AFTER or first.poll() is not None:
                break
            time.sleep(0.5)
        assert first.poll() is None, "the first worker ended instead of pausing"
        assert _deliveries(copy) - before == PAUSE_AFTER
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    killed = _run(env, "check", setup["task"], setup["since"], setup["round"])
    assert killed["status"] == "RUNNING" and killed["delivered"] == PAUSE_AFTER

    time.sleep(LEASE_SECONDS + 1)  # the dead worker's lease runs out (nobody renews it)
    second = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "manage.py", "khcn_worker", "--once", "--worker-id", "second"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert second.returncode == 0, second.stderr[-3000:]

    done = _run(env, "check", setup["task"], setup["since"], setup["round"])
    assert done["status"] == "SUCCESSFUL" and done["workers"] == 2  # run again by the second
    assert done["wanted"] > PAUSE_AFTER  # the kill really left people waiting
    assert done["same"] and done["delivered"] == done["wanted"]  # everyone exactly once
    assert done["notifications"] == done["wanted"] and done["doubled_notifications"] == 0
    assert done["outbox"] > 0 and done["outbox_unsent"] == 0
    # Every e-mail went out once, each with its outbox key.
    keys = []
    for path in mail_dir.glob("*.log"):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                keys.append(email.message_from_bytes(chunk.strip())["X-Idempotency-Key"])
    ours = [key for key in keys if key in set(done["outbox_keys"])]
    assert sorted(ours) == sorted(done["outbox_keys"])
