"""A scanned PDF (no text layer) imported in a real browser: upload → OCR in the job → review
with the OCR notice → confirm → the plan and its tasks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docparse import ocr
from docparse.tests.scan import scanned_pdf
from tests.browser.test_main_flow import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not ocr.available(), reason="Tesseract (vie) and pdftoppm not installed"),
]


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    # The live server has no background worker: OCR and parsing run during the upload request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_import_a_scanned_pdf(page: Any, tmp_path: Path, settings: Any) -> None:
    from orgunits.models import OrgUnit

    settings.MEDIA_ROOT = str(tmp_path / "media")
    owner = OrgUnit.objects.get(code="BTV-TU-DL")
    source = tmp_path / "ke-hoach-ban-quet.pdf"
    source.write_bytes(scanned_pdf())

    login(page, "theodoi")
    page.get_by_test_id("menu-group-documents").click()  # the menu's "Văn bản" drop-down
    page.get_by_role("link", name="Nhập văn bản").first.click()
    page.get_by_label("Tệp văn bản").set_input_files(str(source))
    page.get_by_role("button", name="Phân tích văn bản").click()
    page.wait_for_url("**/review/", timeout=120_000)
    assert "OCR" in page.get_by_test_id("ocr-review").inner_text()
    assert "125/KH-UBND" in page.get_by_test_id("original-text").inner_text()
    assert page.get_by_label("Số, ký hiệu").input_value() == "125/KH-UBND"

    page.get_by_label("Đơn vị chủ quản kế hoạch").select_option(value=str(owner.pk))
    page.get_by_role("button", name="Lưu và sang bước xác nhận").click()
    page.wait_for_url("**/confirm/")
    assert page.get_by_test_id("task-count").inner_text().strip() == "2"
    # Units outside the owner's area need an explicit second confirmation (issue 16).
    if page.locator("#allow-outside").count():
        page.locator("#allow-outside").check()
    page.get_by_test_id("confirm-import").click()
    page.wait_for_url("**/plans/*/")
    assert page.get_by_test_id("task-row").count() == 2
    assert "cơ sở dữ liệu" in page.content()
