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
    labels = ["Kế hoạch", "Nhiệm vụ", "Văn bản", "Đơn vị", "Báo cáo", "Vướng mắc", "Theo dõi"]
    positions = [page.index(f">{label}</a>") for label in labels]
    assert positions == sorted(positions)
    assert 'aria-current="page"' in page  # the current section is marked


def test_annotations_are_added_to_the_target_queryset_only(monkeypatch: Any) -> None:
    from django.db.models import Value

    monkeypatch.setattr(panels, "_annotations", defaultdict(list))
    panels.register_annotation("app.Model", "seven", "Bảy", lambda: Value(7))
    assert [a.name for a in panels.annotations_for("app.Model")] == ["seven"]
    assert panels.annotations_for("other.Model") == []
