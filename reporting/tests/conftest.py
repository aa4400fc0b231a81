"""A fresh one-off round of our own (period 2024, due in the future) with its derived reports."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from reporting import actions
from reporting.models import PeriodKind, ReportingRound, UnitReport, UnitReportingPolicy


@pytest.fixture
def fresh_round(demo: Any) -> ReportingRound:
    return actions.create_round(
        demo.user("monitor"),
        demo.seed_plan,
        kind=PeriodKind.INTERIM_REVIEW,
        label="Báo cáo chuyên đề 2024 (kiểm thử)",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        due_date=timezone.localdate() + datetime.timedelta(days=20),
        template="Nêu kết quả theo từng nhiệm vụ.",
    )


@pytest.fixture
def ward_report(demo: Any, fresh_round: ReportingRound) -> UnitReport:
    """Đảng bộ Phường 1's report in the fresh round, without leader approval."""
    UnitReportingPolicy.objects.filter(unit=demo.unit("DB-phuong-1")).update(
        requires_leader_approval=False
    )
    return UnitReport.objects.get(round=fresh_round, unit=demo.unit("DB-phuong-1"))


def client_for(persona: str) -> Client:
    """A signed-in client without the password hash round (fast); personas as in conftest."""
    from accounts.models import User
    from conftest import PERSONAS

    client = Client()
    client.force_login(User.objects.get(username=PERSONAS.get(persona, persona)))
    return client


def fill(report: UnitReport, text: str = "Tổ chức 3 hội nghị quán triệt") -> dict[str, Any]:
    """POST data for the report page: every section filled."""
    data: dict[str, Any] = {"version": report.version, "summary": "Đạt yêu cầu."}
    for section in report.task_reports.all():
        prefix = f"s-{section.pk}"
        data.update(
            {
                f"{prefix}-results": text,
                f"{prefix}-status": "in_progress",
                f"{prefix}-progress": "40",
                f"{prefix}-difficulties": "Thiếu kinh phí",
                f"{prefix}-proposals": "",
            }
        )
    return data


def pdf_file(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def office_file(name: str, member: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document>nội dung</document>")
    return SimpleUploadedFile(name, buffer.getvalue())
