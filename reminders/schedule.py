"""When an automatic reminder is due: pure date arithmetic, no database.

Settings (all optional, defaults in brackets):
``REMINDER_DAYS_BEFORE`` [(7, 1)] — days before the due date to remind;
``REMINDER_OVERDUE_EVERY_DAYS`` [3] — repeat the overdue reminder every N days;
``REMINDER_OVERDUE_STOP_AFTER_DAYS`` [90] — stop automatic reminders this long after the due
date (a report missing for months is a monitoring matter, not something to e-mail every week);
the escalation delay comes from the unit's ``UnitReportingPolicy.escalation_days`` [7].
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings

from reminders.models import ReminderKind

DEFAULT_ESCALATION_DAYS = 7


@dataclass(frozen=True)
class ReminderRules:
    days_before: tuple[int, ...] = (7, 1)
    overdue_every: int = 3
    stop_after: int = 90

    @classmethod
    def from_settings(cls) -> ReminderRules:
        days = tuple(
            sorted({int(d) for d in getattr(settings, "REMINDER_DAYS_BEFORE", (7, 1)) if d > 0})
        )
        return cls(
            days_before=tuple(reversed(days)),
            overdue_every=max(1, int(getattr(settings, "REMINDER_OVERDUE_EVERY_DAYS", 3))),
            stop_after=int(getattr(settings, "REMINDER_OVERDUE_STOP_AFTER_DAYS", 90)),
        )


def _sent_since(days: Iterable[datetime.date], start: datetime.date) -> bool:
    return any(day >= start for day in days)


def kinds_due(
    due_date: datetime.date,
    today: datetime.date,
    sent: Mapping[str, Iterable[datetime.date]],
    rules: ReminderRules,
    escalation_days: int = DEFAULT_ESCALATION_DAYS,
) -> list[str]:
    """The automatic reminder kinds to send today for a report not yet submitted.

    ``sent`` maps a kind to the days reminders of that kind were already sent, so a day the
    worker missed is caught up the next day instead of being lost, and nothing repeats:
    1. before the due date, one reminder per window (k_i, k_{i+1}] of ``days_before``;
    2. on the due date, one "due today" reminder;
    3. once overdue, an overdue reminder unless one went out in the last N days;
    4. from ``escalation_days`` overdue, an escalation to the unit's leaders unless one went
       out in the last ``escalation_days`` days.
    """
    left = (due_date - today).days
    kinds: list[str] = []
    if left > 0:
        thresholds = [d for d in rules.days_before]  # descending, e.g. [7, 1]
        for i, k in enumerate(thresholds):
            lower = thresholds[i + 1] if i + 1 < len(thresholds) else 0
            if lower < left <= k:
                window_start = due_date - datetime.timedelta(days=k)
                if not _sent_since(sent.get(ReminderKind.BEFORE_DUE, ()), window_start):
                    kinds.append(ReminderKind.BEFORE_DUE)
                break
        return kinds
    if left == 0:
        if not _sent_since(sent.get(ReminderKind.DUE_TODAY, ()), today):
            kinds.append(ReminderKind.DUE_TODAY)
        return kinds
    overdue = -left
    if overdue > rules.stop_after:
        return kinds
    recent = today - datetime.timedelta(days=rules.overdue_every - 1)
    if not _sent_since(sent.get(ReminderKind.OVERDUE, ()), recent):
        kinds.append(ReminderKind.OVERDUE)
    escalation_days = max(1, escalation_days)
    if overdue >= escalation_days:
        recent = today - datetime.timedelta(days=escalation_days - 1)
        if not _sent_since(sent.get(ReminderKind.ESCALATION, ()), recent):
            kinds.append(ReminderKind.ESCALATION)
    return kinds
