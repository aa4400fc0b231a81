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
from imports.draft import Draft
from imports.matching import rematch_units, units_outside
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
        parser.add_argument(
            "--allow-outside",
            action="store_true",
            help="Đồng ý giao nhiệm vụ cho đơn vị ngoài phạm vi đơn vị chủ quản",
        )

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
        draft = job.get_draft()
        if options.get("owner"):
            owner = OrgUnit.objects.filter(code=options["owner"]).first()
            if owner is None:
                raise CommandError(f"Không có đơn vị mã {options['owner']}.")
            draft.owner_id = str(owner.pk)
            rematch_units(draft)  # groups expand inside the chosen owner's area
        self._show(draft)
        if not draft.owner_id:
            raise CommandError(
                "Không xác định được đơn vị chủ quản; hãy chỉ định bằng --owner MÃ_ĐƠN_VỊ."
            )
        allow_outside = bool(options.get("allow_outside"))
        outside = units_outside(draft)
        if outside:
            self.stdout.write(
                "Đơn vị ngoài phạm vi đơn vị chủ quản: " + "; ".join(u.name for u in outside)
            )
        if not options["yes"]:
            answer = input("Nhập văn bản này vào hệ thống? [c/K] ").strip().lower()
            if answer in ("c", "co", "có", "y", "yes") and outside and not allow_outside:
                # The second, explicit yes for assigning work outside the owner's area.
                again = input("Giao nhiệm vụ cho các đơn vị ngoài phạm vi nêu trên? [c/K] ")
                allow_outside = again.strip().lower() in ("c", "co", "có", "y", "yes")
                answer = answer if allow_outside else "k"
            if answer not in ("c", "co", "có", "y", "yes"):
                self.stdout.write(f"Chưa nhập. Bản nháp được giữ lại: /imports/{job.pk}/review/")
                return
        try:
            job = actions.save_draft(user, job, expected_version=job.version, draft=draft)
            job = actions.confirm_import(
                user, job, expected_version=job.version, allow_outside=allow_outside
            )
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

    def _show(self, draft: Draft) -> None:
        names = {str(pk): name for pk, name in OrgUnit.objects.values_list("pk", "name")}
        summary: dict[str, Any] = {
            "kind": draft.kind,
            "number_symbol": draft.number_symbol,
            "issuer": draft.issuer,
            "place": draft.place,
            "date": draft.date,
            "title": draft.title,
            "owner": names.get(draft.owner_id or ""),
            "sections": [s.to_json() for s in draft.sections],
            "tasks": [
                {
                    "path": t.path,
                    "text": t.text[:200],
                    "lead": [names.get(u, u) for u in t.lead_ids],
                    "cooperating": [names.get(u, u) for u in t.cooperating_ids],
                    "deadline": t.deadline,
                    "frequency": t.frequency,
                }
                for t in draft.tasks
            ],
            "references": [
                {
                    "number_symbol": r.number_symbol,
                    "relation": r.relation,
                    "existing": bool(r.target_id),
                }
                for r in draft.references
            ],
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        self.stdout.write("\nĐối chiếu đơn vị:")
        for m in draft.mentions:
            found = "; ".join(names.get(u, u) for u in m.unit_ids) or "CHƯA TÌM THẤY"
            self.stdout.write(f"  - {m.mention} → {found} ({m.reason})")
