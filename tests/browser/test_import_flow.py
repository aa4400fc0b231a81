"""Import a document in a real browser: upload → review (edit a field) → confirm → the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imports.tests.conftest import INLINE_SAMPLE
from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    # The live server has no background worker: parsing runs during the upload request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_import_a_plan_from_a_file(page: Any, tmp_path: Path, settings: Any) -> None:
    from orgunits.models import OrgUnit

    settings.MEDIA_ROOT = str(tmp_path / "media")
    owner = OrgUnit.objects.get(code="BTV-TU-DL")
    source = tmp_path / "ke-hoach-12.txt"
    source.write_text(INLINE_SAMPLE, encoding="utf-8")

    login(page, "theodoi")
    page.get_by_test_id("menu-group-documents").click()  # the menu's "Văn bản" drop-down
    page.get_by_role("link", name="Nhập văn bản").first.click()
    page.get_by_label("Tệp văn bản").set_input_files(str(source))
    page.get_by_role("button", name="Phân tích văn bản").click()
    page.wait_for_url("**/review/")  # parsed at once here; htmx polling otherwise
    assert "Hội Làm vườn Xứ Sương mù" in page.get_by_test_id("mention-table").inner_text()
    assert "UBND thành phố chỉ đạo" in page.get_by_test_id("original-text").inner_text()

    page.get_by_label("Tên kế hoạch sẽ tạo").fill(
        "Kế hoạch 12 về khoa học và công nghệ (đã rà soát)"
    )
    page.get_by_label("Đơn vị chủ quản kế hoạch").select_option(value=str(owner.pk))
    page.get_by_role("button", name="Lưu và sang bước xác nhận").click()
    page.wait_for_url("**/confirm/")
    assert page.get_by_test_id("task-count").inner_text().strip() == "4"
    page.get_by_test_id("confirm-import").click()

    page.wait_for_url("**/plans/*/")
    assert "đã rà soát" in page.get_by_test_id("plan-title").inner_text()
    assert page.get_by_test_id("task-row").count() == 4
    assert "UBND thành phố chỉ đạo" in page.content()
