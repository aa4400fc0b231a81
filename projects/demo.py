"""Demo S&T projects of Đà Lạt and Lâm Đồng, 2015–2025, across the whole lifecycle.

Every project is walked through the real actions (so its timeline, councils, budget, audit
rows are what the pages would have written), dated as it happened. Some accepted projects are
applied and replicated, some never applied — the dashboard panel and the computed indicators
show both. Titles and figures are illustrative, written for this demo.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from indicators.models import Aggregation, Indicator, ValueType
from projects import actions
from projects.actions import Budget, CouncilInput, Person
from projects.demo_data import PROJECTS
from projects.models import FundingSource, ProjectLevel

D = datetime.date
PROV, NAT = ProjectLevel.PROVINCE, ProjectLevel.NATIONAL

# Computed indicators: counted from the registry, never typed (indicators.computed).
COMPUTED = [
    (
        "NV-DTH",
        "Nhiệm vụ KH&CN đang thực hiện (tính từ sổ nhiệm vụ)",
        "nhiệm vụ",
        "projects.under_way",
        Aggregation.LATEST,
    ),
    (
        "NV-DTH-TINH",
        "Nhiệm vụ KH&CN cấp tỉnh đang thực hiện (tính từ sổ nhiệm vụ)",
        "nhiệm vụ",
        "projects.under_way.province",
        Aggregation.LATEST,
    ),
    (
        "NV-NT",
        "Nhiệm vụ KH&CN được nghiệm thu (tính từ sổ nhiệm vụ)",
        "nhiệm vụ",
        "projects.accepted",
        Aggregation.SUM,
    ),
    (
        "NV-UD",
        "Nhiệm vụ có kết quả được ứng dụng (tính từ sổ nhiệm vụ)",
        "nhiệm vụ",
        "projects.applied",
        Aggregation.SUM,
    ),
    (
        "NV-NR",
        "Nhiệm vụ có kết quả được nhân rộng (tính từ sổ nhiệm vụ)",
        "nhiệm vụ",
        "projects.replicated",
        Aggregation.SUM,
    ),
    (
        "NV-KP-NSNN",
        "Kinh phí ngân sách nhà nước cho nhiệm vụ KH&CN (tính từ sổ nhiệm vụ)",
        "triệu đồng",
        "projects.budget.state",
        Aggregation.SUM,
    ),
    (
        "NV-KP-DN",
        "Kinh phí doanh nghiệp, quỹ phát triển KH&CN cho nhiệm vụ (tính từ sổ nhiệm vụ)",
        "triệu đồng",
        "projects.budget.enterprise",
        Aggregation.SUM,
    ),
    (
        "NV-KP-XHH",
        "Kinh phí xã hội hóa khác cho nhiệm vụ KH&CN (tính từ sổ nhiệm vụ)",
        "triệu đồng",
        "projects.budget.other",
        Aggregation.SUM,
    ),
]

ORDER = [
    "draft",
    "proposed",
    "listed",
    "selected",
    "contracted",
    "in_progress",
    "accepted",
    "registered",
]
MILLION = 1_000_000


def _council(day: datetime.date, stage: str, pi: str) -> CouncilInput:
    return CouncilInput(
        met_on=day,
        decision_ref=f"{day.day}/QĐ-SKHCN",
        conclusion=stage,
        members=(
            Person("PGS.TS. Nguyễn Đình Khôi", "Chủ tịch hội đồng", Decimal("85")),
            Person("TS. Lê Thị Thanh Xuân", "Phản biện 1", Decimal("82")),
            Person("TS. Võ Văn Tâm", "Phản biện 2", Decimal("80")),
            Person("ThS. Trần Bảo Ngọc", "Ủy viên thư ký", Decimal("84")),
        ),
    )


def _budget(year: int, state: int, enterprise: int, other: int, level: str) -> list[Budget]:
    """The approved total split over two years (60/40), state money at the project's level."""
    by_level: dict[str, str] = {
        PROV: FundingSource.STATE_PROVINCE,
        NAT: FundingSource.STATE_CENTRAL,
    }
    state_source = by_level.get(level, FundingSource.STATE_DISTRICT)
    lines = []
    for source, total in (
        (state_source, state),
        (FundingSource.ENTERPRISE_FUND, enterprise),
        (FundingSource.OTHER, other),
    ):
        if total:
            first = total * 6 // 10
            lines += [
                Budget(source, year, first * MILLION),
                Budget(source, year + 1, (total - first) * MILLION),
            ]
    return lines


