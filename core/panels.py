"""Panels (khối giao diện) that a higher app contributes to a lower app's page.

A page of a lower layer (say reporting's round page) names a slot with ``{% panels "slot" %}``;
an app above it registers a template for that slot in its ``AppConfig.ready()``. The lower app
then never names the higher one, so the layers keep pointing one way (see
``docs/architecture.md``). Each panel renders with the page's own context; ``condition`` (given
that context as a dict) may leave it out, and ``order`` sorts the panels of a slot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    order: int = 100
    condition: Callable[[dict], bool] | None = None


_registry: dict[str, list[Panel]] = defaultdict(list)


def register_panel(
    slot: str,
    template: str,
    *,
    order: int = 100,
    condition: Callable[[dict], bool] | None = None,
) -> None:
    """Add ``template`` to ``slot``; registering the same template twice (a second ``ready()``
    in tests) keeps one."""
    panels = [p for p in _registry[slot] if p.template != template]
    panels.append(Panel(slot, template, order, condition))
    # Stable: panels of equal order keep the order the apps registered them in.
    _registry[slot] = sorted(panels, key=lambda p: p.order)


def panels_for(slot: str) -> list[Panel]:
    return list(_registry.get(slot, ()))
