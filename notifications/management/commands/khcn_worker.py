"""The background worker: the daily scheduler and the django-tasks database worker in one
process (``make worker``)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from notifications.scheduler import run_due_jobs

logger = logging.getLogger(__name__)


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

    def handle(self, *args: Any, **options: Any) -> None:
        # With the database backend, queued tasks wait for the worker loop; with the immediate
        # backend (tests, TASKS_BACKEND) they already ran when the scheduler enqueued them.
        queued = isinstance(task_backends["default"], DatabaseBackend)
        if options["once"]:
            jobs = run_due_jobs(force=True)
            self.stdout.write(f"Đã xếp hàng: {', '.join(jobs) or 'không có việc mới'}")
            if queued:
                call_command("db_worker", batch=True, reload=False, startup_delay=False)
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
        try:
            call_command("db_worker", reload=False, interval=options["interval"])
        finally:
            stop.set()

    def _schedule_loop(self, stop: threading.Event, tick: float) -> None:
        while not stop.is_set():
            try:
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
