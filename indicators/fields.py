"""Decimal storage for indicator figures that round-trips on every database.

Why: SQLite has no decimal type; a NUMERIC column keeps a number as TEXT only while it has at
most 15 significant digits, otherwise it becomes a REAL (a double) and comes back rounded.
``1e30`` or ``9999999999999999`` typed in a form used to be stored that way, and Django's
SQLite converter then failed to quantize it back (``InvalidOperation``): every page reading the
row answered 500. So figures are bounded to what a double keeps exactly (``MAX_DIGITS``
significant digits, ``DECIMAL_PLACES`` of them after the comma), every entry point checks the
bound (``check_digits``, Vietnamese message), and reading tolerates a row stored before the
bound existed (``FigureField``).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from rest_framework import serializers

MAX_DIGITS = 15
DECIMAL_PLACES = 4
# The largest magnitude a figure may have: 11 digits before the comma (99.999.999.999,9999).
LIMIT = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES)
# Wide enough to quantize anything a double can hold, so reading a stored REAL never fails.
_READ_CONTEXT = decimal.Context(prec=400, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


class OutOfRange(ValueError):
    """A figure the database cannot keep exactly; ``str()`` is the Vietnamese message."""


def check_digits(value: Decimal) -> Decimal:
    """``value`` rounded to ``DECIMAL_PLACES``, or ``OutOfRange`` when it is too large."""
    if not value.is_finite():
        raise OutOfRange(_("giá trị phải là số"))
    if abs(value) >= LIMIT:
        raise OutOfRange(
            _("giá trị quá lớn: tối đa %(n)s chữ số trước dấu phẩy")
            % {"n": MAX_DIGITS - DECIMAL_PLACES}
        )
    if value.as_tuple().exponent < -DECIMAL_PLACES:  # type: ignore[operator]
        value = value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))
    return value


def limit_text() -> str:
    return formats.number_format(LIMIT - 1, force_grouping=True)


class FigureField(models.DecimalField):
    """A ``DecimalField`` with the project's digits whose reads never raise.

    Django quantizes a value read from SQLite in the field's own context (precision =
    ``max_digits``); a REAL written before the bound existed does not fit and raised. This
    field quantizes in a wide context instead: the stored number comes back as it is, and the
    pages show it (the forms then ask for a valid one).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        super().__init__(*args, **kwargs)

    @cached_property
    def context(self) -> decimal.Context:
        return _READ_CONTEXT

    def to_python(self, value: Any) -> Any:
        # A float (a spreadsheet cell) is taken as it is written (2500.75), not as its exact
        # binary expansion, which the wide reading context would otherwise keep.
        if isinstance(value, float):
            value = repr(value)
        return super().to_python(value)


class FigureSerializerField(serializers.DecimalField):
    """API figure: validated like the forms on input; an out-of-range stored value is shown
    as it is (a string) instead of failing the whole list."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        messages = {
            "invalid": _l("giá trị phải là số"),
            "max_digits": _l("giá trị có quá nhiều chữ số (tối đa {max_digits})"),
            "max_decimal_places": _l(
                "giá trị có quá nhiều chữ số sau dấu phẩy (tối đa {max_decimal_places})"
            ),
            "max_whole_digits": _l(
                "giá trị quá lớn: tối đa {max_whole_digits} chữ số trước dấu phẩy"
            ),
        }
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        try:
            return super().to_representation(value)
        except (decimal.InvalidOperation, ArithmeticError):
            return str(value)

    def to_internal_value(self, data: Any) -> Decimal:
        value = super().to_internal_value(data)
        try:
            return check_digits(value)
        except OutOfRange as exc:
            raise serializers.ValidationError(str(exc)) from exc