def load(context: dict[str, Any]) -> None:
    from plans.models import Task

    units, users, orgs = context["units"], context["users"], context["organisations"]
    office = users["theodoi"]
    seed = Task.objects.filter(plan__document__isnull=False, plan__parent__isnull=True)
    tasks = {t.code: t for t in seed.filter(code__in={row[-1] for row in PROJECTS})}
    for row in PROJECTS:
        code, title, kind, level, field, host_key, pi, year, final, rating, money, apps, task = row
        host = orgs[host_key]
        provincial = level in (PROV, NAT)
        managing = units["SKHCN-LD" if provincial else "UBND-DL"]
        unit = host.unit or managing
        actor = office
        if final == "draft":  # a ward's own draft: private to its proposer
            actor, unit = users["donvi"], units["DB-phuong-1"]
        state, enterprise, other = money
        lowered = title[0].lower() + title[1:]
        p = actions.create_project(
            actor,
            code=code,
            title=title,
            kind=kind,
            level=level,
            science_field=field,
            objectives=f"Mục tiêu: {lowered}, góp phần nâng cao năng suất, chất lượng và giá trị "
            "sản phẩm của địa phương.",
            expected_products="Báo cáo tổng hợp; quy trình kỹ thuật; mô hình trình diễn; "
            "bài báo khoa học.",
            abstract=f"Nhiệm vụ {lowered}. Kết quả dự kiến được chuyển giao cho tổ chức, hộ sản "
            "xuất trên địa bàn.",
            duration_months=24,
            estimated_budget=(state + enterprise + other) * MILLION,
            unit=unit,
            managing_unit=managing,
            proposer=host,
            plan_tasks=[tasks[task]] if task in tasks else [],
        )
        if final == "draft":
            continue
        actions.submit_proposal(actor, p, expected_version=p.version, on=D(year - 1, 9, 15))
        if final == "proposed":
            continue
        if final == "cancelled":
            actions.list_project(
                office, p, expected_version=p.version, list_year=year, on=D(year - 1, 12, 10)
            )
            actions.cancel_project(
                office,
                p,
                expected_version=p.version,
                reason="Tổ chức chủ trì rút hồ sơ do không bố trí được vốn đối ứng.",
                on=D(year, 2, 20),
            )
            continue
        actions.list_project(
            office,
            p,
            expected_version=p.version,
            list_year=year,
            note=f"Danh mục nhiệm vụ năm {year}",
            on=D(year - 1, 12, 10),
        )
        if final == "listed":
            continue
        by_call = level == PROV
        actions.select_project(
            office,
            p,
            expected_version=p.version,
            method="call" if by_call else "direct",
            host=host,
            principal_investigator=pi,
            decision=f"{100 + len(title) % 50}/QĐ-UBND",
            council=_council(D(year, 3, 5), "Đề nghị phê duyệt", pi) if by_call else None,
            members=(
                Person(pi, "Chủ nhiệm"),
                Person("ThS. Nguyễn Thị Hồng", "Thư ký khoa học"),
                Person("KS. Đinh Văn Lực", "Thành viên chính"),
            ),
            partners=[orgs["skhcn"]] if host_key != "skhcn" else [],
            decided_on=D(year, 3, 20),
        )
        if final == "selected":
            continue
        start = D(year, 6, 1)
        actions.sign_contract(
            office,
            p,
            expected_version=p.version,
            contract_number=f"{len(title) % 30 + 1:02d}/{year}/HĐ-KHCN",
            signed_on=D(year, 5, 10),
            start_date=start,
            end_date=D(year + 2, 5, 31),
            budget=_budget(year, state, enterprise, other, level),
        )
        if final == "contracted":
            continue
        actions.start_project(office, p, expected_version=p.version)
        first_line = p.budget_lines.all()[0]
        actions.record_disbursement(
            office,
            p,
            expected_version=p.version,
            paid_on=D(year, 7, 1),
            source=first_line.source,
            amount=first_line.amount,
        )
        actions.record_progress_check(
            office,
            p,
            expected_version=p.version,
            checked_on=D(year + 1, 6, 15),
            findings="Thực hiện đúng nội dung, sản phẩm trung gian đạt yêu cầu.",
            on_schedule=final != "suspended",
        )
        if final == "suspended":
            actions.suspend_project(
                office,
                p,
                expected_version=p.version,
                reason="Tạm dừng chờ điều chỉnh thiết bị do nhà cung cấp không giao hàng.",
                on=D(year + 1, 7, 1),
            )
            continue
        if final == "in_progress":
            if year == 2023:
                actions.record_adjustment(
                    office,
                    p,
                    expected_version=p.version,
                    kind="extension",
                    decision_ref="215/QĐ-SKHCN",
                    decided_on=D(year + 2, 4, 20),
                    description="Gia hạn 6 tháng do thời tiết bất lợi.",
                    new_end_date=D(year + 2, 11, 30),
                )
            continue
        accepted_on = D(year + 2, 8, 15)
        actions.accept_project(
            office,
            p,
            expected_version=p.version,
            accepted_on=accepted_on,
            rating=rating,
            products_delivered="Đủ sản phẩm theo hợp đồng."
            if rating != "khong_dat"
            else "Thiếu quy trình kỹ thuật và mô hình trình diễn.",
            council=_council(accepted_on, "Nghiệm thu", pi),
        )
        if final == "registered":
            actions.register_result(
                office,
                p,
                expected_version=p.version,
                registration_number=f"{year + 2}-58-{len(title):03d}/KQNC",
                registered_on=accepted_on + datetime.timedelta(days=30),
            )
        for app_year, applier, place, ha, households, output, replication in apps:
            actions.record_application(
                office,
                p,
                expected_version=p.version,
                applier=applier,
                place=place,
                year=app_year,
                area_ha=Decimal(ha) if ha else None,
                households=households or None,
                output=output,
                benefits="Năng suất tăng 15–25%, giảm chi phí vật tư, sản phẩm bán giá cao hơn.",
                is_replication=replication,
            )
    for order, (code, name, measure, source, aggregation) in enumerate(COMPUTED, start=1):
        Indicator.objects.create(
            code=code,
            name=name,
            group="Nhiệm vụ khoa học và công nghệ",
            measure_unit=measure,
            value_type=ValueType.DECIMAL if measure == "triệu đồng" else ValueType.INTEGER,
            aggregation=aggregation,
            computed_source=source,
            order=900 + order,
            description="Tính tự động từ sổ nhiệm vụ KH&CN; không nhập tay.",
        )
