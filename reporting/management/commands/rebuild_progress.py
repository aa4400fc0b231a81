"""Recompute the progress figures kept for the dashboard (reporting.progress) for one plan or
all: a repair after data was changed outside the application's actions (SQL, restores)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plans.models import Plan
from reporting.progress import rebuild_plan


class Command(BaseCommand):
    help = "Tính lại tiến độ kỳ trước và tổng tiến độ của báo cáo (cho bảng theo dõi)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("plan", nargs="?", help="mã (UUID) kế hoạch; bỏ trống: mọi kế hoạch")

    def handle(self, *args: Any, **options: Any) -> None:
        plans = Plan.objects.all()
        if options["plan"]:
            try:
                plans = plans.filter(pk=options["plan"])
                found = plans.exists()
            except Exception as exc:  # a malformed UUID
                raise CommandError(f"Mã kế hoạch không hợp lệ: {options['plan']}") from exc
            if not found:
                raise CommandError(f"Không tìm thấy kế hoạch {options['plan']}.")
        for plan in plans:
            with transaction.atomic():
                changed = rebuild_plan(plan.pk)
            self.stdout.write(f"{plan.title[:80]}: {changed} phần báo cáo được cập nhật")
