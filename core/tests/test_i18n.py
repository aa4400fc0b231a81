from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from core.text import fold


def test_fold_handles_d_with_stroke_which_does_not_decompose() -> None:
    assert fold("ĐÀ LẠT") == fold("đà lạt") == "da lat"
    assert fold("Thành uỷ") == fold("Thành ủy") == "thanh uy"


@pytest.mark.django_db
class TestLanguages:
    def test_vietnamese_is_the_default(self, as_persona: Any, demo: Any) -> None:
        body = as_persona("reporter").get("/plans/").content.decode()
        assert 'lang="vi"' in body and "Kế hoạch, chương trình" in body

    def test_english_is_available(self, as_persona: Any, demo: Any) -> None:
        client = as_persona("reporter")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        body = client.get("/plans/").content.decode()
        assert 'lang="en"' in body
        assert "Plans and programmes" in body and "Sign out" in body

    def test_dates_are_dd_mm_yyyy_in_both_languages(self, as_persona: Any, demo: Any) -> None:
        client = as_persona("reporter")
        doc_url = "/documents/?q=101-KH"
        assert "03/09/2019" in client.get(doc_url).content.decode()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert "03/09/2019" in client.get(doc_url).content.decode()
