"""Projects the tests walk through the real actions (the demo's are already far along)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from projects import actions
from projects.actions import Budget, CouncilInput, Person
from projects.models import FundingSource, Project, Rating

D = datetime.date


def council(day: datetime.date) -> CouncilInput:
    return CouncilInput(
        met_on=day,
        decision_ref="12/QĐ-SKHCN",
        conclusion="Đạt yêu cầu",
        members=(
            Person("TS. A", "Chủ tịch", Decimal("88")),
            Person("TS. B", "Phản biện", Decimal("80")),
        ),
    )


def proposal(demo: Any, actor: Any = None, **fields: Any) -> Project:
    """A city-level draft proposed by the city (managed by UBND-DL: the manager persona)."""
    actor = actor or demo.user("manager")
    values: dict[str, Any] = {
        "title": "Nghiên cứu trồng hoa cát tường trong nhà màng tại Phường 3",
        "kind": "de_tai",
        "level": "co_so",
        "science_field": "4",
        "unit": demo.unit("UBND-DL"),
        "managing_unit": demo.unit("UBND-DL"),
        "estimated_budget": 350_000_000,
    }
    values.update(fields)
    return actions.create_project(actor, **values)


def host(demo: Any) -> Any:
    from organisations.models import Organisation

    return Organisation.objects.get(name="Trung tâm Nghiên cứu Khoai tây, Rau và Hoa")


def walk_to(demo: Any, project: Project, stop: str, actor: Any = None) -> Project:
    """Move ``project`` along the machine up to ``stop`` (a status value)."""
    actor = actor or demo.user("manager")
    steps = [
        ("proposed", lambda p: actions.submit_proposal(actor, p, expected_version=p.version)),
        (
            "listed",
            lambda p: actions.list_project(actor, p, expected_version=p.version, list_year=2024),
        ),
        (
            "selected",
            lambda p: actions.select_project(
                actor,
                p,
                expected_version=p.version,
                method="call",
                host=host(demo),
                principal_investigator="TS. Nguyễn Thị Hoa",
                council=council(D(2024, 3, 1)),
                members=[Person("KS. Lê Văn Bình", "Thư ký")],
                decided_on=D(2024, 3, 10),
            ),
        ),
        (
            "contracted",
            lambda p: actions.sign_contract(
                actor,
                p,
                expected_version=p.version,
                contract_number="07/2024/HĐ-KHCN",
                signed_on=D(2024, 4, 1),
                start_date=D(2024, 4, 15),
                end_date=D(2025, 10, 14),
                budget=[
                    Budget(FundingSource.STATE_DISTRICT, 2024, 200_000_000),
                    Budget(FundingSource.ENTERPRISE_FUND, 2024, 150_000_000),
                ],
            ),
        ),
        ("in_progress", lambda p: actions.start_project(actor, p, expected_version=p.version)),
        (
            "accepted",
            lambda p: actions.accept_project(
                actor,
                p,
                expected_version=p.version,
                accepted_on=D(2025, 11, 20),
                rating=Rating.GOOD,
                products_delivered="Quy trình kỹ thuật; 2 ha mô hình",
                council=council(D(2025, 11, 20)),
            ),
        ),
        (
            "registered",
            lambda p: actions.register_result(
                actor,
                p,
                expected_version=p.version,
                registration_number="2025-58-901/KQNC",
                registered_on=D(2025, 12, 5),
            ),
        ),
    ]
    for status, step in steps:
        if project.status == stop:
            break
        project = step(project)
        if status == stop:
            break
    project.refresh_from_db()
    return project
