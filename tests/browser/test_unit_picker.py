"""The unit picker in a real browser: search with and without diacritics (htmx), dissolved units
hidden unless asked, and the outsider offered only its own units as a plan owner (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser

WARD_UNIT = "Phòng Kinh tế, Hạ tầng và Đô thị phường Xuân Hương - Đà Lạt"
DISSOLVED = "Phòng Kinh tế thành phố Đà Lạt (đã giải thể, sáp nhập)"


def _labels(page: Any, select: str) -> list[str]:
    return page.locator(f"{select} option").all_inner_texts()


def test_search_finds_units_with_and_without_diacritics(page: Any) -> None:
    from conftest import Demo

    login(page, "theodoi")
    page.goto(f"/plans/{Demo().seed_plan.pk}/tasks/new/")
    search = page.get_by_label("Tìm đơn vị: Đơn vị phối hợp")
    for typed in ("xuan huong kinh te", "Xuân Hương kinh tế"):
        search.fill(typed)
        page.wait_for_function(
            "() => document.querySelectorAll('#id_cooperating_units option').length < 10"
        )
        assert WARD_UNIT in _labels(page, "#id_cooperating_units")
    page.locator("#id_cooperating_units").select_option(label=WARD_UNIT)
    # Searching again keeps what was chosen.
    search.fill("bao loc")
    page.wait_for_selector("#id_cooperating_units option:has-text('Bảo Lộc')", state="attached")
    chosen = page.locator("#id_cooperating_units option:checked").all_inner_texts()
    assert chosen == [WARD_UNIT]


def test_dissolved_units_are_hidden_until_asked(page: Any) -> None:
    from conftest import Demo

    login(page, "theodoi")
    page.goto(f"/plans/{Demo().seed_plan.pk}/tasks/new/")
    assert DISSOLVED not in _labels(page, "#id_lead_units")
    assert "Phòng Kinh tế thành phố Đà Lạt" not in _labels(page, "#id_lead_units")
    page.get_by_label("Tìm đơn vị: Đơn vị chủ trì").fill("phong kinh te thanh pho")
    page.locator("#id_lead_units_dissolved").check()
    page.wait_for_selector(f"#id_lead_units option:text-is('{DISSOLVED}')", state="attached")


def test_the_outsider_is_offered_only_its_own_units_as_plan_owner(page: Any) -> None:
    from conftest import Demo
    from orgunits.models import OrgUnit

    own = Demo().unit("TTYT-BL")
    subtree = set(OrgUnit.objects.filter(path__startswith=own.path).values_list("name", flat=True))
    login(page, "ngoai")
    page.goto("/plans/new/")
    offered = {label for label in _labels(page, "#id_owner") if not label.startswith("---")}
    assert own.name in offered
    assert offered <= subtree
    # Searching cannot widen it either: "da lat" matches dozens of units, none of them its own.
    page.locator("#id_owner_search").fill("da lat")
    page.wait_for_selector("#id_owner option:text-is('Không có đơn vị phù hợp')", state="attached")
    offered = {label for label in _labels(page, "#id_owner") if not label.startswith("---")}
    assert offered == {"Không có đơn vị phù hợp"}
