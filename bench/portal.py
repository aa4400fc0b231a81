"""Public portal speed under concurrent requests: gunicorn + PostgreSQL, demo dataset.

Creates a fresh database on a PostgreSQL server, migrates and loads the demo, starts gunicorn
with the deployed settings (deploy/gunicorn.conf.py: gthread workers, ``--workers`` of them,
default 2 = one per core of the reference machine, 4 threads each; DB_CONN_MAX_AGE=60 as in
deploy/khcn.env.example), then fires concurrent GETs at the portal home and the seed plan's
page (and the published review report's page and its DOCX). Figures: cached (the steady state
of a public page: anonymous visitors get the finished page from the worker's memory,
portal/pagecache.py) and uncached (a unique query string per request, so every request renders
and queries).
Target (issue 14): p95 <= 100 ms for the cached home and plan page.

CPU: on a shared machine the wall clock includes waiting for a core. ``*_server_cpu_ms`` is the
CPU the gunicorn workers and PostgreSQL spent per request in each round (/proc, averaged over
the round); ``cpu_*`` are per-request samples of the same pages requested in this process
through Django's test client (this process's CPU, plus its PostgreSQL backend's CPU averaged
over the round, as bench/registry_search.py does).

Usage::

    .venv/bin/python bench/portal.py [--requests 400] [--concurrency 8] [--workers 2]

Without DATABASE_URL the script re-executes itself under scripts/with_postgres.sh. The last
line is one JSON object: median_ms, p95_ms (cached, both pages), home_p95_ms, plan_p95_ms,
uncached_median_ms, uncached_p95_ms, ratio (uncached p95 / cached p95), review_p95_ms (the
published review's cached page), review_file_p95_ms (its DOCX: the flag re-read each time, the
bytes from the file cache), requests, concurrency.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def fetch(url: str) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - our own server
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - t0) * 1000


def fire(urls: list[str], concurrency: int) -> list[float]:
    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(fetch, urls))


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except Exception:  # noqa: BLE001 - the server is still starting
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not start")


def proc_cpu_s(pid: int, *, children: bool = False) -> float:
    """utime + stime (and, with ``children``, the CPU of its exited children) of one process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("PPid:") and int(line.split()[1]) == pid:
                    found.append(int(entry.name))
                    break
    return found


def stack_cpu_s(server_pid: int, postmaster_pid: int) -> float:
    """CPU seconds used so far by the gunicorn workers and the whole PostgreSQL server
    (exited backends are counted in the postmaster's children's time)."""
    total = proc_cpu_s(server_pid) + sum(proc_cpu_s(p) for p in child_pids(server_pid))
    total += proc_cpu_s(postmaster_pid, children=True)
    return total + sum(proc_cpu_s(p) for p in child_pids(postmaster_pid))


def backend_cpu_s() -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return proc_cpu_s(cursor.fetchone()[0])


def in_process_cpu(urls: list[str]) -> list[float]:
    """Per-request CPU (ms) of these GETs through Django's test client in this process."""
    from django.test import Client

    client = Client()
    samples = []
    server0 = backend_cpu_s()
    for url in urls:
        c0 = time.process_time()
        if client.get(url).status_code != 200:
            raise RuntimeError(url)
        samples.append((time.process_time() - c0) * 1000)
    server_ms = (backend_cpu_s() - server0) * 1000 / len(urls)
    return [c + server_ms for c in samples]


def postmaster_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    for line in Path(f"/proc/{backend}/status").read_text().splitlines():
        if line.startswith("PPid:"):
            return int(line.split()[1])
    raise RuntimeError("no postmaster")


