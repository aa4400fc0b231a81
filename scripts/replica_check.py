"""Read-replica routing against a real PostgreSQL streaming replica (part of make prod-check).

Run under scripts/with_postgres.sh. Clones the throwaway primary with ``pg_basebackup -R``,
starts the copy as a hot standby on another loopback port, and serves the app through gunicorn
with DATABASE_REPLICA_URL pointing at it. Then, with the standby's replay paused, a plan's
title is changed on the primary:
  - the dashboard (routed to the replica) still shows the old title;
  - the plan's own page (primary) shows the new one;
  - a browser that has just written (khcn_primary cookie) sees the new title on the dashboard;
  - once replay resumes and catches up, the dashboard shows the new title too.
Prints one line per check and a last-line JSON summary; exits non-zero on any failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from stack import Stack, csrf_from, free_port, prepare, sign_in, stack_env  # noqa: E402

from accounts.demo_passwords import DEMO_PASSWORDS  # noqa: E402

FAILURES: list[str] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(' — ' + detail) if detail else ''}", flush=True)
    if not ok:
        FAILURES.append(name)


def pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(found[0]) if found else (shutil.which(name) or name)


def run_as() -> list[str]:
    # The throwaway cluster runs as "postgres" when we are root (initdb refuses root).
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def start_replica(primary: Any, workdir: Path) -> tuple[Path, int]:
    data = workdir / "replica"
    workdir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    subprocess.run(
        [*run_as(), pg_bin("pg_basebackup"), "-h", primary.hostname, "-p", str(primary.port),
         "-U", primary.username, "-D", str(data), "-R", "-X", "stream", "-c", "fast"],
        check=True,
    )  # fmt: skip
    port = free_port()
    subprocess.run(
        [*run_as(), pg_bin("pg_ctl"), "-D", str(data), "-l", str(workdir / "replica.log"), "-w",
         "-o", f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c hot_standby=on",
         "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return data, port


def stop_replica(data: Path) -> None:
    subprocess.run(
        [*run_as(), pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if "postgres" not in url:
        print("run under scripts/with_postgres.sh (needs DATABASE_URL for PostgreSQL)")
        return 2
    primary = urlparse(url)
    workdir = Path(tempfile.mkdtemp(prefix="khcn-replica-"))
    workdir.chmod(0o755)  # the cluster's own user must reach its folder inside
    data = None
    try:
        env = stack_env(workdir / "app", DB_CONN_MAX_AGE="0")
        prepare(env)
        data, port = start_replica(primary, workdir / "pg")
        replica_url = f"postgres://{primary.username}@127.0.0.1:{port}{primary.path}"
        with psycopg.connect(replica_url, autocommit=True) as standby:
            in_recovery = standby.execute("SELECT pg_is_in_recovery()").fetchone()
            check("replica is a streaming hot standby", bool(in_recovery and in_recovery[0]))
        env["DATABASE_REPLICA_URL"] = replica_url
        # Signing in is a write: the browser reads from the primary for this long afterwards.
        env["REPLICA_PIN_SECONDS"] = "2"
        with (
            psycopg.connect(url, autocommit=True) as main_db,
            psycopg.connect(replica_url, autocommit=True) as standby,
            Stack(env, workdir / "app", web=1, web_workers=1, workers=0) as stack,
        ):
            client = sign_in(stack.urls[0], "theodoi", DEMO_PASSWORDS["theodoi"])
            time.sleep(2.5)  # past the sign-in's pin to the primary (the cookie expires)
            first = client.get("/monitoring/")
            check("dashboard served with a replica", first.status_code == 200)
            # A plan the dashboard lists (its plan picker).
            listed = re.search(r'<option value="([0-9a-f-]{36})"', first.text)
            assert listed, "the dashboard lists no plan"
            plan_id = uuid.UUID(listed.group(1))
            old_title = main_db.execute(
                "SELECT title FROM plans_plan WHERE id = %s", (plan_id,)
            ).fetchone()[0]  # type: ignore[index]

            standby.execute("SELECT pg_wal_replay_pause()")
            marker = f"Replica marker {uuid.uuid4().hex[:8]}"
            main_db.execute("UPDATE plans_plan SET title = %s WHERE id = %s", (marker, plan_id))
            dashboard = client.get("/monitoring/").text
            check("dashboard reads the (paused) replica", marker not in dashboard)
            own_page = client.get(f"/plans/{plan_id}/").text
            check("the plan's own page reads the primary", marker in own_page)

            writer = sign_in(stack.urls[0], "theodoi", DEMO_PASSWORDS["theodoi"])
            page = writer.get("/accounts/me/")
            writer.post(
                "/i18n/setlang/",
                data={"language": "vi", "next": "/", "csrfmiddlewaretoken": csrf_from(page.text)},
                headers={"Referer": stack.urls[0]},
            )
            check(
                "a browser that just wrote reads the primary",
                marker in writer.get("/monitoring/").text,
            )

            standby.execute("SELECT pg_wal_replay_resume()")
            target = main_db.execute("SELECT pg_current_wal_lsn()").fetchone()[0]  # type: ignore[index]
            lag_ms = None
            started = time.monotonic()
            for _ in range(200):
                caught = standby.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)
                ).fetchone()
                if caught and caught[0]:
                    lag_ms = round((time.monotonic() - started) * 1000)
                    break
                time.sleep(0.05)
            check("replica catches up after replay resumes", lag_ms is not None, f"{lag_ms} ms")
            check(
                "dashboard shows the change once replicated",
                marker in client.get("/monitoring/").text,
            )
            main_db.execute("UPDATE plans_plan SET title = %s WHERE id = %s", (old_title, plan_id))
        summary = {"failures": FAILURES, "catch_up_ms": lag_ms}
    finally:
        if data is not None:
            stop_replica(data)
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(summary))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
