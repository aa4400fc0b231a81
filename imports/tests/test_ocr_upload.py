"""Scanned PDFs: the upload is accepted, the background job reads it by OCR with progress, the
review page shows the recognised text and marks the lines of low confidence."""

from __future__ import annotations

from typing import Any

import pytest

from docparse import ocr
from docparse.tests.scan import scanned_pdf
from imports import actions
from imports.models import ImportJob, ImportStatus
from imports.tests.helpers import upload

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ocr.available(), reason="Tesseract (vie) and pdftoppm not installed"),
]


def test_scanned_pdf_imports_end_to_end(as_persona: Any, monkeypatch: Any) -> None:
    states: list[tuple[int, str]] = []
    real_set_state = actions._set_state

    def spy(job: ImportJob, status: str, progress: int, message: str, **fields: Any) -> None:
        states.append((progress, message))
        real_set_state(job, status, progress, message, **fields)

    monkeypatch.setattr(actions, "_set_state", spy)
    client = as_persona("monitor")
    response = upload(client, "ban-quet.pdf", scanned_pdf())
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE, job.error
    # progress went through the OCR pages before the parsing
    assert any("trang 1/1" in message for _, message in states)
    assert [p for p, _ in states] == sorted(p for p, _ in states)
    assert "125/KH-UBND" in job.text
    assert job.parsed["number_symbol"] == "125/KH-UBND"
    assert job.parsed["kind"] == "Kế hoạch"
    assert job.parsed["ocr"]["pages"] == 1
    leads = {u for t in job.parsed["tasks"] for u in t["lead"]}
    assert "Sở Khoa học và Công nghệ" in leads
    page = client.get(f"/imports/{job.pk}/review/").content.decode()
    assert 'data-testid="ocr-review"' in page and "OCR" in page


def test_low_confidence_lines_are_marked_on_the_review_page(
    as_persona: Any, monkeypatch: Any
) -> None:
    # every line below a threshold above 100 %: all of them must be marked
    monkeypatch.setattr(ocr, "LOW_CONFIDENCE", 101.0)
    client = as_persona("monitor")
    upload(client, "ban-quet.pdf", scanned_pdf())
    job = ImportJob.objects.get()
    low = job.parsed["ocr"]["low_lines"]
    assert any("KẾ HOẠCH" in ln["text"] for ln in low)
    page = client.get(f"/imports/{job.pk}/review/").content.decode()
    assert 'data-testid="ocr-low-lines"' in page
    assert "<mark>KẾ HOẠCH</mark>" in page


def test_a_corrupt_pdf_is_still_refused_with_a_message(as_persona: Any) -> None:
    response = upload(as_persona("monitor"), "hong.pdf", b"%PDF-1.4\n%garbage\n%%EOF")
    assert response.status_code == 400
    assert ImportJob.objects.count() == 0
