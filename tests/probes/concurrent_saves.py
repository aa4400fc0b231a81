"""Eight people save the same draft at the same instant, against a real database file.

Run as a separate process (``python -m tests.probes.concurrent_saves``) with ``DATABASE_URL``
naming a copy of the test database: threads need their own connections to a file, which the
test's own transaction cannot give. Prints one JSON line: the status codes, and how many saves
and kept conflict texts the database holds afterwards."""

from __future__ import annotations

import json
import os
import sys
import threading

import django

THREADS = 8


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from reporting.models import UnitReport

    user = User.objects.get(username=sys.argv[1])
    report = next(r for r in UnitReport.objects.visible_to(user) if r.can_edit(user))
    sections = list(report.task_reports.all())
    before = report.revisions.count()
    clients = []
    for _ in range(THREADS):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    connection.close()
    barrier = threading.Barrier(THREADS)
    codes: list[int] = []

    def save(index: int) -> None:
        data = {"version": report.version, "summary": f"Bản của người thứ {index}"}
        for section in sections:
            data[f"s-{section.pk}-results"] = f"Kết quả {index}"
            data[f"s-{section.pk}-status"] = "in_progress"
            data[f"s-{section.pk}-progress"] = "40"
        barrier.wait()
        try:
            codes.append(clients[index].post(f"/reporting/reports/{report.pk}/", data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report.refresh_from_db()
    kept = list(report.revisions.order_by("number")[before:].values_list("content", flat=True))
    summaries = sorted(c.get("summary", "") for c in kept)
    sys.stdout.write(
        json.dumps({"codes": sorted(codes), "version": report.version, "kept": summaries}) + "\n"
    )


if __name__ == "__main__":
    main()
