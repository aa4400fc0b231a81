from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reporting.models import Evidence, UnitReport
from reporting.tests.conftest import client_for, fill, office_file, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def upload(report: UnitReport, file: Any, persona: str = "reporter") -> Any:
    return client_for(persona).post(
        f"/reporting/reports/{report.pk}/evidence/", {"file": file}, follow=True
    )


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        (pdf_file(), "application/pdf"),
        (office_file("ket-qua.docx", "word/document.xml"), "wordprocessingml"),
        (office_file("so-lieu.xlsx", "xl/workbook.xml"), "spreadsheetml"),
        (SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "image/png"),
        (SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64), "image/jpeg"),
    ],
)
def test_good_files_are_attached_and_typed_by_content(
    ward_report: UnitReport, file: Any, kind: str
) -> None:
    response = upload(ward_report, file)
    assert "Đã đính kèm minh chứng" in response.content.decode()
    evidence = Evidence.objects.get(unit_report=ward_report)
    assert kind in evidence.content_type and evidence.size > 0 and len(evidence.sha256) == 64


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200),  # .exe
        SimpleUploadedFile("ket-qua.docx", b"PK\x03\x04" + b"rubbish" * 30),  # corrupt zip
        office_file("ket-qua.docx", "content.xml"),  # a zip, but not a Word document
        SimpleUploadedFile("rong.pdf", b""),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_saved(
    ward_report: UnitReport, file: Any, tmp_path: Any
) -> None:
    response = upload(ward_report, file)
    body = response.content.decode()
    assert "không phải tệp minh chứng hợp lệ" in body or "rỗng" in body or "Hãy chọn" in body
    assert not Evidence.objects.filter(unit_report=ward_report).exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_oversize_files_are_refused(ward_report: UnitReport, settings: Any) -> None:
    settings.MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"x" * 2000)
    body = upload(ward_report, big).content.decode()
    assert "vượt giới hạn" in body
    assert not Evidence.objects.filter(unit_report=ward_report).exists()


def test_evidence_download_is_scoped(ward_report: UnitReport) -> None:
    upload(ward_report, pdf_file())
    evidence = Evidence.objects.get(unit_report=ward_report)
    url = f"/reporting/evidence/{evidence.pk}/"
    response = client_for("reporter").get(url)
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF-")
    assert client_for("monitor").get(url).status_code == 200
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("supervisor").get(url).status_code == 404
    # Only the unit may remove it, and only while the report is open.
    assert client_for("outsider").post(f"{url}delete/").status_code == 404


def test_the_outsider_cannot_attach_to_another_units_report(ward_report: UnitReport) -> None:
    response = client_for("outsider").post(
        f"/reporting/reports/{ward_report.pk}/evidence/", {"file": pdf_file()}
    )
    assert response.status_code == 404
    assert (
        not Evidence.objects.exists()
        or not Evidence.objects.filter(unit_report=ward_report).exists()
    )


def test_save_draft_attaches_the_chosen_file_with_the_text(demo: Any, ward_report: Any) -> None:
    data = {**fill(ward_report, "Kết quả kèm biên bản"), "action": "save", "file": pdf_file()}
    response = client_for("reporter").post(f"/reporting/reports/{ward_report.pk}/", data)
    assert response.status_code == 302
    ward_report.refresh_from_db()
    assert ward_report.task_reports.get().results == "Kết quả kèm biên bản"
    assert [e.original_name for e in ward_report.evidence.all()] == ["bien-ban.pdf"]


def test_a_refused_file_leaves_the_text_unsaved_and_kept_on_the_page(
    demo: Any, ward_report: Any
) -> None:
    before = ward_report.version
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf at all")
    data = {**fill(ward_report, "Không được mất chữ"), "action": "save", "file": fake}
    response = client_for("reporter").post(f"/reporting/reports/{ward_report.pk}/", data)
    assert response.status_code == 400
    assert "Không được mất chữ" in response.content.decode()
    ward_report.refresh_from_db()
    assert ward_report.version == before and not ward_report.evidence.exists()
    assert ward_report.task_reports.get().results != "Không được mất chữ"
