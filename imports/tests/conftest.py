# ruff: noqa: E501  (a document sample: its lines are as long as the original)
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "001_502e5f425bf228fa.txt"

INLINE_SAMPLE = """THÀNH ỦY ĐÀ LẠT
BAN THƯỜNG VỤ
Số 12-KH/TU
Đà Lạt, ngày 15 tháng 3 năm 2020

KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 101-KH/TU ngày 03/9/2019 của Tỉnh ủy Lâm Đồng về phát triển khoa học và công nghệ

Thực hiện Kế hoạch số 101-KH/TU ngày 03/9/2019 của Tỉnh ủy Lâm Đồng, Ban Thường vụ Thành ủy ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức về khoa học và công nghệ.

II. TỔ CHỨC THỰC HIỆN
1. UBND thành phố chỉ đạo việc thực hiện các nhiệm vụ và giải pháp của Kế hoạch đến năm 2030.
2. Các TCCS đảng trực thuộc Thành ủy, các ban, ngành thành phố xây dựng kế hoạch thực hiện; định kỳ báo cáo.
3. Ban Tuyên giáo Thành ủy chủ trì phối hợp với Phòng Kinh tế thành phố theo dõi, kiểm tra; định kỳ báo cáo.
4. Hội Làm vườn Xứ Sương mù chủ trì tổ chức hội thảo chuyên đề.
"""


def sample_text() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.is_file() else INLINE_SAMPLE


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    """Parsing runs synchronously in tests."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
