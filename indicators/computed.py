"""Computed indicators (chỉ tiêu tính tự động): figures a registry counts, never typed.

An indicator whose ``computed_source`` names a source here takes its figure from that source
instead of from reported values: "number of S&T projects accepted" is counted from the project
registry, so nobody types it twice and the figure links to the rows it counted. ``indicators``
sits below the registries, so it does not know them: a registry app registers its sources in
its ``AppConfig.ready()`` with ``register_source``.

A source answers two questions for a unit (its subtree, by tree path) and a period:
``compute(unit_path, start, end)`` gives the figure; ``drilldown_url(unit, start, end)`` the
page listing what was counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Source:
    code: str
    label: Any  # lazy translation shown in the indicator's form and catalogue
    compute: Callable[[str, datetime.date, datetime.date], Decimal]
    drilldown_url: Callable[[Any, datetime.date, datetime.date], str]


_sources: dict[str, Source] = {}


def register_source(
    code: str,
    label: Any,
    compute: Callable[[str, datetime.date, datetime.date], Decimal],
    drilldown_url: Callable[[Any, datetime.date, datetime.date], str],
) -> None:
    """Register (or replace, when ``ready()`` runs twice) a computed source."""
    _sources[code] = Source(code, label, compute, drilldown_url)


def get_source(code: str) -> Source | None:
    return _sources.get(code) if code else None


def source_choices() -> list[tuple[str, Any]]:
    """Choices of ``Indicator.computed_source`` (callable: the registry fills at start-up)."""
    return [(s.code, s.label) for s in sorted(_sources.values(), key=lambda s: s.code)]


def figure(code: str, unit: Any, start: datetime.date, end: datetime.date) -> Decimal | None:
    """The source's figure for ``unit``'s subtree; ``None`` for an unknown source."""
    source = get_source(code)
    return None if source is None else source.compute(unit.path, start, end)


def drilldown(code: str, unit: Any, start: datetime.date, end: datetime.date) -> str | None:
    source = get_source(code)
    return None if source is None else source.drilldown_url(unit, start, end)
