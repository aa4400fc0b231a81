from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.demo_passwords import DEMO_PASSWORDS
from reporting.models import PeriodKind, ReportingRound
from reviews.models import Review, ReviewStatus
from reviews.tests.factories import ROUND_LABEL, known_round

pytestmark = pytest.mark.django_db


def _demo_review() -> Review:
    return Review.objects.get(round__kind=PeriodKind.INTERIM_REVIEW, status=ReviewStatus.APPROVED)


def test_demo_has_an_approved_interim_review(demo: Any) -> None:
    review = _demo_review()
    assert review.plan == demo.seed_plan
    assert review.paragraphs.filter(source_reports__isnull=False).exists()
    assert len(review.annexes["completeness"]) > 10


def test_plan_page_links_to_reviews_and_list_shows_them(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    body = client.get(f"/plans/{demo.seed_plan.pk}/").content.decode()
    assert f"/reviews/plans/{demo.seed_plan.pk}/" in body
    page = client.get(f"/reviews/plans/{demo.seed_plan.pk}/").content.decode()
    assert str(_demo_review().pk) in page
    assert "Tổng hợp báo cáo" in page
    assert str(_demo_review().pk) in client.get("/reviews/").content.decode()


def test_compile_edit_approve_export_through_the_pages(as_persona: Any, demo: Any) -> None:
    data = known_round(demo)
    client = as_persona("monitor")
    url = f"/reviews/plans/{demo.seed_plan.pk}/compile/"
    assert ROUND_LABEL in client.get(url).content.decode()
    response = client.post(url, {"round": str(data["round"].pk)})
    assert response.status_code == 302
    review = Review.objects.get(round=data["round"])
    page = client.get(f"/reviews/{review.pk}/").content.decode()
    assert "Tổ chức 12 hội nghị" in page
    assert f"/reporting/reports/{data['reports']['btg'].pk}/" in page  # source link
    para = review.paragraphs.get(text__startswith="Nhiệm vụ II.1 ")
    form = client.get(
        f"/reviews/{review.pk}/paragraph/?paragraph={para.pk}", HTTP_HX_REQUEST="true"
    )
    assert form.status_code == 200 and "textarea" in form.content.decode()
    saved = client.post(
        f"/reviews/{review.pk}/paragraph/",
        {"paragraph": str(para.pk), "version": review.version, "text": "Nội dung mới."},
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200 and "Nội dung mới." in saved.content.decode()
    stale = client.post(
        f"/reviews/{review.pk}/paragraph/",
        {"paragraph": str(para.pk), "version": review.version, "text": "Ghi đè."},
        HTTP_HX_REQUEST="true",
    )
    assert stale.status_code == 400 and "vừa được người khác cập nhật" in stale.content.decode()
    versions = client.get(f"/reviews/{review.pk}/versions/?a=1&b=2").content.decode()
    assert "<ins>Nội dung mới.</ins>" in versions
    # A draft exports only as a marked preview.
    final = client.get(f"/reviews/{review.pk}/export/docx/")
    assert final.status_code == 302
    preview = client.get(f"/reviews/{review.pk}/export/xlsx/?preview=1")
    assert preview.status_code == 200 and preview.content[:2] == b"PK"
    assert "du-thao" in preview["Content-Disposition"]
    review.refresh_from_db()
    # Without the version the button approves nothing (never "whatever is stored now").
    refused = client.post(f"/reviews/{review.pk}/approve/", {}, follow=True)
    assert "Thiếu phiên bản" in refused.content.decode()
    assert Review.objects.get(pk=review.pk).status != ReviewStatus.APPROVED
    # The monitoring officer compiled it: approval is the leader's.
    client.post(f"/reviews/{review.pk}/approve/", {"version": review.version})
    assert Review.objects.get(pk=review.pk).status != ReviewStatus.APPROVED
    leader = Client()
    assert leader.login(username="lanhdao", password=DEMO_PASSWORDS["lanhdao"])
    page = leader.get(f"/reviews/{review.pk}/").content.decode()
    assert 'data-testid="approve"' in page
    leader.post(f"/reviews/{review.pk}/approve/", {"version": review.version})
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    final = client.get(f"/reviews/{review.pk}/export/docx/")
    assert final.status_code == 200 and final.content[:2] == b"PK"
    assert client.get(f"/reviews/{review.pk}/export/odt/").status_code == 404


def test_compile_form_bad_input(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    url = f"/reviews/plans/{demo.seed_plan.pk}/compile/"
    before = Review.objects.count()
    response = client.post(url, {"round": "not-a-round"})
    assert response.status_code == 400
    assert "Kỳ báo cáo không tồn tại" in response.content.decode()
    assert "Hãy chọn kỳ báo cáo" in client.post(url, {}).content.decode()
    assert Review.objects.count() == before


@pytest.mark.parametrize("persona", ["outsider", "reporter", "supervisor"])
def test_units_that_do_not_own_the_plan_see_no_review(as_persona: Any, persona: str) -> None:
    review = _demo_review()
    client = as_persona(persona)
    for url in (
        f"/reviews/{review.pk}/",
        f"/reviews/{review.pk}/versions/",
        f"/reviews/{review.pk}/export/docx/",
        f"/reviews/{review.pk}/export/pdf/?preview=1",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/reviews/{review.pk}/approve/").status_code == 404
    assert client.get(f"/reviews/plans/{review.plan.pk}/compile/").status_code == 404
    assert str(review.pk) not in client.get("/reviews/").content.decode()
    assert str(review.pk) not in client.get(f"/reviews/plans/{review.plan.pk}/").content.decode()


def test_anonymous_is_sent_to_login(anonymous: Any) -> None:
    response = anonymous.get(f"/reviews/{_demo_review().pk}/")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_cli_exports_the_approved_demo_review(tmp_path: Path, demo: Any) -> None:
    target = tmp_path / "so-ket.docx"
    out = io.StringIO()
    call_command(
        "compile_report",
        "phát triển khoa học và công nghệ phục vụ",
        "Sơ kết 2020-2025",
        "--format",
        "docx",
        "--output",
        str(target),
        stdout=out,
    )
    assert "bản chính thức" in out.getvalue()
    from docx import Document as open_docx

    doc = open_docx(str(target))
    assert doc.tables[0].rows[0].cells[1].text.startswith("ĐẢNG CỘNG SẢN VIỆT NAM")


def test_cli_compiles_a_new_draft_for_a_year(tmp_path: Path, demo: Any) -> None:
    target = tmp_path / "nam.xlsx"
    before = Review.objects.count()
    out = io.StringIO()
    call_command(
        "compile_report",
        str(demo.seed_plan.pk),
        "2024",
        "--format=xlsx",
        f"--output={target}",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "DỰ THẢO" in out.getvalue() and target.read_bytes()[:2] == b"PK"
    review = Review.objects.order_by("-created_at").first()
    assert review is not None and Review.objects.count() == before + 1
    assert review.round == ReportingRound.objects.get(plan=demo.seed_plan, label="Năm 2024")


def test_cli_bad_input(demo: Any) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy kế hoạch"):
        call_command("compile_report", "không có kế hoạch này", "2024")
    with pytest.raises(CommandError, match="không có kỳ báo cáo “1999”"):
        call_command("compile_report", str(demo.seed_plan.pk), "1999")
    with pytest.raises(CommandError):
        call_command("compile_report", str(demo.seed_plan.pk), "2024", "--format", "odt")


def test_cli_help_is_vietnamese() -> None:
    from reviews.management.commands.compile_report import Command

    parser = Command().create_parser("manage.py", "compile_report")
    text = parser.format_help()
    assert "Tổng hợp báo cáo" in text and "Kỳ báo cáo" in text and "--format" in text
