"""Panels: a lower app's page names a slot, higher apps fill it (core/panels.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template

from core import panels


@pytest.fixture
def registry(monkeypatch: Any, settings: Any, tmp_path: Any) -> None:
    monkeypatch.setattr(panels, "_registry", panels.defaultdict(list))
    (tmp_path / "a.html").write_text("[A {{ who }}]")
    (tmp_path / "b.html").write_text("{% with who='local' %}[B {{ who }}]{% endwith %}")
    (tmp_path / "c.html").write_text("[C]")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path), *settings.TEMPLATES[0]["DIRS"]]}
    ]


def _render(context: dict[str, Any]) -> str:
    return Template('{% load core_panels %}{% panels "page.side" %}|{{ who }}').render(
        Context(context)
    )


def test_panels_render_in_order_with_the_pages_context(registry: None) -> None:
    panels.register_panel("page.side", "a.html", order=20)
    panels.register_panel("page.side", "b.html", order=10)
    panels.register_panel("page.side", "a.html", order=20)  # a second ready() adds nothing
    panels.register_panel("other.slot", "c.html")
    assert _render({"who": "page"}) == "[B local][A page]|page"


def test_a_condition_leaves_a_panel_out(registry: None) -> None:
    panels.register_panel("page.side", "a.html", condition=lambda ctx: ctx.get("who") == "x")
    panels.register_panel("page.side", "c.html")
    assert _render({"who": "page"}) == "[C]|page"
    assert _render({"who": "x"}) == "[A x][C]|x"


def test_an_empty_slot_renders_nothing(registry: None) -> None:
    assert _render({"who": "page"}) == "|page"