def run(args: argparse.Namespace) -> dict[str, Any]:
    import psycopg

    server_url = os.environ["DATABASE_URL"]
    name = f"khcn_portal_bench_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db_url = f"{server_url.rpartition('/')[0]}/{name}"
    server = None
    try:
        os.environ["DATABASE_URL"] = db_url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
        os.environ["DEBUG"] = "0"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from home.management.commands.load_demo import load_all

        load_all()
        from plans.models import Plan

        plan = Plan.objects.get(document__isnull=False, parent__isnull=True)
        from reviews.models import Review

        review = Review.objects.published().first()
        if review is None:
            raise RuntimeError("the demo published no review report")
        from django.db import connections

        home_path, plan_path = "/cong-khai/", f"/cong-khai/ke-hoach/{plan.pk}/"
        n_cpu = max(50, args.requests // 4)
        in_process_cpu([home_path, plan_path] * 5)  # warm
        cpu_cached = in_process_cpu([home_path, plan_path] * (n_cpu // 2))
        cpu_uncached = in_process_cpu(
            [f"{home_path if i % 2 else plan_path}?cpu={i}" for i in range(n_cpu)]
        )
        pg_pid = postmaster_pid()
        connections.close_all()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        conf = REPO / "deploy" / "gunicorn.conf.py"
        env = {
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_THREADS": str(args.threads),
            "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "60"),
        }
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "-m", "gunicorn", "khcn.wsgi", "-c", str(conf)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        home, plan_url = f"{base}/cong-khai/", f"{base}/cong-khai/ke-hoach/{plan.pk}/"
        review_url = f"{base}/cong-khai/bao-cao/{review.pk}/"
        review_file = f"{review_url}tai-ve.docx"
        wait_for(home)
        fire([home, plan_url, review_url, review_file] * 20, args.concurrency)  # warm caches
        half = args.requests // 2
        c0 = stack_cpu_s(server.pid, pg_pid)
        home_ms = fire([home] * half, args.concurrency)
        plan_ms = fire([plan_url] * half, args.concurrency)
        c1 = stack_cpu_s(server.pid, pg_pid)
        fresh = [f"{home}?n={i}" if i % 2 else f"{plan_url}?n={i}" for i in range(half)]
        uncached = fire(fresh, args.concurrency)
        c2 = stack_cpu_s(server.pid, pg_pid)
        # Warm again: the uncached round above may outlast the pages' 60 s cache.
        fire([review_url, review_file] * 10, args.concurrency)
        review_ms = fire([review_url] * (half // 2), args.concurrency)
        review_file_ms = fire([review_file] * (half // 2), args.concurrency)
        cached = home_ms + plan_ms
        return {
            "median_ms": round(statistics.median(cached), 1),
            "p95_ms": round(p95(cached), 1),
            "home_p95_ms": round(p95(home_ms), 1),
            "plan_p95_ms": round(p95(plan_ms), 1),
            "uncached_median_ms": round(statistics.median(uncached), 1),
            "uncached_p95_ms": round(p95(uncached), 1),
            "ratio": round(p95(uncached) / max(p95(cached), 0.001), 1),
            "review_p95_ms": round(p95(review_ms), 1),
            "review_file_p95_ms": round(p95(review_file_ms), 1),
            "cached_server_cpu_ms": round((c1 - c0) * 1000 / len(cached), 2),
            "uncached_server_cpu_ms": round((c2 - c1) * 1000 / len(uncached), 2),
            "cpu_median_ms": round(statistics.median(cpu_cached), 2),
            "cpu_p95_ms": round(p95(cpu_cached), 2),
            "uncached_cpu_median_ms": round(statistics.median(cpu_uncached), 2),
            "uncached_cpu_p95_ms": round(p95(cpu_uncached), 2),
            "requests": len(cached) + len(uncached) + len(review_ms) + len(review_file_ms),
            "concurrency": args.concurrency,
            "gunicorn": f"gthread, {args.workers} workers x {args.threads} threads",
            "cpu_cores": os.cpu_count(),
        }
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    ap.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    args = ap.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        script = REPO / "scripts" / "with_postgres.sh"
        os.environ.pop("DATABASE_URL", None)
        os.execv(str(script), [str(script), sys.executable, *sys.argv])
    print(json.dumps(run(args), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
