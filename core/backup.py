"""Back up and restore a whole instance: the database and the stored files (sao lưu, khôi phục).

A backup is a folder:
    manifest.json   engine, when, every table's row count, the SHA-256 and size of every file
    database.sqlite3 | database.pgdump    the SQLite backup API's copy, or ``pg_dump -Fc``
    media/…         a copy of MEDIA_ROOT

The row counts are taken from the same snapshot as the dump (the SQLite copy itself; on
PostgreSQL a REPEATABLE READ transaction whose snapshot ``pg_dump --snapshot`` reuses), so a
restore can prove it brought back exactly what was saved. Restore goes into an *empty*
instance only (no tables, no stored files): it never merges into or overwrites live data. It
checks every checksum before writing anything and every table count after.

Both directions report progress through ``progress(message)`` (the commands print it).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (shown to the operator)."""


@dataclass(frozen=True)
class Database:
    """The connection settings of one database alias, as the command-line tools need them."""

    alias: str

    @property
    def conf(self) -> dict[str, Any]:
        return dict(settings.DATABASES[self.alias])

    @property
    def is_sqlite(self) -> bool:
        return str(self.conf["ENGINE"]).endswith("sqlite3")

    def pg_kwargs(self) -> dict[str, str]:
        """psycopg.connect keyword arguments for this database."""
        conf = self.conf
        pairs = {"dbname": conf.get("NAME"), "host": conf.get("HOST"), "port": conf.get("PORT")}
        pairs.update(user=conf.get("USER"), password=conf.get("PASSWORD"))
        return {k: str(v) for k, v in pairs.items() if v}

    def pg_env(self) -> dict[str, str]:
        conf = self.conf
        env = dict(os.environ)
        for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
            if conf.get(key):
                env[var] = str(conf[key])
        if conf.get("PASSWORD"):
            env["PGPASSWORD"] = str(conf["PASSWORD"])
        env["PGDATABASE"] = str(conf["NAME"])
        return env


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: PG_BIN, else the newest Debian server's, else the PATH's."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]) / name)
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found (install postgresql-client or set PG_BIN)")
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: conn.execute(f"SELECT COUNT(*) FROM {_quote(n)}").fetchone()[0] for n in names}


def table_counts(alias: str = "default") -> dict[str, int]:
    """Rows in every table of the database (through Django's connection)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _copy_media(source: Path, target: Path, progress: Progress) -> dict[str, dict[str, Any]]:
    files = _media_files(source)
    total = sum(p.stat().st_size for p in files)
    done = 0
    listed: dict[str, dict[str, Any]] = {}
    for number, path in enumerate(files, start=1):
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        listed[relative] = {"sha256": sha256_of(destination), "size": destination.stat().st_size}
        done += listed[relative]["size"]
        if number == len(files) or number % 200 == 0:
            progress(f"media: {number}/{len(files)} files, {done / 1e6:.1f}/{total / 1e6:.1f} MB")
    return listed


def backup(destination: Path, *, alias: str = "default", progress: Progress = print) -> dict:
    """Write a backup folder at ``destination`` (new or empty); return its manifest."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} already exists and is not empty")
    destination.mkdir(parents=True, exist_ok=True)
    db = Database(alias)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "engine": "sqlite" if db.is_sqlite else "postgresql",
    }
    if db.is_sqlite:
        dump = destination / "database.sqlite3"
        manifest["tables"] = _backup_sqlite(Path(db.conf["NAME"]), dump, progress)
    else:
        dump = destination / "database.pgdump"
        manifest["tables"] = _backup_postgres(db, dump, progress)
    manifest["database"] = {
        "file": dump.name,
        "sha256": sha256_of(dump),
        "size": dump.stat().st_size,
    }
    progress(f"database: {len(manifest['tables'])} tables, {sum(manifest['tables'].values())} rows")
    manifest["files"] = _copy_media(Path(settings.MEDIA_ROOT), destination / "media", progress)
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
    return manifest


def _backup_sqlite(source: Path, dump: Path, progress: Progress) -> dict[str, int]:
    # A connection of our own: it sees what is committed, whatever the caller's transaction.
    src = sqlite3.connect(source)
    dst = sqlite3.connect(dump)
    try:

        def report(status: int, remaining: int, total: int) -> None:
            progress(f"database: {total - remaining}/{total} pages copied")

        src.backup(dst, pages=2048, progress=report)
        return _sqlite_counts(dst)
    finally:
        src.close()
        dst.close()


