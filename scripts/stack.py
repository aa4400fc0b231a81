"""Start the production stack on loopback for checks and benchmarks: N gunicorn servers (the real
deploy/gunicorn.conf.py) and M background workers against the PostgreSQL in DATABASE_URL.

Used by scripts/prod_check.py (make prod-check) and bench/load.py. Every process is started
by us, in its own session, and stopped by its own id when the ``with`` block ends.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stack_env(workdir: Path, **extra: str) -> dict[str, str]:
    """Production-like settings on plain HTTP: DEBUG off, shared cache, database queue.

    KHCN_ENV stays "staging" (not "production") only so cookies work over http://127.0.0.1 and
    the published demo accounts can sign in; everything else is as deployed.
    """
    env = dict(os.environ)
    env.update(
        {
            "KHCN_ENV": "staging",
            "DEBUG": "0",
            "DEMO_ACCOUNTS_ENABLED": "1",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "API_DOCS_PUBLIC": "0",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(workdir / "mail"),
            "DB_CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("TASKS_BACKEND", None)
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    """Schema, cache table and the demo dataset (once) in the stack's database."""
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_demo", "--if-empty")


class Stack:
    def __init__(
        self,
        env: dict[str, str],
        workdir: Path,
        *,
        web: int = 1,
        web_workers: int = 2,
        workers: int = 1,
    ) -> None:
        self.env = env
        self.workdir = workdir
        self.web, self.web_workers, self.workers = web, web_workers, workers
        self.procs: list[subprocess.Popen[bytes]] = []
        self.urls: list[str] = []

    def _spawn(self, args: list[str], log: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
        handle = (self.workdir / log).open("wb")
        proc = subprocess.Popen(  # noqa: S603 - our own command lines
            args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs.append(proc)
        return proc

    def __enter__(self) -> Stack:
        self.workdir.mkdir(parents=True, exist_ok=True)
        for i in range(self.web):
            port = free_port()
            env = {
                **self.env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_WORKERS": str(self.web_workers),
                "GUNICORN_ACCESS_LOG": str(self.workdir / f"access-{i}.log"),
            }
            gunicorn = str(Path(PY).with_name("gunicorn"))
            self._spawn(
                [gunicorn, "-c", "deploy/gunicorn.conf.py", "khcn.wsgi:application"],
                f"web-{i}.log",
                env,
            )
            self.urls.append(f"http://127.0.0.1:{port}")
        for i in range(self.workers):
            self._spawn(
                [PY, "manage.py", "khcn_worker", "--interval", "0.2", "--tick", "1"],
                f"worker-{i}.log",
                self.env,
            )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        for url in self.urls:
            while True:
                try:
                    if httpx.get(f"{url}/accounts/login/", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or any(p.poll() is not None for p in self.procs):
                    self.__exit__(None, None, None)
                    raise RuntimeError(f"{url} did not start; see {self.workdir}/web-*.log")
                time.sleep(0.5)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs.clear()


def sign_in(url: str, username: str, password: str, **kwargs: Any) -> httpx.Client:
    """An httpx client signed in through the real login form (CSRF cookie + token)."""
    client = httpx.Client(base_url=url, follow_redirects=False, **kwargs)
    page = client.get("/accounts/login/")
    token = csrf_from(page.text)
    response = client.post(
        "/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{url}/accounts/login/"},
    )
    if response.status_code != 302:
        raise RuntimeError(f"sign-in of {username} failed: {response.status_code}")
    return client


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)
