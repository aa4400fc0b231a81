"""gunicorn settings for the KH&CN web service (``gunicorn -c deploy/gunicorn.conf.py``).

Every value can be overridden from the environment (systemd ``Environment=`` lines or an
``EnvironmentFile``). The worker count follows the cores; each worker has a few threads so that
one request's database waits do not leave its core idle.

Timeouts: the longest request a person makes in the web process is an export (XLSX of a
province's indicators, the compiled review annex) or a compile on a big plan, a few seconds at
province scale; document parsing and PDF conversion run in the worker, not here. ``timeout``
(60 s) gives those ten times their measured length before gunicorn kills a stuck worker;
nginx's ``proxy_read_timeout`` (deploy/nginx-khcn.conf) is set a little longer so the client
sees gunicorn's answer, not a proxy timeout.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core plus one: the requests are CPU-bound Python (templates, the ORM) with
# short database waits that the threads cover; the deadline-day bench (bench/load.py) runs with
# 3 processes on the 2-core reference machine. More processes only add memory and switching.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# Recycle a worker now and then so a slow leak in a library cannot grow without bound; the
# jitter keeps all workers from restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# Load the application before forking: workers share the imported code and khcn.wsgi's frozen
# start-up objects (copy-on-write), and a broken settings file fails before any worker starts.
preload_app = True
# Request sizes are bounded by nginx (client_max_body_size) and Django (MAX_UPLOAD_BYTES).
limit_request_line = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# nginx on the same machine is the only client; it sets X-Forwarded-Proto for Django.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "khcn-web"


def post_fork(server: object, worker: object) -> None:
    # Connections opened while preloading must not be shared between forked workers.
    from django.db import connections

    connections.close_all()
