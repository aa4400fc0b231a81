"""Concurrent writes never answer 500 (issue 11, class 7): eight simultaneous saves of one draft
give one save and seven 409s whose text is kept as conflict revisions. SQLite runs with
immediate transactions and a busy timeout (khcn/settings.py), so "database is locked" waits
instead of failing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite lock is what is tested")
def test_eight_simultaneous_saves_of_one_draft(demo: Any, tmp_path: Path) -> None:
    # A copy of the committed test database (the demo), read through a connection of its own:
    # in WAL mode a reader sees the last commit and is not blocked by this test's transaction.
    copy = tmp_path / "db.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{copy}", "KHCN_ENV": "test"}
    result = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "tests.probes.concurrent_saves", "donvi"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    codes = outcome["codes"]
    assert 500 not in codes, result.stderr[-3000:]
    assert codes.count(302) == 1 and codes.count(409) == 7, codes
    # Every losing text is kept (a conflict revision each), none is lost.
    assert len([s for s in outcome["kept"] if s.startswith("Bản của người thứ")]) == 8
