"""The background worker: the daily scheduler and the django-tasks database worker in one
process (``make worker``).

Guarantees (docs/architecture.md, "Background work"): each task it runs holds a lease renewed
by a heartbeat, so a worker killed mid-task loses nothing — another worker requeues the task
when the lease expires (``notifications.leases``); every scheduler tick also sends the due
e-mails of the outbox (``notifications.outbox``)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from notifications import leases, outbox
from notifications.scheduler import run_due_jobs

logger = logging.getLogger(__name__)


class LeasedWorker(Worker):
    """django_tasks_db's worker, with a lease and a heartbeat around each task it runs."""

    def run_task(self, db_task_result: DBTaskResult) -> None:
        leases.acquire(db_task_result.pk, self.worker_id)
        try:
            with leases.heartbeat(db_task_result.pk, self.worker_id):
                super().run_task(db_task_result)
        finally:
            leases.release(db_task_result.pk, self.worker_id)


def upkeep() -> None:
    """What every worker does on each tick besides the daily jobs: requeue the tasks of dead
    workers, send the outbox's due e-mails (new ones whose task was lost, retries)."""
    leases.recover_expired()
    outbox.send_due()


class Command(BaseCommand):
    help = (
        "Chạy tiến trình nền: lịch hằng ngày (nhắc hạn, đôn đốc báo cáo, thư tổng hợp) và "
        "hàng đợi tác vụ (db_worker)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Xếp ngay các việc hằng ngày chưa chạy hôm nay, xử lý hết hàng đợi rồi thoát.",
        )
        parser.add_argument(
            "--tick", type=float, default=60.0, help="Số giây giữa hai lần kiểm tra lịch."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Số giây chờ khi hàng đợi trống."
        )
        parser.add_argument(
            "--worker-id", default="", help="Tên tiến trình (mặc định: ngẫu nhiên, duy nhất)."
        )

    def _worker(self, options: dict[str, Any], *, batch: bool) -> LeasedWorker:
        return LeasedWorker(
            queue_names=["default"],
            interval=options["interval"],
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=(options.get("worker_id") or get_random_string(32))[:64],
            excluded_queue_names=[],
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # With the database backend, queued tasks wait for the worker loop; with the immediate
        # backend (tests, TASKS_BACKEND) they already ran when the scheduler enqueued them.
        queued = isinstance(task_backends["default"], DatabaseBackend)
        if options["once"]:
            jobs = run_due_jobs(force=True)
            self.stdout.write(f"Đã xếp hàng: {', '.join(jobs) or 'không có việc mới'}")
            if queued:
                leases.recover_expired()
                self._worker(options, batch=True).run()
            outbox.send_due()
            return
        if not queued:
            self._schedule_loop(threading.Event(), options["tick"])
            return
        stop = threading.Event()
        scheduler = threading.Thread(
            target=self._schedule_loop, args=(stop, options["tick"]), daemon=True
        )
        scheduler.start()
        self.stdout.write("Tiến trình nền đã chạy (lịch hằng ngày + hàng đợi tác vụ).")
        worker = self._worker(options, batch=False)
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()

    def _schedule_loop(self, stop: threading.Event, tick: float) -> None:
        while not stop.is_set():
            try:
                upkeep()
                for job in run_due_jobs():
                    self.stdout.write(f"Đã xếp hàng việc hằng ngày: {job}")
            except OperationalError:
                # SQLite may be busy with the worker's transaction: try again at the next tick.
                logger.warning("scheduler tick skipped: database busy", exc_info=True)
            except Exception:  # keep the scheduler alive; the error is in the log
                logger.exception("scheduler tick failed")
            finally:
                close_old_connections()
            stop.wait(tick)