def _backup_postgres(db: Database, dump: Path, progress: Progress) -> dict[str, int]:
    import psycopg
    from psycopg.conninfo import make_conninfo

    env = db.pg_env()
    # Count inside a REPEATABLE READ transaction and let pg_dump reuse its snapshot: the
    # counts describe exactly the rows in the dump, even while people keep working.
    with psycopg.connect(make_conninfo(**db.pg_kwargs()), autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
        names = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        ]
        counts = {
            n: conn.execute(f"SELECT COUNT(*) FROM {_quote(n)}").fetchone()[0]  # type: ignore[index]
            for n in names
        }
        command = [
            pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
            f"--snapshot={snapshot}", "--verbose", f"--file={dump}",
        ]  # fmt: skip
        _run_with_progress(command, env, progress, "pg_dump")
    return counts


def _run_with_progress(
    command: list[str], env: dict[str, str], progress: Progress, tag: str
) -> None:
    process = subprocess.Popen(  # noqa: S603 - our own fixed command line
        command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    assert process.stderr is not None
    errors = []
    for line in process.stderr:
        line = line.rstrip()
        # The verbose lines that name a table are the useful progress; the rest is kept for errors.
        if "table" in line and ("dumping" in line or "processing data" in line):
            progress(f"{tag}: {line.split(':', 1)[-1].strip()}")
        elif "error" in line.lower():
            errors.append(line)
    if process.wait() != 0:
        raise BackupError(f"{tag} failed: " + " | ".join(errors[-5:]))


def verify(source: Path, progress: Progress = print) -> dict:
    """Read a backup's manifest and check every checksum; raise BackupError on any mismatch."""
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{manifest_path} not found: not a backup folder")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    dump = source / manifest["database"]["file"]
    if not dump.exists() or sha256_of(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"{dump.name}: missing or checksum mismatch")
    for number, (relative, meta) in enumerate(sorted(manifest["files"].items()), start=1):
        path = source / "media" / relative
        if not path.exists() or sha256_of(path) != meta["sha256"]:
            raise BackupError(f"media/{relative}: missing or checksum mismatch")
        if number % 200 == 0:
            progress(f"verify: {number}/{len(manifest['files'])} files")
    progress(f"verify: database and {len(manifest['files'])} files match the manifest")
    return manifest


def restore(source: Path, *, alias: str = "default", progress: Progress = print) -> dict:
    """Restore a verified backup into an empty instance; return the manifest.

    Refuses when the target database has any table or MEDIA_ROOT holds any file: restoring is
    for a new or wiped server, never a merge into live data.
    """
    manifest = verify(source, progress)
    db = Database(alias)
    engine = "sqlite" if db.is_sqlite else "postgresql"
    if manifest["engine"] != engine:
        raise BackupError(f"backup is from {manifest['engine']}, this instance uses {engine}")
    media_root = Path(settings.MEDIA_ROOT)
    if _media_files(media_root):
        raise BackupError(f"{media_root} is not empty: restore needs an empty instance")
    if _existing_tables(db):
        raise BackupError("the database already has tables: restore needs an empty instance")
    dump = source / manifest["database"]["file"]
    if db.is_sqlite:
        _restore_sqlite(dump, Path(db.conf["NAME"]), progress)
    else:
        command = [
            pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
            "--verbose", f"--dbname={db.pg_env()['PGDATABASE']}", str(dump),
        ]  # fmt: skip
        _run_with_progress(command, db.pg_env(), progress, "pg_restore")
    connections[alias].close()
    restored = table_counts(alias)
    if restored != manifest["tables"]:
        wrong = sorted(
            n for n in set(restored) | set(manifest["tables"])
            if restored.get(n) != manifest["tables"].get(n)
        )  # fmt: skip
        raise BackupError("table counts differ after restore: " + ", ".join(wrong[:10]))
    progress(f"database: {len(restored)} tables, {sum(restored.values())} rows, as in the manifest")
    copied = _copy_media(source / "media", media_root, progress)
    if {k: v["sha256"] for k, v in copied.items()} != {
        k: v["sha256"] for k, v in manifest["files"].items()
    }:
        raise BackupError("restored files differ from the manifest")
    # Cached pages and dashboards are keyed on data versions that the restored database will
    # count through again: forget them, so nothing computed before the restore is served after.
    for cache in caches.all(initialized_only=False):
        cache.clear()
    progress("caches cleared")
    return manifest


def _existing_tables(db: Database) -> list[str]:
    if db.is_sqlite and not Path(db.conf["NAME"]).exists():
        return []
    connection = connections[db.alias]
    with connection.cursor() as cursor:
        return list(connection.introspection.table_names(cursor))


def _restore_sqlite(dump: Path, target: Path, progress: Progress) -> None:
    connections["default"].close()
    src = sqlite3.connect(dump)
    dst = sqlite3.connect(target)
    try:

        def report(status: int, remaining: int, total: int) -> None:
            progress(f"database: {total - remaining}/{total} pages restored")

        src.backup(dst, pages=2048, progress=report)
    finally:
        src.close()
        dst.close()
