"""The hooks higher apps use to add to lower apps' pages (core.panels)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from django.template import Context, Template

from core import panels


def test_registering_twice_replaces_and_panels_render_in_order(monkeypatch: Any) -> None:
    monkeypatch.setattr(panels, "_panels", defaultdict(list))
    panels.register_panel("x.slot", "b.html", order=20)
    panels.register_panel("x.slot", "a.html", order=10)
    panels.register_panel("x.slot", "b.html", order=5)  # ready() ran again: replaced, not doubled
    assert [p.template for p in panels.panels_for("x.slot")] == ["b.html", "a.html"]
    assert panels.panels_for("unknown") == []


@pytest.mark.django_db
def test_the_panel_tag_renders_contributions_with_their_context_and_condition(
    monkeypatch: Any, tmp_path: Any, settings: Any
) -> None:
    (tmp_path / "p1.html").write_text("[{{ who }}:{{ extra }}]", encoding="utf-8")
    (tmp_path / "p2.html").write_text("[hidden]", encoding="utf-8")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    monkeypatch.setattr(panels, "_panels", defaultdict(list))
    panels.register_panel("t.slot", "p1.html", context=lambda page: {"extra": page["who"] * 2})
    panels.register_panel("t.slot", "p2.html", condition=lambda page: False)
    html = Template('{% load core_panels %}{% panels "t.slot" %}').render(Context({"who": "<b>"}))
    assert html == "[&lt;b&gt;:&lt;b&gt;&lt;b&gt;]"  # escaped by the panel's own template


@pytest.mark.django_db
def test_the_menu_comes_from_the_apps_in_order(as_persona: Any) -> None:
    page = as_persona("reporter").get("/plans/").content.decode()
    labels = ["Kế hoạch", "Nhiệm vụ", "Sổ văn bản", "Đơn vị", "Báo cáo", "Vướng mắc", "Theo dõi"]
    positions = [page.index(f">{label}</a>") for label in labels]
    assert positions == sorted(positions)
    assert 'aria-current="page"' in page  # the current section is marked


def test_annotations_are_added_to_the_target_queryset_only(monkeypatch: Any) -> None:
    from django.db.models import Value

    monkeypatch.setattr(panels, "_annotations", defaultdict(list))
    panels.register_annotation("app.Model", "seven", "Bảy", lambda: Value(7))
    assert [a.name for a in panels.annotations_for("app.Model")] == ["seven"]
    assert panels.annotations_for("other.Model") == []


def test_grouped_entries_form_one_drop_down_and_a_lone_one_stays_a_link(monkeypatch: Any) -> None:
    from django.test import RequestFactory

    monkeypatch.setattr(panels, "_menu", [])
    panels.register_menu_item("Kế hoạch", "plans:list", order=10)
    panels.register_menu_item("Sổ văn bản", "documents:list", order=30, group="documents")
    panels.register_menu_item("Nhập văn bản", "imports:upload", order=31, group="documents")
    panels.register_menu_item(
        "Vướng mắc", "reporting:issue_list", order=60, group="reports", condition=lambda r: False
    )
    panels.register_menu_item(
        "Báo cáo của đơn vị", "reporting:my_reports", order=50, group="reports"
    )
    menu = panels.menu_for(RequestFactory().get("/documents/"))
    assert [e["label"] for e in menu] == [
        "Kế hoạch",
        panels.MENU_GROUPS["documents"],
        "Báo cáo của đơn vị",
    ]
    group = menu[1]
    assert [c["label"] for c in group["children"]] == ["Sổ văn bản", "Nhập văn bản"]
    assert group["active"]  # the current page is inside the group
    with pytest.raises(ValueError):
        panels.register_menu_item("X", "plans:list", group="no-such-group")
