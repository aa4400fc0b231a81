"""Load the realistic Vietnamese demo dataset into an empty database."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo_passwords import DEMO_PASSWORDS


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (tổ chức, tài khoản, văn bản, kế hoạch) vào cơ sở dữ liệu trống."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Bỏ qua nếu cơ sở dữ liệu đã có dữ liệu."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from accounts.models import User

        if not settings.DEMO_ACCOUNTS_ENABLED:
            raise CommandError(
                "Dữ liệu mẫu bị tắt (DEMO_ACCOUNTS_ENABLED=0, môi trường production)."
            )
        if User.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.")
                self.print_accounts()
                return
            raise CommandError("Cơ sở dữ liệu đã có dữ liệu; dùng cơ sở dữ liệu trống.")
        with transaction.atomic():
            load_all()
            # The dataset's story ends with 2025; then the dissolved units' tasks go to their
            # successors, the calendar opens today's rounds (as the worker's daily job does)
            # and today's personas get work in progress (kept out of load_all: it depends on
            # today's date, and tests need a fixed dataset).
            from django.utils import timezone

            from home.demo_current import load_current

            current = load_current(timezone.localdate())
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.stdout.write(
            f"Đã chuyển {current['handed_over']} nhiệm vụ của đơn vị đã giải thể cho đơn vị kế "
            f"thừa; đã mở {len(current['opened'])} kỳ báo cáo theo lịch đến hôm nay."
        )
        self.print_accounts()

    def print_accounts(self) -> None:
        from accounts.demo import ACCOUNTS

        self.stdout.write("Tài khoản mẫu (chỉ dùng để trình diễn):")
        from accounts.demo import CURRENT, EXTRA

        rows = [(u, name, title) for u, (name, title, _unit, _role) in ACCOUNTS.items()]
        rows += [(u, name, title) for u, name, title, _unit, _role in [*EXTRA, *CURRENT]]
        for username, full_name, title in rows:
            if username in DEMO_PASSWORDS:
                self.stdout.write(
                    f"  {username:<14} / {DEMO_PASSWORDS[username]:<20} {full_name} — {title}"
                )


# Each app contributes its part, in dependency order; a step receives the context built so far
# (units, users, docs, plans, …) and adds its own entries to it.
DEMO_STEPS = [
    "reporting.demo",
    "reminders.demo",
    "indicators.demo",
    "organisations.demo",
    "projects.demo",
    "market.demo",
    "ip.demo",
    "events.demo",
    "market.demo_sessions",
    "experts.demo",
    "cooperation.demo",
    "reviews.demo",
    "supervision.demo",
    "portal.demo",
    "home.demo_registry_indicators",
]


def load_all() -> dict[str, Any]:
    from importlib import import_module
    from importlib.util import find_spec

    from accounts import demo as accounts_demo
    from documents import demo as documents_demo
    from orgunits import demo as orgunits_demo
    from plans import demo as plans_demo

    units = orgunits_demo.load()
    users = accounts_demo.load(units)
    docs = documents_demo.load(units)
    plans = plans_demo.load(units, users, docs)
    context: dict[str, Any] = {"units": units, "users": users, "docs": docs, "plans": plans}
    for step in DEMO_STEPS:
        if find_spec(step) is not None:  # an app's demo module is optional
            import_module(step).load(context)
    return context
