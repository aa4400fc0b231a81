"""Check constraints for the invariants every app repeats: a range whose end is not before its
start, a percentage. The database then refuses a bad row whoever writes it (an action, the
admin, a data migration, raw SQL); a ModelForm shows ``message`` instead, because Django
validates the model's constraints in ``full_clean``.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import F, Q


def not_before(
    start: str, end: str, *, name: str, message: Any, optional: Iterable[str] = ()
) -> models.CheckConstraint:
    """``end`` is not before ``start`` (dates or years); a field in ``optional`` may be empty,
    and then there is nothing to compare."""
    alternatives = [Q(**{f"{field}__isnull": True}) for field in optional]
    condition = functools.reduce(operator.or_, [*alternatives, Q(**{f"{end}__gte": F(start)})])
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


def percentage(
    field: str, *, name: str, message: Any, optional: bool = False
) -> models.CheckConstraint:
    """``field`` holds a percentage from 0 to 100 (or nothing, when ``optional``)."""
    condition = Q(**{f"{field}__range": (0, 100)})
    if optional:
        condition = Q(**{f"{field}__isnull": True}) | condition
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)
