"""What a draft is made of: the period it covers (kỳ), its paragraphs (đoạn) and the result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from reporting.models import PeriodKind, ReportingRound
from reviews.models import ParagraphKind


@dataclass
class Period:
    """What a compiled report covers: a reporting round, or a bare period (start, end)."""

    label: str
    start: datetime.date
    end: datetime.date
    kind: str = PeriodKind.YEAR
    round: ReportingRound | None = None
    due_date: datetime.date | None = None

    @classmethod
    def of_round(cls, rnd: ReportingRound) -> Period:
        return cls(
            label=rnd.label,
            start=rnd.period_start,
            end=rnd.period_end,
            kind=rnd.kind,
            round=rnd,
            due_date=rnd.due_date,
        )


@dataclass
class Para:
    """One paragraph of the draft, with the unit reports and task reports it was drawn from."""

    part: str
    text: str
    kind: str = ParagraphKind.TEXT
    reports: set[Any] = field(default_factory=set)
    task_reports: set[Any] = field(default_factory=set)


@dataclass
class Draft:
    """The header fields (thể thức), the paragraphs in order and the annex tables (phụ lục)."""

    header: dict[str, Any]
    paragraphs: list[Para]
    annexes: dict[str, Any]
