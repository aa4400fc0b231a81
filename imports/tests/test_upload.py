"""Uploading: every supported format reaches the review page; bad input changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from imports.models import ImportJob, ImportStatus
from imports.tests.conftest import INLINE_SAMPLE, sample_text
from imports.tests.helpers import docx_bytes, upload
from plans.models import Plan, Task

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        ImportJob.objects.count(),
        Document.objects.count(),
        Plan.objects.count(),
        Task.objects.count(),
    )


def test_upload_txt_parses_in_the_background_and_lands_on_review(as_persona: Any) -> None:
    client = as_persona("monitor")
    before = _counts()
    response = upload(client, "ke-hoach.txt", sample_text().encode("utf-8"))
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response["Location"] == f"/imports/{job.pk}/"
    assert job.status == ImportStatus.DONE and job.progress == 100
    assert job.parsed["kind"] == "Kế hoạch"
    assert len(job.draft["tasks"]) >= 4
    # The status page, polled by htmx, sends the browser on to the review page once done.
    polled = client.get(f"/imports/{job.pk}/", HTTP_HX_REQUEST="true")
    assert polled["HX-Redirect"] == f"/imports/{job.pk}/review/"
    # Opening the status page of a finished job goes straight to the review.
    assert client.get(f"/imports/{job.pk}/")["Location"] == f"/imports/{job.pk}/review/"
    page = client.get(f"/imports/{job.pk}/review/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Văn bản gốc" in body and "Ban Tuyên giáo Thành ủy" in body
    # Parsing created the job only: no document, plan or task before confirmation.
    assert _counts()[1:] == before[1:]


def test_status_page_polls_while_the_job_is_queued(as_persona: Any, demo: Any) -> None:
    job = ImportJob.objects.create(created_by=demo.user("monitor"), text="x")
    body = as_persona("monitor").get(f"/imports/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in body and "Đang chờ xử lý" in body


def test_upload_docx_built_in_the_test(as_persona: Any) -> None:
    data = docx_bytes(INLINE_SAMPLE.splitlines())
    response = upload(as_persona("monitor"), "ke-hoach.docx", data)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE
    assert job.draft["number_symbol"] == "12-KH/TU"
    assert job.draft["date"] == "2020-03-15"
    assert [t["path"] for t in job.draft["tasks"]] == ["II.1", "II.2", "II.3", "II.4"]
    assert str(job.file.name).endswith(".docx")


def test_pasted_text_is_accepted(as_persona: Any) -> None:
    response = as_persona("monitor").post("/imports/new/", {"text": INLINE_SAMPLE})
    assert response.status_code == 302
    assert ImportJob.objects.get().filename == ""


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("hong.docx", b"PK\x03\x04 not really a zip", "hỏng"),
        ("quet.pdf", b"%PDF-1.4\n%garbage without any text layer\n%%EOF", "PDF"),
        ("rac.txt", bytes(range(256)) * 40, ""),
        ("anh.png", b"\x89PNG\r\n", "không được hỗ trợ"),
    ],
)
def test_bad_files_get_a_vietnamese_message_and_create_nothing(
    as_persona: Any, name: str, data: bytes, message: str
) -> None:
    before = _counts()
    response = upload(as_persona("monitor"), name, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="alert alert-danger"' in body
    assert message in body
    assert _counts() == before


def test_oversize_upload_is_refused_before_reading(as_persona: Any, settings: Any) -> None:
    settings.MAX_UPLOAD_BYTES = 1000
    before = _counts()
    response = upload(as_persona("monitor"), "lon.txt", b"a" * 5000)
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    huge = upload(as_persona("monitor"), "rat-lon.txt", b"a" * 200_000)
    assert huge.status_code == 413 and "Tệp quá lớn" in huge.content.decode()
    assert _counts() == before


def test_the_declared_size_is_checked_before_any_byte_is_read(demo: Any, settings: Any) -> None:
    from core.errors import ActionError
    from imports import actions

    settings.MAX_UPLOAD_BYTES = 10

    class Unreadable(SimpleUploadedFile):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("read before the size check")

    with pytest.raises(ActionError, match="quá lớn"):
        actions.start_import(demo.user("monitor"), upload=Unreadable("a.txt", b"x" * 100))


def test_empty_form_is_refused(as_persona: Any) -> None:
    response = as_persona("monitor").post("/imports/new/", {"text": "   "})
    assert response.status_code == 400
    assert "Hãy chọn một tệp hoặc dán nội dung" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_parsing_crash_ends_the_job_visibly(as_persona: Any, monkeypatch: Any) -> None:
    import docparse

    def boom(text: str) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(docparse, "parse_text", boom)
    response = as_persona("monitor").post("/imports/new/", {"text": INLINE_SAMPLE})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and "lỗi hệ thống" in job.error
    body = as_persona("monitor").get(response["Location"]).content.decode()
    assert "lỗi hệ thống" in body and "every 1s" not in body
