"""`make prod-check`: the production stack on loopback, checked end to end.

Run under scripts/with_postgres.sh (a throwaway PostgreSQL). Starts two gunicorn servers (the
real deploy/gunicorn.conf.py, two processes each) and two background workers against one
database, then:
  1. smoke: sign-in page with its security headers, sign-in, the main pages, the API with a
     personal token, the API description closed to anonymous callers;
  2. double-generate: the same "create reporting rounds" form posted at once to both servers,
     several times: every round exists once and no request fails;
  3. double-send: the daily jobs started at once by both long-running workers and two more
     `khcn_worker --once` processes: each job runs once a day, each automatic reminder is
     logged once, no e-mail goes twice to the same person with the same subject.
Prints one line per check and a last-line JSON summary; exits non-zero on any failure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stack import PY, ROOT, Stack, csrf_from, manage, prepare, sign_in, stack_env  # noqa: E402

from accounts.demo_passwords import DEMO_PASSWORDS  # noqa: E402

FAILURES: list[str] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(' — ' + detail) if detail else ''}", flush=True)
    if not ok:
        FAILURES.append(name)


def smoke(url: str) -> None:
    import httpx

    login = httpx.get(f"{url}/accounts/login/")
    check(f"{url} sign-in page", login.status_code == 200)
    check("CSP header", "script-src 'self'" in login.headers.get("content-security-policy", ""))
    check("Permissions-Policy header", "camera=()" in login.headers.get("permissions-policy", ""))
    client = sign_in(url, "theodoi", DEMO_PASSWORDS["theodoi"])
    for path in ("/", "/plans/", "/monitoring/", "/reporting/", "/units/", "/accounts/me/"):
        response = client.get(path)
        check(f"GET {path}", response.status_code == 200, str(response.status_code))
    page = client.get("/accounts/me/")
    issued = client.post(
        "/accounts/me/token/",
        data={"csrfmiddlewaretoken": csrf_from(page.text)},
        headers={"Referer": f"{url}/accounts/me/"},
    )
    check("token page is no-store", "no-store" in issued.headers.get("cache-control", ""))
    key = re.search(r'data-testid="api-token">([^<]+)<', issued.text)
    check("API token issued", key is not None)
    if key:
        api = httpx.get(f"{url}/api/plans/", headers={"Authorization": f"Token {key.group(1)}"})
        check("API with token", api.status_code == 200 and "results" in api.json())
    check("API schema closed to anonymous", httpx.get(f"{url}/api/schema/").status_code == 401)


def shell(env: dict[str, str], code: str) -> Any:
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def double_generate(stack: Stack) -> None:
    env = stack.env
    schedules = shell(
        env,
        "import json; from reporting.models import ReportingSchedule as S; "
        "print(json.dumps([str(s.pk) for s in S.objects.all()[:3]]))",
    )
    check("demo has reporting schedules", bool(schedules))
    clients = [sign_in(u, "theodoi", DEMO_PASSWORDS["theodoi"]) for u in stack.urls]
    statuses: list[int] = []
    lock = threading.Lock()

    def post(client: Any, schedule: str, barrier: threading.Barrier) -> None:
        page = client.get("/accounts/me/")
        data = {"csrfmiddlewaretoken": csrf_from(page.text), "until": "31/12/2027"}
        barrier.wait()
        response = client.post(
            f"/reporting/schedules/{schedule}/generate/",
            data=data,
            headers={"Referer": str(client.base_url)},
        )
        with lock:
            statuses.append(response.status_code)

    for _round in range(3):
        for schedule in schedules:
            barrier = threading.Barrier(len(clients) * 2)
            threads = [
                threading.Thread(target=post, args=(c, schedule, barrier))
                for c in clients
                for _ in range(2)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    check(
        "concurrent round generation answers without errors",
        all(s < 500 for s in statuses),
        str(Counter(statuses)),
    )
    dupes = shell(
        env,
        "import json; from django.db.models import Count; "
        "from reporting.models import ReportingRound as R, UnitReport as U; "
        "r = R.objects.values('plan','kind','period_start','period_end')"
        ".annotate(n=Count('id')).filter(n__gt=1).count(); "
        "u = U.objects.values('round','unit').annotate(n=Count('id')).filter(n__gt=1).count(); "
        "print(json.dumps({'rounds': R.objects.count(), 'dup_rounds': r, 'dup_reports': u}))",
    )
    check(
        "no round or unit report generated twice",
        dupes["dup_rounds"] == 0 and dupes["dup_reports"] == 0,
        json.dumps(dupes),
    )


PROBE_TITLE = "Kiem tra gui thu mot lan"


def double_send(stack: Stack) -> dict[str, Any]:
    env = stack.env
    # Immediate e-mails for up to 20 people, and the same send task queued a second time (as
    # a retried or doubled submission would): the two workers must send each exactly once.
    expected = shell(
        env,
        "import json; from accounts.models import User; "
        "from notifications.actions import notify; from notifications.outbox import _enqueue; "
        "from notifications.models import OutboxEmail; "
        "users = list(User.objects.exclude(email='').filter(is_active=True).order_by('pk')[:20]); "
        f"rows = notify(users, title='{PROBE_TITLE}', body='prod-check'); "
        f"ids = [str(k) for k in OutboxEmail.objects.filter(subject__contains='{PROBE_TITLE}')"
        ".values_list('key', flat=True)]; _enqueue(ids); "
        "print(json.dumps(len(ids)))",
    )
    once = [
        subprocess.Popen(  # noqa: S603
            [PY, "manage.py", "khcn_worker", "--once"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for proc in once:
        _out, err = proc.communicate(timeout=600)
        check("khcn_worker --once exits cleanly", proc.returncode == 0, err.decode()[-300:])
    # Let the long-running workers drain anything their schedulers queued.

    for _ in range(120):
        pending = shell(
            env,
            "import json; from django_tasks_db.models import DBTaskResult as T; "
            "print(json.dumps(T.objects.filter(status__in=['READY','RUNNING']).count()))",
        )
        if pending == 0:
            break
        time.sleep(1)
    state = shell(
        env,
        "import json; from django.db.models import Count; "
        "from notifications.models import JobRun; from reminders.models import ReminderLog as L; "
        "j = JobRun.objects.values('job','day').annotate(n=Count('id')).filter(n__gt=1).count(); "
        "d = L.objects.exclude(kind='manual').values('unit_report','kind','day')"
        ".annotate(n=Count('id')).filter(n__gt=1).count(); "
        "print(json.dumps({'job_runs': JobRun.objects.count(), 'dup_job_runs': j, "
        "'reminders': L.objects.count(), 'dup_reminders': d}))",
    )
    sent: Counter[tuple[str, str]] = Counter()
    probe = 0
    for path in (stack.workdir / "mail").glob("*.log"):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                message = message_from_bytes(chunk.strip())
                subject = str(make_header(decode_header(str(message["Subject"]))))
                sent[(str(message["To"]), subject)] += 1
                probe += PROBE_TITLE in subject
    state["emails"] = sum(sent.values())
    state["dup_emails"] = sum(1 for n in sent.values() if n > 1)
    check("daily jobs ran", state["job_runs"] > 0, json.dumps(state))
    check("each daily job claimed once per day", state["dup_job_runs"] == 0)
    check("no automatic reminder logged twice", state["dup_reminders"] == 0)
    check("no e-mail sent twice", state["dup_emails"] == 0)
    state["probe_expected"], state["probe_sent"] = expected, probe
    check(
        "each queued e-mail sent exactly once",
        expected > 0 and probe == expected,
        f"{probe} sent of {expected}",
    )
    return state


def main() -> int:
    if "postgres" not in (os.environ.get("DATABASE_URL") or ""):
        print("run under scripts/with_postgres.sh (needs DATABASE_URL for PostgreSQL)")
        return 2
    with tempfile.TemporaryDirectory(prefix="khcn-prod-") as tmp:
        workdir = Path(tmp)
        # The daily jobs are due from midnight, so the workers' own schedulers race the
        # `--once` runs for them.
        env = stack_env(workdir, REMINDER_SEND_AT="00:00", DIGEST_SEND_AT="00:00")
        prepare(env)
        manage(env, "collectstatic", "--noinput")
        with Stack(env, workdir, web=2, web_workers=2, workers=2) as stack:
            for url in stack.urls:
                smoke(url)
            double_generate(stack)
            state = double_send(stack)
        summary = {"failures": FAILURES, **state}
    print(json.dumps(summary))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
