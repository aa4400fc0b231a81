"""A small, known reporting round on the seed plan for the compile tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from reporting.models import PeriodKind, ReportingRound, ReportStatus, TaskReport, UnitReport

ROUND_LABEL = "Sơ kết thử nghiệm 2030"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def known_round(demo: Any) -> dict[str, Any]:
    """Three accepted reports (one late), one draft, one returned, on tasks II.1 and II.3.a."""
    plan = demo.seed_plan
    rnd = ReportingRound.objects.create(
        plan=plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label=ROUND_LABEL,
        period_start=datetime.date(2030, 1, 1),
        period_end=datetime.date(2030, 6, 30),
        due_date=datetime.date(2030, 7, 15),
    )
    ii1, ii3a = demo.task("II.1"), demo.task("II.3.a")

    def report(code: str, status: str, submitted: datetime.date | None) -> UnitReport:
        return UnitReport.objects.create(
            round=rnd,
            unit=demo.unit(code),
            status=status,
            submitted_at=_at(submitted) if submitted else None,
        )

    btg = report("BTG-TU-DL", ReportStatus.ACCEPTED, datetime.date(2030, 7, 10))
    pkt = report("PKT-DL", ReportStatus.ACCEPTED, datetime.date(2030, 7, 12))
    mttq = report("MTTQ-DL", ReportStatus.ACCEPTED, datetime.date(2030, 7, 20))
    draft = report("UBND-DL", ReportStatus.DRAFT, None)
    returned = report("HND-DL", ReportStatus.RETURNED, datetime.date(2030, 7, 14))
    trs = {
        "btg": TaskReport.objects.create(
            unit_report=btg,
            task=ii1,
            role="lead",
            results="Tổ chức 12 hội nghị quán triệt cho 1.500 lượt cán bộ, đảng viên. "
            "Đăng 40 tin bài trên cổng thông tin.",
            status="in_progress",
            progress=80,
            difficulties="Kinh phí tuyên truyền còn hạn chế.\nDo nguồn ngân sách phân bổ chậm.",
            proposals="Đề nghị bổ sung kinh phí tuyên truyền năm 2031.",
        ),
        "mttq": TaskReport.objects.create(
            unit_report=mttq,
            task=ii1,
            role="cooperating",
            results="Phối hợp tuyên truyền tại 16 khu dân cư.",
            status="in_progress",
            progress=60,
            difficulties="Kinh phí cho công tác tuyên truyền còn hạn chế.",
            proposals="Đề nghị bổ sung kinh phí tuyên truyền năm 2031",
        ),
        "pkt": TaskReport.objects.create(
            unit_report=pkt,
            task=ii3a,
            role="lead",
            results="Chuyển giao 5 quy trình sản xuất rau an toàn cho hợp tác xã Xuân Hương.",
            status="completed",
            progress=100,
            difficulties="Thiếu cán bộ kỹ thuật ở cơ sở.",
            proposals="Kiến nghị tỉnh hỗ trợ chứng nhận VietGAP.",
        ),
        "draft": TaskReport.objects.create(
            unit_report=draft,
            task=ii1,
            role="cooperating",
            results="KẾT QUẢ TRONG BẢN NHÁP KHÔNG ĐƯỢC DÙNG",
            difficulties="KHÓ KHĂN TRONG BẢN NHÁP",
        ),
        "returned": TaskReport.objects.create(
            unit_report=returned,
            task=ii3a,
            role="cooperating",
            results="KẾT QUẢ TRONG BÁO CÁO BỊ TRẢ LẠI",
            proposals="ĐỀ XUẤT TRONG BÁO CÁO BỊ TRẢ LẠI",
        ),
    }
    return {
        "round": rnd,
        "reports": {"btg": btg, "pkt": pkt, "mttq": mttq, "draft": draft, "returned": returned},
        "task_reports": trs,
    }
