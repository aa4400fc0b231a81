"""Tổng hợp và xuất báo cáo sơ kết, tổng kết từ dòng lệnh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.errors import ActionError
from reviews import actions
from reviews.drafting import Period
from reviews.exports import FORMATS, export, filename
from reviews.lookup import find_plan, find_round
from reviews.models import Review, ReviewStatus


class Command(BaseCommand):
    help = (
        "Tổng hợp báo cáo của một kế hoạch cho một kỳ (sơ kết, tổng kết, năm…) từ các báo cáo "
        "đã được tiếp nhận của đơn vị và xuất ra DOCX (đúng thể thức), PDF hoặc XLSX (phụ lục). "
        "Nếu kỳ đã có báo cáo tổng hợp thì xuất bản mới nhất (ưu tiên bản đã duyệt); nếu chưa "
        "có thì lập dự thảo mới. Bản chưa duyệt được xuất kèm dấu “DỰ THẢO”."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "plan",
            metavar="KE_HOACH",
            help="Kế hoạch: mã (uuid), số ký hiệu văn bản (vd. 101-KH/TU) hoặc một phần tên.",
        )
        parser.add_argument(
            "period",
            metavar="KY",
            help="Kỳ báo cáo: mã (uuid) hoặc tên kỳ, vd. “Sơ kết 2020-2025”, “2024”, "
            "“6 tháng đầu năm 2024”.",
        )
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=sorted(FORMATS),
            default="docx",
            help="Định dạng xuất: docx (văn bản), pdf hoặc xlsx (các phụ lục). Mặc định: docx.",
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="TEP",
            help="Đường dẫn tệp kết quả (mặc định: tên tự đặt trong thư mục hiện tại).",
        )
        parser.add_argument(
            "--recompile",
            action="store_true",
            help="Luôn tổng hợp lại một dự thảo mới từ báo cáo của các đơn vị.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["fmt"]
        try:
            plan = find_plan(options["plan"])
            rnd = find_round(plan, options["period"])
            review = None
            if not options["recompile"]:
                existing = Review.objects.filter(plan=plan, round=rnd)
                review = (
                    existing.filter(status=ReviewStatus.APPROVED).order_by("-created_at").first()
                    or existing.order_by("-created_at").first()
                )
            if review is None:
                review = actions.compile_review(None, plan, Period.of_round(rnd), system=True)
                self.stderr.write(f"Đã tổng hợp dự thảo mới: {review.pk}")
            content = export(review, fmt, final=review.is_approved)
        except ActionError as error:
            raise CommandError(error.message) from error
        target = Path(options["output"] or filename(review, fmt))
        try:
            target.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {target}: {error}") from error
        state = "bản chính thức (đã duyệt)" if review.is_approved else "bản DỰ THẢO (chưa duyệt)"
        self.stdout.write(f"Đã xuất {fmt.upper()} — {state}: {target}")
