from __future__ import annotations

from typing import Any

import pytest

from orgunits.models import OrgUnit


@pytest.mark.django_db
class TestUnitPages:
    def test_search_works_with_and_without_diacritics(self, as_persona: Any, demo: Any) -> None:
        client = as_persona("reporter")
        for query in ("Đà Lạt", "da lat", "ĐÀ LẠT", "thanh uy da lat"):
            body = client.get("/units/", {"q": query}).content.decode()
            assert "Thành ủy Đà Lạt" in body, query
        assert "Tỉnh ủy Lâm Đồng" not in client.get("/units/", {"q": "phuong 12"}).content.decode()

    def test_a_dissolved_unit_shows_its_successors(self, as_persona: Any, demo: Any) -> None:
        body = as_persona("reporter").get(f"/units/{demo.unit('UBND-DL').pk}/").content.decode()
        assert "Ủy ban nhân dân phường Xuân Hương - Đà Lạt" in body
        assert "30/06/2025" in body

    def test_the_administrator_creates_a_unit_and_it_is_audited(
        self, as_persona: Any, demo: Any
    ) -> None:
        client = as_persona("admin")
        response = client.post(
            "/units/new/",
            {
                "name": "Hội Khoa học kỹ thuật tỉnh",
                "code": "HKHKT",
                "kind": "st_org",
                "parent": demo.unit("KHCN-DL").pk,
                "valid_from": "01/07/2025",
                "aliases_text": "Liên hiệp hội; LHH",
            },
        )
        assert response.status_code == 302
        unit = OrgUnit.objects.get(code="HKHKT")
        assert unit.aliases == ["Liên hiệp hội", "LHH"]
        body = client.get(f"/units/{unit.pk}/").content.decode()
        assert 'data-testid="history-action">Thêm đơn vị' in body and "01/07/2025" in body

    def test_bad_dates_are_refused_with_a_clear_message(self, as_persona: Any, demo: Any) -> None:
        response = as_persona("admin").post(
            "/units/new/",
            {
                "name": "X",
                "code": "X1",
                "kind": "other",
                "valid_from": "31/12/2025",
                "valid_to": "01/01/2025",
            },
        )
        assert response.status_code == 200
        assert "Ngày kết thúc hiệu lực phải sau ngày bắt đầu" in response.content.decode()
        assert not OrgUnit.objects.filter(code="X1").exists()

    def test_only_managers_of_the_registry_see_the_edit_page(
        self, as_persona: Any, demo: Any
    ) -> None:
        unit = demo.unit("PN-DL")
        assert as_persona("reporter").get(f"/units/{unit.pk}/edit/").status_code == 404
        assert as_persona("monitor").get(f"/units/{unit.pk}/edit/").status_code == 200
