"""Searching the registry: every word must match, with or without dấu (đ folds to d)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from documents.filtersets import DocumentFilterSet
from documents.models import Document, DocumentKind
from documents.tests.helpers import ward_draft

SEED = ""  # the demo's seed plan has no number; its long title mentions much of the rest


def search(data: dict[str, str], queryset: Any = None) -> set[str]:
    qs = queryset if queryset is not None else Document.objects.all()
    filterset = DocumentFilterSet(data, queryset=qs)
    assert filterset.is_valid(), filterset.errors
    return {d.number_symbol for d in filterset.qs}


@pytest.mark.django_db
class TestFilterSet:
    @pytest.mark.parametrize(
        "query",
        ["Nghị quyết 20-NQ", "nghi quyet 20-nq", "NGHỊ QUYẾT 20-NQ", "  nghị   QUYET 20-NQ "],
    )
    def test_with_or_without_diacritics(self, demo: Any, query: str) -> None:
        assert search({"q": query}) == {"20-NQ/TW"}

    @pytest.mark.parametrize("query", ["Đổi mới", "đổi mới", "doi moi", "DOI MOI", "Doi moi"])
    def test_d_with_stroke_folds_to_d(self, demo: Any, query: str) -> None:
        ward_draft(demo)  # "Kế hoạch đổi mới sáng tạo…"
        assert search({"q": query}) == {"12-KH/ĐU"}

    def test_the_number_symbol_is_searchable_without_stroke(self, demo: Any) -> None:
        ward_draft(demo)
        assert search({"q": "12-KH/DU"}) == {"12-KH/ĐU"}

    def test_every_word_must_match(self, demo: Any) -> None:
        lam_dong = {"65-KH/TU", "101-KH/TU", "2556/QĐ-UBND", "225/QĐ-UBND", SEED}
        assert search({"q": "Lâm Đồng"}) == lam_dong
        assert search({"q": "lam dong so huu tri tue"}) == {"2556/QĐ-UBND"}
        assert search({"q": "Lâm Đồng thủy sản"}) == set()

    def test_filters_by_kind(self, demo: Any) -> None:
        assert search({"kind": DocumentKind.DECISION}) == {"2556/QĐ-UBND", "225/QĐ-UBND"}
        assert search({"kind": DocumentKind.DECISION, "q": "sở hữu trí tuệ"}) == {"2556/QĐ-UBND"}

    def test_an_empty_query_keeps_everything(self, demo: Any) -> None:
        assert search({"q": ""}) == {d.number_symbol for d in Document.objects.all()}

    def test_an_unknown_kind_is_refused(self) -> None:
        filterset = DocumentFilterSet({"kind": "sac_lenh"}, queryset=Document.objects.none())
        assert not filterset.is_valid()
        assert "kind" in filterset.errors


@pytest.mark.django_db
def test_the_list_page_searches_within_what_the_persona_sees(as_persona: Any, demo: Any) -> None:
    ward_draft(demo)
    url = reverse("documents:list")
    found = as_persona("reporter").get(url, {"q": "doi moi sang tao"}).context["object_list"]
    assert [d.number_symbol for d in found] == ["12-KH/ĐU"]
    hidden = as_persona("outsider").get(url, {"q": "doi moi sang tao"}).context["object_list"]
    assert list(hidden) == []
