"""Bounds for what a user may type: query parameters, years, counts, text lengths.

A URL parameter that cannot be read (``year=-1``, ``year=10000``, ``unit=not-a-uuid``, a
twenty-digit integer) answers 404 like a filter naming nothing that exists (the pages' rule:
missing and forbidden both 404), never 500; the ranges below are the ones
forms, serializers and filters share, so "a sensible year" means the same thing everywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.core.validators import MaxLengthValidator
from django.http import Http404
from django.utils.translation import gettext as _

# Plans, reports and indicators are about the years around now: 1900 covers any historical
# baseline, 2100 any long-term target; anything else is a typing error or a probe.
YEAR_MIN = 1900
YEAR_MAX = 2100
# Text a person types in a one-line field, and in a free-text box (a report section).
SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 100_000


def int_param(
    params: Mapping[str, Any], name: str, *, minimum: int, maximum: int, default: int | None = None
) -> int | None:
    """The integer ``params[name]`` within [minimum, maximum]; empty or absent gives
    ``default``; anything else is a 404."""
    raw = str(params.get(name) or "").strip()
    if not raw:
        return default
    if len(raw) > 12 or not raw.lstrip("-").isdigit():
        raise Http404(_("Tham số %(name)s không hợp lệ.") % {"name": name})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise Http404(
            _("Tham số %(name)s phải từ %(min)s đến %(max)s.")
            % {"name": name, "min": minimum, "max": maximum}
        )
    return value


def year_param(
    params: Mapping[str, Any], name: str = "year", default: int | None = None
) -> int | None:
    return int_param(params, name, minimum=YEAR_MIN, maximum=YEAR_MAX, default=default)


def uuid_param(params: Mapping[str, Any], name: str) -> uuid.UUID | None:
    """The UUID ``params[name]``; empty or absent gives None; anything else is a 404."""
    raw = str(params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise Http404(_("Tham số %(name)s không hợp lệ.") % {"name": name}) from exc


class _TextLength(MaxLengthValidator):
    """The length limit for text only: a text field may clean to a number (an amount typed
    with thousands separators), which has no length."""

    def __call__(self, value: Any) -> None:
        if isinstance(value, str):
            super().__call__(value)


def bound_text_fields(form: Any) -> Any:
    """Give every text field of a form or serializer without a length limit the house limit
    (``LONG_TEXT_MAX`` characters): a pasted megabyte is refused with the field's own "at most
    N characters" message instead of reaching the database and every page that shows it."""
    from django import forms
    from rest_framework import serializers

    fields = getattr(form, "fields", None) or {}
    for field in fields.values():
        if (
            isinstance(field, forms.CharField)
            and not isinstance(field, forms.UUIDField | forms.JSONField)
            and field.max_length is None
        ):
            field.max_length = LONG_TEXT_MAX
            field.validators.append(_TextLength(LONG_TEXT_MAX))
            field.widget.attrs.setdefault("maxlength", str(LONG_TEXT_MAX))
        elif (
            isinstance(field, serializers.CharField)
            and not field.read_only
            and field.max_length is None
        ):
            field.max_length = LONG_TEXT_MAX
            field.validators.append(_TextLength(LONG_TEXT_MAX))
    return form
