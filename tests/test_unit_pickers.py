"""Unit pickers (orgunits.pickers, used by the plan, task and issue forms) offer what the person
may choose, hide dissolved units unless asked, and find units with or without diacritics
(issue 16)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from orgunits.models import OrgUnit
from plans.models import Plan


def _options(html: str, name: str) -> dict[str, str]:
    """{value: label} of the <select name=...> in a page."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select.group(1)))


@pytest.mark.django_db
class TestPlanOwner:
    def test_the_outsider_is_offered_only_its_own_units(self, as_persona: Any, demo: Any) -> None:
        html = as_persona("outsider").get("/plans/new/").content.decode()
        offered = _options(html, "owner")
        own = demo.unit("TTYT-BL")
        assert str(own.pk) in offered
        allowed = set(
            str(pk)
            for pk in OrgUnit.objects.filter(path__startswith=own.path).values_list("pk", flat=True)
        )
        assert set(offered) <= allowed, "units outside the outsider's subtree are offered"
        assert str(demo.unit("UBND-DL").pk) not in offered

    def test_the_outsider_cannot_post_another_unit_as_owner(
        self, as_persona: Any, demo: Any
    ) -> None:
        before = Plan.objects.count()
        response = as_persona("outsider").post(
            "/plans/new/",
            {
                "title": "Kế hoạch thử",
                "owner": str(demo.unit("UBND-DL").pk),
                "start_year": 2026,
                "end_year": 2030,
                "status": "draft",
            },
        )
        assert response.status_code == 200  # the form again, with the error on the field
        assert "owner" in response.context["form"].errors
        assert Plan.objects.count() == before

    def test_the_monitor_is_offered_every_current_unit(self, as_persona: Any, demo: Any) -> None:
        offered = _options(as_persona("monitor").get("/plans/new/").content.decode(), "owner")
        current = [u for u in OrgUnit.objects.all() if not u.is_dissolved]
        assert set(offered) == {str(u.pk) for u in current}


@pytest.mark.django_db
class TestDissolvedUnits:
    def test_the_task_form_hides_dissolved_units(self, as_persona: Any, demo: Any) -> None:
        dissolved = demo.unit("PKT-DL")
        assert dissolved.is_dissolved
        html = as_persona("monitor").get(f"/plans/{demo.seed_plan.pk}/tasks/new/").content.decode()
        offered = _options(html, "lead_units")
        assert str(dissolved.pk) not in offered
        assert str(demo.unit("TTYT-BL").pk) in offered

    def test_a_dissolved_unit_already_chosen_stays_shown(self, as_persona: Any, demo: Any) -> None:
        task = demo.seed_plan.tasks.filter(
            assignments__unit__code="PKT-DL", assignments__is_active=True
        ).first()
        assert task is not None
        html = as_persona("monitor").get(f"/plans/tasks/{task.pk}/edit/").content.decode()
        offered = _options(html, "lead_units") | _options(html, "cooperating_units")
        assert "Phòng Kinh tế thành phố Đà Lạt (đã giải thể, sáp nhập)" in offered.values()


@pytest.mark.django_db
class TestSearchEndpoint:
    URL = "/units/pick/"

    def _labels(self, client: Any, **params: Any) -> list[str]:
        response = client.get(self.URL, {"field": "lead_units", **params})
        assert response.status_code == 200
        return re.findall(
            r"<option value=\"[^\"]+\"[^>]*>([^<]*)</option>", response.content.decode()
        )

    @pytest.mark.parametrize("typed", ["xuân hương", "xuan huong", "XUAN HUONG"])
    def test_finds_units_with_or_without_diacritics(self, as_persona: Any, typed: str) -> None:
        labels = self._labels(as_persona("monitor"), unit_q=typed)
        assert "Phòng Kinh tế, Hạ tầng và Đô thị phường Xuân Hương - Đà Lạt" in labels
        assert "Phòng Kinh tế, Hạ tầng và Đô thị phường Lâm Viên - Đà Lạt" not in labels

    def test_dissolved_units_only_when_asked(self, as_persona: Any) -> None:
        client = as_persona("monitor")
        assert not any(
            "Phòng Kinh tế thành phố" in x for x in self._labels(client, unit_q="kinh te")
        )
        asked = self._labels(client, unit_q="phong kinh te thanh pho", unit_dissolved="1")
        assert "Phòng Kinh tế thành phố Đà Lạt (đã giải thể, sáp nhập)" in asked

    def test_selected_units_are_kept(self, as_persona: Any, demo: Any) -> None:
        chosen = demo.unit("UBND-DL")
        response = as_persona("monitor").get(
            self.URL,
            {"field": "lead_units", "lead_units": [str(chosen.pk), "junk"], "unit_q": "zzz"},
        )
        assert f'<option value="{chosen.pk}" selected>' in response.content.decode()

    def test_capability_narrows_the_outsider_to_its_own_units(
        self, as_persona: Any, demo: Any
    ) -> None:
        labels = self._labels(as_persona("outsider"), field="owner", capability="edit_plan")
        assert demo.unit("TTYT-BL").name in labels
        assert demo.unit("UBND-DL").name not in labels

    def test_anonymous_visitors_are_sent_to_sign_in(self, anonymous: Any) -> None:
        assert anonymous.get(self.URL).status_code == 302
