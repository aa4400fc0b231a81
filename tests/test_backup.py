"""Back up, change the data, restore into an empty instance: every table's row count and every
stored file's checksum come back as they were at backup time (SQLite here; the same test runs
on PostgreSQL under scripts/with_postgres.sh)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from audit.models import AuditEntry
from core.backup import BackupError, restore, table_counts

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _conninfo(kwargs: dict[str, Any]) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo(**{k: str(v) for k, v in kwargs.items() if v})


def _empty_instance(tmp_path: Path) -> tuple[dict[str, str], Any]:
    """Environment of a new, empty instance and a function counting its tables afterwards."""
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"

        def counts() -> dict[str, int]:
            import sqlite3

            with sqlite3.connect(target) as conn:
                names = [
                    r[0]
                    for r in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type='table' "
                        "AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}

        return {"DATABASE_URL": f"sqlite:///{target}"}, counts
    import psycopg

    conf = settings.DATABASES["default"]
    name = f"khcn_restore_{os.getpid()}"
    kwargs = {
        "host": conf["HOST"],
        "port": conf["PORT"],
        "user": conf["USER"],
        "dbname": "postgres",
    }
    with psycopg.connect(_conninfo(kwargs), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{conf['USER']}@{conf['HOST']}:{conf['PORT']}/{name}"

    def pg_counts() -> dict[str, int]:
        kwargs["dbname"] = name
        with psycopg.connect(_conninfo(kwargs)) as c:
            names = [
                r[0]
                for r in c.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
            ]
            return {n: c.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}  # type: ignore[index]

    return {"DATABASE_URL": url}, pg_counts


def test_backup_then_restore_into_an_empty_instance_brings_everything_back(
    tmp_path: Path, demo: Any
) -> None:
    media = tmp_path / "media"
    (media / "evidence" / "2026").mkdir(parents=True)
    (media / "evidence" / "2026" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(50_000))
    (media / "imports" / "ke-hoach.docx").parent.mkdir(parents=True)
    (media / "imports" / "ke-hoach.docx").write_bytes(os.urandom(3000))
    originals = {p.relative_to(media).as_posix(): _sha(p) for p in media.rglob("*") if p.is_file()}
    counts_at_backup = table_counts()
    assert counts_at_backup["audit_auditentry"] > 0

    folder = tmp_path / "backup"
    with override_settings(MEDIA_ROOT=media):
        call_command("backup", str(folder), stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == counts_at_backup
    assert {k: v["sha256"] for k, v in manifest["files"].items()} == originals

    # Then the data changes: rows deleted, one file edited and one removed.
    AuditEntry.objects.filter(pk__in=AuditEntry.objects.values("pk")[:5]).delete()
    (media / "imports" / "ke-hoach.docx").write_bytes(b"changed")
    (media / "evidence" / "2026" / "bien-ban.pdf").unlink()
    assert table_counts()["audit_auditentry"] == counts_at_backup["audit_auditentry"] - 5

    env, restored_counts = _empty_instance(tmp_path)
    restored_media = tmp_path / "restored-media"
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=ROOT,
        env={**os.environ, **env, "MEDIA_ROOT": str(restored_media)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "database:" in result.stdout and "media:" in result.stdout  # progress was shown
    assert "caches cleared" in result.stdout
    assert restored_counts() == counts_at_backup
    assert {
        p.relative_to(restored_media).as_posix(): _sha(p)
        for p in restored_media.rglob("*")
        if p.is_file()
    } == originals

    # Restoring again over the now non-empty instance is refused.
    again = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=ROOT,
        env={**os.environ, **env, "MEDIA_ROOT": str(tmp_path / "other-media")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode != 0 and "empty instance" in again.stderr


def test_a_corrupted_backup_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    (media / "a.txt").write_text("một")
    folder = tmp_path / "backup"
    with override_settings(MEDIA_ROOT=media):
        call_command("backup", str(folder), stdout=open(os.devnull, "w"))  # noqa: SIM115
    (folder / "media" / "a.txt").write_text("hai")
    target_media = tmp_path / "target-media"
    with override_settings(MEDIA_ROOT=target_media), pytest.raises(BackupError, match="a.txt"):
        restore(folder, progress=lambda _m: None)
    assert not target_media.exists()
