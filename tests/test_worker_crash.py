"""A worker killed with SIGKILL in the middle of the reminder run (issue 11, class 8): a second
worker takes the job over once the lease expired and finishes it. Every recipient gets exactly
one delivery (one notification, one e-mail), none is lost, none doubled.

Real processes against a copy of the committed test database (the demo) — a file copy on
SQLite, a pg_dump copy in a new database on PostgreSQL (the same tests run in both suites): the
first ``khcn_worker --once`` pauses after a few deliveries (the TEST_PAUSE_AFTER_DELIVERIES
hook) and is killed there; the second is a plain ``khcn_worker --once``. A second test starts
two workers at once on one database and checks that nothing is sent twice."""

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


class Copy:
    """A copy of the committed test database (the demo) that real worker processes use: the
    SQLite backup API's file, or on PostgreSQL a new database filled by pg_dump | psql."""

    def __init__(self, tmp_path: Path) -> None:
        self.name = ""
        if connection.vendor == "sqlite":
            self.path = tmp_path / "db.sqlite3"
            source = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
            target = sqlite3.connect(self.path)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
            self.url = f"sqlite:///{self.path}"
            return
        from core.backup import pg_tool

        conf = connection.settings_dict
        self.server = {k: conf[k.upper()] for k in ("host", "port", "user", "password")}
        self.name = f"khcn_crash_{os.getpid()}_{tmp_path.name}"[:60]
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')
        env = {**os.environ, "PGHOST": str(conf["HOST"]), "PGPORT": str(conf["PORT"])}
        env["PGUSER"] = str(conf["USER"])
        if conf.get("PASSWORD"):
            env["PGPASSWORD"] = str(conf["PASSWORD"])
        dump = subprocess.Popen(  # noqa: S603 - the server's own tools, fixed arguments
            [pg_tool("pg_dump"), "--no-owner", "--no-privileges", "-d", str(conf["NAME"])],
            env=env,
            stdout=subprocess.PIPE,
        )
        load = subprocess.run(  # noqa: S603
            [pg_tool("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", self.name],
            env=env,
            stdin=dump.stdout,
            capture_output=True,
            check=False,
        )
        assert dump.wait(timeout=300) == 0 and load.returncode == 0, load.stderr[-2000:]
        password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
        self.url = f"postgres://{conf['USER']}{password}@{conf['HOST']}:{conf['PORT']}/{self.name}"

    def _conninfo(self, dbname: str) -> str:
        from psycopg.conninfo import make_conninfo

        pairs = {k: str(v) for k, v in self.server.items() if v}
        return make_conninfo(dbname=dbname, **pairs)

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self._conninfo("postgres"), autocommit=True) as db:
            for statement in statements:
                db.execute(statement)  # type: ignore[arg-type]

    def count(self, table: str, where: str = "") -> int:
        sql = f"SELECT count(*) FROM {table} {where}"  # noqa: S608 - the tests' own text
        if not self.name:
            db = sqlite3.connect(self.path, timeout=30)
            try:
                return int(db.execute(sql).fetchone()[0])
            finally:
                db.close()
        import psycopg

        with psycopg.connect(self._conninfo(self.name)) as pg:
            row = pg.execute(sql).fetchone()  # type: ignore[arg-type]
            assert row is not None
            return int(row[0])

    def drop(self) -> None:
        if self.name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def copy(demo: Any, tmp_path: Path) -> Any:
    made = Copy(tmp_path)
    yield made
    made.drop()


def _env(copy: Copy, mail_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": copy.url,
        "KHCN_ENV": "test",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "TASK_LEASE_SECONDS": str(LEASE_SECONDS),
        "TASK_HEARTBEAT_SECONDS": "1",
        "REMINDER_DAYS_BEFORE": "7,1",
    }
    env.pop("KHCN_TEST_PAUSE_AFTER_DELIVERIES", None)
    return env


def _mail_keys(mail_dir: Path) -> list[str]:
    """The X-Idempotency-Key of every e-mail the file backend wrote (one per send)."""
    keys = []
    for path in mail_dir.glob("*.log"):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                keys.append(str(email.message_from_bytes(chunk.strip())["X-Idempotency-Key"]))
    return keys


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(copy: Copy, tmp_path: Path) -> None:
    def _deliveries() -> int:
        # The reminders' copies (notifications.dispatch keys "reminders.reminder:<log>").
        return copy.count(
            "notifications_delivery",
            "WHERE dispatch_id IN (SELECT id FROM notifications_dispatch "
            "WHERE key LIKE 'reminders.reminder:%')",
        )

    mail_dir = tmp_path / "mail"
    env = _env(copy, mail_dir)
    before = _deliveries()  # the demo's replayed reminders
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
            if _deliveries() - before >= PAUSE_AFTER or first.poll() is not None:
                break
            time.sleep(0.5)
        assert first.poll() is None, "the first worker ended instead of pausing"
        assert _deliveries() - before == PAUSE_AFTER
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
    keys = _mail_keys(mail_dir)
    ours = [key for key in keys if key in set(done["outbox_keys"])]
    assert sorted(ours) == sorted(done["outbox_keys"])


def test_two_workers_at_once_send_nothing_twice(copy: Copy, tmp_path: Path) -> None:
    """Two real workers started together on one database (issue 11, point 11): the reminder
    job queued three times, an IP expiry notice queued twice, invitations waiting in the
    outbox. Everyone is reached once, every e-mail leaves once."""
    mail_dir = tmp_path / "mail"
    env = _env(copy, mail_dir)
    setup = _run(env, "setup_pair")
    workers = [
        subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            [sys.executable, "manage.py", "khcn_worker", "--once", "--worker-id", name],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    try:
        errors = [worker.communicate(timeout=600)[1] for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=30)
    for worker, error in zip(workers, errors, strict=True):
        assert worker.returncode == 0, error[-3000:]

    done = _run(env, "check", setup["task"], setup["since"], setup["round"])
    assert done["tasks_unfinished"] == 0  # every queued copy of every job ran to the end
    assert done["wanted"] > 20 and done["same"] and done["delivered"] == done["wanted"]
    assert done["notifications"] == done["wanted"] and done["doubled_notifications"] == 0
    assert done["dispatches"] >= 1 and done["dispatch_wanted"] >= 2
    assert done["dispatch_delivered"] == done["dispatch_wanted"]  # each person once
    assert done["dispatch_told"] == done["dispatch_wanted"]  # one notification each
    assert done["invitations"] == 3 and done["all_outbox_unsent"] == 0
    keys = _mail_keys(mail_dir)
    ours = sorted(key for key in keys if key in set(done["all_outbox_keys"]))
    assert ours == sorted(done["all_outbox_keys"])  # every e-mail sent, none twice
    assert len(ours) == len(set(ours))
