"""Figures as a Vietnamese reader expects them, through Django's formatting (khcn/formats).

1.234,5 with grouped thousands; a whole number without decimals; at most two decimals in
tables (four in the entry form, where the stored value is shown as it is); a yes/no figure as
"Có"/"Không", and a yes/no figure over several units as a count ("38 đơn vị có"), never a sum.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DASH = "—"


def number(value: Any, places: int = 2) -> str:
    """``value`` with at most ``places`` decimals, none when it is whole, grouped thousands."""
    if value is None or value == "":
        return DASH
    try:
        figure = Decimal(str(value))
        if not figure.is_finite():
            return str(value)
        if figure == figure.to_integral_value():
            text = number_format(figure.quantize(Decimal(1)), decimal_pos=0, force_grouping=True)
        else:
            figure = figure.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            figure = figure.normalize()
            exponent = figure.as_tuple().exponent
            decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            text = number_format(figure, decimal_pos=decimals, force_grouping=True)
    except (InvalidOperation, ValueError, ArithmeticError):
        return str(value)
    return text


def figure(value: Any, indicator: Any = None, places: int = 2) -> str:
    """One unit's own figure of ``indicator``: "Có"/"Không" for a yes/no indicator; a whole
    number for an integer one."""
    if value is None or value == "":
        return DASH
    if indicator is not None and getattr(indicator, "is_boolean", False):
        try:
            return _("Có") if Decimal(str(value)) else _("Không")
        except (InvalidOperation, ValueError):
            return str(value)
    if indicator is not None and indicator.value_type == "integer":
        places = 0
    return number(value, places)


def count_yes(count: Any, reported: Any = None) -> str:
    """A yes/no indicator over several units: how many have it ("38 đơn vị có")."""
    n = int(count or 0)
    if reported is not None and int(reported) != n:
        return ngettext("%(n)s/%(m)s đơn vị có", "%(n)s/%(m)s đơn vị có", int(reported)) % {
            "n": n,
            "m": int(reported),
        }
    return ngettext("%(n)s đơn vị có", "%(n)s đơn vị có", n) % {"n": n}
