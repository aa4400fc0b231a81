"""``manage.py import_document FILE [--owner CODE] [--user USERNAME] [--yes]``: the web import
flow from the command line — parse, show the proposal and the unit matching, confirm."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from core.errors import ActionError
from imports import actions
from imports.models import ImportStatus
from orgunits.models import OrgUnit


class Command(BaseCommand):
    help = "Nhập một văn bản: tạo văn bản, kế hoạch, mục, nhiệm vụ và phân công sau khi xác nhận."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Đường dẫn tệp văn bản")
        parser.add_argument(
            "--owner", help="Mã đơn vị chủ quản kế hoạch (mặc định: cơ quan ban hành)"
        )
        parser.add_argument("--user", help="Tên đăng nhập người nhập (mặc định: quản trị hệ thống)")
        parser.add_argument("--yes", action="store_true", help="Không hỏi lại, nhập ngay")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options.get("user"))
        if not options["yes"] and not sys.stdin.isatty():
            raise CommandError(
                "Không có thiết bị nhập để xác nhận; "
                "hãy chạy lại với --yes nếu chắc chắn muốn nhập."
            )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp: {path}")
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        try:
            job = actions.start_import(user, upload=upload, enqueue=False)
        except ActionError as error:
            raise CommandError(error.message) from error
        actions.run_parse(str(job.pk))
        job.refresh_from_db()
        if job.status != ImportStatus.DONE:
            raise CommandError(job.error or "Không phân tích được văn bản.")
        draft = dict(job.draft)
        if options.get("owner"):
            owner = OrgUnit.objects.filter(code=options["owner"]).first()
            if owner is None:
                raise CommandError(f"Không có đơn vị mã {options['owner']}.")
            draft["owner_id"] = str(owner.pk)
        self._show(draft)
        if not draft.get("owner_id"):
            raise CommandError(
                "Không xác định được đơn vị chủ quản; hãy chỉ định bằng --owner MÃ_ĐƠN_VỊ."
            )
        if not options["yes"]:
            answer = input("Nhập văn bản này vào hệ thống? [c/K] ").strip().lower()
            if answer not in ("c", "co", "có", "y", "yes"):
                self.stdout.write(f"Chưa nhập. Bản nháp được giữ lại: /imports/{job.pk}/review/")
                return
        try:
            job = actions.save_draft(user, job, expected_version=job.version, draft=draft)
            job = actions.confirm_import(user, job, expected_version=job.version)
        except ActionError as error:
            raise CommandError(error.message) from error
        plan = job.plan
        assert plan is not None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập: kế hoạch «{plan.title[:80]}» với {plan.tasks.count()} nhiệm vụ "
                f"(/plans/{plan.pk}/)."
            )
        )

    def _user(self, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"Không có người dùng {username}.")
            return user
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("Chưa có tài khoản quản trị; hãy chỉ định --user.")
        return user

    def _show(self, draft: dict[str, Any]) -> None:
        names = {str(pk): name for pk, name in OrgUnit.objects.values_list("pk", "name")}
        summary = {
            k: draft.get(k) for k in ("kind", "number_symbol", "issuer", "place", "date", "title")
        }
        summary["owner"] = names.get(draft.get("owner_id") or "")
        summary["sections"] = draft.get("sections")
        summary["tasks"] = [
            {
                "path": t.get("path"),
                "text": (t.get("text") or "")[:200],
                "lead": [names.get(u, u) for u in t.get("lead_ids") or []],
                "cooperating": [names.get(u, u) for u in t.get("cooperating_ids") or []],
                "deadline": t.get("deadline"),
                "frequency": t.get("frequency"),
            }
            for t in draft.get("tasks") or []
        ]
        summary["references"] = [
            {
                "number_symbol": r.get("number_symbol"),
                "relation": r.get("relation"),
                "existing": bool(r.get("target_id")),
            }
            for r in draft.get("references") or []
        ]
        self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        self.stdout.write("\nĐối chiếu đơn vị:")
        for m in draft.get("mentions") or []:
            found = "; ".join(names.get(u, u) for u in m.get("unit_ids") or []) or "CHƯA TÌM THẤY"
            self.stdout.write(f"  - {m['mention']} → {found} ({m.get('reason')})")
