"""plans.create_sections: a section tree appended to a plan, one audit row, all or nothing."""

from __future__ import annotations

from typing import Any

import pytest

from audit.log import history_for
from core.errors import ActionError, NotAllowed
from plans.actions import SectionSpec, create_sections
from plans.models import Section

pytestmark = pytest.mark.django_db


def test_it_appends_the_tree_and_returns_sections_by_label_path(demo: Any) -> None:
    plan = demo.city_plan
    manager = demo.user("manager")
    last = max([0, *plan.sections.values_list("order", flat=True)])
    existing = plan.sections.count()
    by_path = create_sections(
        manager,
        plan,
        [
            SectionSpec("I", "MỤC ĐÍCH, YÊU CẦU"),
            SectionSpec(
                "II",
                "NHIỆM VỤ",
                children=[SectionSpec("1", "Tuyên truyền"), SectionSpec("2", "Cơ chế")],
            ),
        ],
    )
    assert list(by_path) == ["I", "II", "II.1", "II.2"]
    assert by_path["II.1"].parent == by_path["II"] and by_path["I"].parent is None
    assert [by_path[p].order for p in by_path] == [last + 1, last + 2, last + 3, last + 4]
    assert plan.sections.count() == existing + 4
    entry = history_for(plan).get(action="plan.sections.create")
    assert entry.actor == manager
    assert entry.changes == {"sections": [None, ["I", "II", "II.1", "II.2"]]}


def test_nothing_is_created_when_a_label_is_refused(demo: Any) -> None:
    plan = demo.city_plan
    before = Section.objects.count()
    with pytest.raises(ActionError, match="quá dài"):
        create_sections(
            demo.user("manager"),
            plan,
            [SectionSpec("I", "Được"), SectionSpec("X" * 31, "Số mục quá dài")],
        )
    assert Section.objects.count() == before
    assert not history_for(plan).filter(action="plan.sections.create").exists()


def test_only_plan_editors_add_sections(demo: Any) -> None:
    before = Section.objects.count()
    with pytest.raises(NotAllowed):
        create_sections(demo.user("outsider"), demo.city_plan, [SectionSpec("I", "Không")])
    assert Section.objects.count() == before
