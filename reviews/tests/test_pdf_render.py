"""PDF exports are made by the worker, never inside a request (issue 11, class 1): the export
page answers at once (202, a page that reloads itself), the worker converts, the same content
is converted once, and a failed or abandoned conversion ends with a message, never a 500."""

from __future__ import annotations

import io
import zipfile
from typing import Any
from unittest import mock

import pytest

from core.errors import ActionError
from docparse.office import find_soffice
from reporting.models import PeriodKind
from reviews import rendering
from reviews.exports.docx import build_docx
from reviews.models import PdfRender, RenderStatus, Review, ReviewStatus

pytestmark = pytest.mark.django_db


def _review() -> Review:
    return Review.objects.get(round__kind=PeriodKind.INTERIM_REVIEW, status=ReviewStatus.APPROVED)


def test_the_export_page_queues_one_render_and_answers_at_once(
    as_persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    review = _review()
    client = as_persona("monitor")
    url = f"/reviews/{review.pk}/export/pdf/"
    with mock.patch("reviews.rendering._enqueue") as enqueue:
        with django_capture_on_commit_callbacks(execute=True):
            first = client.get(url)
        assert first.status_code == 202
        body = first.content.decode()
        assert 'data-testid="pdf-waiting"' in body and 'http-equiv="refresh"' in body
        assert enqueue.call_count == 1
        with django_capture_on_commit_callbacks(execute=True):
            again = client.get(url)
        assert again.status_code == 202 and enqueue.call_count == 1  # the same render
    assert PdfRender.objects.count() == 1


def test_a_failed_conversion_says_why_and_can_be_tried_again(as_persona: Any) -> None:
    review = _review()
    client = as_persona("monitor")
    url = f"/reviews/{review.pk}/export/pdf/"
    with mock.patch("reviews.rendering._enqueue"):
        client.get(url)
    job = PdfRender.objects.get()
    failing = mock.patch(
        "reviews.exports.pdf.docx_to_pdf",
        side_effect=ActionError("Không chuyển được báo cáo sang PDF (LibreOffice báo lỗi)."),
    )
    with failing:
        assert rendering.run_render(str(job.pk)) == RenderStatus.FAILED
    page = client.get(url)
    assert page.status_code == 200
    assert "LibreOffice báo lỗi" in page.content.decode() and "retry=1" in page.content.decode()
    with mock.patch("reviews.rendering._enqueue"):
        retried = client.get(url + "?retry=1")
    assert retried.status_code == 202
    job.refresh_from_db()
    assert job.status == RenderStatus.QUEUED and job.error == ""


def test_an_abandoned_render_ends_failed_and_a_done_one_is_left_alone() -> None:
    docx = build_docx(_review())
    job = rendering.request_pdf(docx)
    rendering.abandon_render(str(job.pk))
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED and "DOCX" in job.error
    assert rendering.run_render(str(job.pk)) == "skipped"


def test_the_key_is_the_content_not_the_zip_timestamps() -> None:
    def docx(stamp: tuple[int, int, int, int, int, int], text: str = "<w:t>Báo cáo</w:t>") -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, body in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", text)):
                archive.writestr(zipfile.ZipInfo(name, date_time=stamp), body)
        return buffer.getvalue()

    first, second = docx((2026, 11, 30, 9, 0, 0)), docx((2026, 11, 30, 9, 0, 2))
    assert first != second  # python-docx stamps each save: the bytes differ…
    assert rendering.content_key(first) == rendering.content_key(second)  # …the content does not
    assert rendering.content_key(first) != rendering.content_key(
        docx((2026, 11, 30, 9, 0, 0), "<w:t>Khác</w:t>")
    )


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_the_worker_renders_and_the_page_then_gives_the_file(as_persona: Any) -> None:
    review = _review()
    client = as_persona("monitor")
    url = f"/reviews/{review.pk}/export/pdf/"
    with mock.patch("reviews.rendering._enqueue"):
        assert client.get(url).status_code == 202
    job = PdfRender.objects.get()
    assert rendering.run_render(str(job.pk)) == RenderStatus.DONE
    done = client.get(url)
    assert done.status_code == 200 and done["Content-Type"] == "application/pdf"
    assert done.content.startswith(b"%PDF")
    # Another unit never reaches the render: the export page is scoped (404).
    assert as_persona("outsider").get(url).status_code == 404
