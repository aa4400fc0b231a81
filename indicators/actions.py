"""Named, transactional writes of indicator values (entered in a unit report or imported),
targets, and an indicator's time basis and unit kinds."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _

from audit.log import record
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_INDICATORS, ENTER_INDICATORS, SET_TARGETS
from core.scoping import scope_for
from indicators.fields import OutOfRange, check_digits
from indicators.models import (
    Aggregation,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    TargetPeriod,
    TimeBasis,
    ValueSource,
    ValueType,
)
from orgunits.models import UnitKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

BOOLEAN_WORDS = {
    "1": 1,
    "0": 0,
    "có": 1,
    "co": 1,
    "không": 0,
    "khong": 0,
    "true": 1,
    "false": 0,
    "x": 1,
}


class InvalidValue(ValueError):
    """A value that does not fit its indicator; ``str()`` is the Vietnamese message."""


def can_enter_values(user: User | AnonymousUser | None, report: Any) -> bool:
    """Members of the report's unit who may edit the report (reporter, leader, manager)."""
    if user is None or not user.is_authenticated:
        return False
    can_edit = getattr(report, "can_edit", None)
    if callable(can_edit):
        return bool(can_edit(user))
    return scope_for(user).can(ENTER_INDICATORS, report.unit.path)


def entry_indicators(unit: Any = None) -> list[Indicator]:
    """Indicators a unit enters: active, not computed (ratios), and meant for its kind of unit
    (``unit=None``: the whole catalogue)."""
    return [
        i
        for i in Indicator.objects.filter(is_active=True)
        if i.is_entered and (unit is None or i.applies_to(unit))
    ]


def existed_during(unit: Any, start: datetime.date, end: datetime.date) -> bool:
    """Did the unit exist by the end of [start, end]? No figures for a time before it was set
    up (a dissolved unit may still file the reports it owes for its last periods)."""
    return unit.valid_from is None or unit.valid_from <= end


def parse_value(indicator: Indicator, raw: Any, *, target: bool = False) -> Decimal | None:
    """Turn a form or spreadsheet value into a Decimal checked against type and range.

    Empty gives ``None``. Raises ``InvalidValue`` with a Vietnamese message. A ``target`` may
    cover several periods (a five-year flow), so only the indicator's lower bound applies.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if indicator.value_type == ValueType.BOOLEAN:
        if isinstance(raw, bool):
            return Decimal(int(raw))
        word = str(raw).strip().lower()
        if word.endswith(".0"):
            word = word[:-2]
        if word not in BOOLEAN_WORDS:
            raise InvalidValue(_("giá trị phải là Có hoặc Không (1 hoặc 0)"))
        return Decimal(BOOLEAN_WORDS[word])
    if isinstance(raw, bool):
        raise InvalidValue(_("giá trị phải là số"))
    if isinstance(raw, int | float | Decimal):
        text = str(raw)
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        elif "," in text and "." in text:
            # 1.234,5 (Vietnamese) or 1,234.5 (English): the last separator is the decimal one.
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
    try:
        value = check_digits(Decimal(text))
    except InvalidOperation as exc:
        raise InvalidValue(_("giá trị phải là số")) from exc
    except OutOfRange as exc:
        raise InvalidValue(str(exc)) from exc
    if indicator.value_type == ValueType.INTEGER and value != value.to_integral_value():
        raise InvalidValue(_("giá trị phải là số nguyên"))
    low = indicator.min_value
    high = None if target and not indicator.value_type == ValueType.PERCENT else indicator.max_value
    if indicator.value_type == ValueType.PERCENT:
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    if low is not None and value < low:
        raise InvalidValue(_("giá trị không được nhỏ hơn %(v)s") % {"v": _fmt(low)})
    if high is not None and value > high:
        raise InvalidValue(_("giá trị không được lớn hơn %(v)s") % {"v": _fmt(high)})
    return value


def _fmt(value: Decimal) -> str:
    """A limit as the user reads numbers (0,5 with the project's formats), no trailing zeros."""
    return formats.number_format(value.normalize())


def overlapping(
    indicator_ids: list[Any], unit: Any, start: datetime.date, end: datetime.date
) -> dict[Any, list[IndicatorValue]]:
    """Existing values of the unit whose period overlaps [start, end] without being equal.

    A unit that reported an indicator quarterly cannot also give a yearly figure for the same
    time (the roll-up would count it twice).
    """
    rows = IndicatorValue.objects.filter(
        Q(indicator_id__in=indicator_ids, unit=unit, period_start__lte=end, period_end__gte=start),
        ~Q(period_start=start, period_end=end),
    ).order_by("period_start")
    result: dict[Any, list[IndicatorValue]] = {}
    for row in rows:
        result.setdefault(row.indicator_id, []).append(row)
    return result


@transaction.atomic
def save_report_values(
    actor: User,
    report: Any,
    values: Mapping[Indicator, Any],
    *,
    source: str = ValueSource.FORM,
) -> int:
    """Write the unit's figures for the report's period; ``None`` clears a figure.

    Values are validated again here (type, range, required, overlap); any error refuses the
    whole write. Returns the number of figures changed.
    """
    if not can_enter_values(actor, report):
        raise NotAllowed()
    start, end = report.round.period_start, report.round.period_end
    parsed: dict[Indicator, Decimal | None] = {}
    errors: list[str] = []
    if not existed_during(report.unit, start, end) and any(
        v not in (None, "") for v in values.values()
    ):
        raise ActionError(
            _("Đơn vị %(u)s thành lập từ ngày %(d)s, sau kỳ báo cáo này; không nhập số liệu.")
            % {
                "u": report.unit.name,
                "d": formats.date_format(report.unit.valid_from, "SHORT_DATE_FORMAT"),
            }
        )
    for indicator, raw in values.items():
        if indicator.is_computed:
            errors.append(
                _("%(c)s: chỉ tiêu được tính tự động từ sổ theo dõi, không nhập tay")
                % {"c": indicator.code}
            )
            continue
        if not indicator.is_entered:
            errors.append(_("%(c)s: chỉ tiêu tỷ lệ được tính tự động") % {"c": indicator.code})
            continue
        if not indicator.applies_to(report.unit) and raw not in (None, ""):
            errors.append(
                _("%(c)s: chỉ tiêu không áp dụng cho loại đơn vị này") % {"c": indicator.code}
            )
            continue
        try:
            parsed[indicator] = parse_value(indicator, raw)
        except InvalidValue as exc:
            errors.append(f"{indicator.code}: {exc}")
    clash = overlapping([i.pk for i, v in parsed.items() if v is not None], report.unit, start, end)
    for indicator in parsed:
        if indicator.pk in clash:
            other = clash[indicator.pk][0]
            errors.append(
                _("%(c)s: đơn vị đã có số liệu kỳ %(s)s–%(e)s trùng thời gian với kỳ này")
                % {
                    "c": indicator.code,
                    "s": formats.date_format(other.period_start, "SHORT_DATE_FORMAT"),
                    "e": formats.date_format(other.period_end, "SHORT_DATE_FORMAT"),
                }
            )
    if errors:
        raise ActionError("; ".join(errors))
    existing = {
        v.indicator_id: v
        for v in IndicatorValue.objects.select_for_update().filter(
            unit=report.unit,
            period_start=start,
            period_end=end,
            indicator__in=list(parsed),
        )
    }
    changes: dict[str, list[Any]] = {}
    for indicator, value in parsed.items():
        current = existing.get(indicator.pk)
        old = current.value if current else None
        if value is None:
            if current is not None:
                current.delete()
                changes[indicator.code] = [old, None]
            continue
        if current is None:
            IndicatorValue.objects.create(
                indicator=indicator,
                unit=report.unit,
                period_start=start,
                period_end=end,
                value=value,
                report=report,
                source=source,
                entered_by=actor,
            )
            changes[indicator.code] = [None, value]
        elif current.value != value:
            current.value = value
            current.report = report
            current.source = source
            current.entered_by = actor
            current.save(update_fields=["value", "report", "source", "entered_by", "updated_at"])
            changes[indicator.code] = [old, value]
    if changes:
        action = "indicators.import" if source == ValueSource.IMPORT else "indicators.enter"
        record(actor, action, report, changes)
    return len(changes)


FIRST_TARGET_YEAR, LAST_TARGET_YEAR = 2000, 2100


def can_set_targets(user: User | AnonymousUser | None, unit: Any) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(SET_TARGETS, unit.path)


@transaction.atomic
def set_target(
    actor: User,
    indicator: Indicator,
    unit: Any,
    period: str,
    year: int,
    raw: Any,
    note: str = "",
) -> IndicatorTarget | None:
    """Set (or, with an empty value, remove) the target of ``indicator`` for ``unit`` over one
    kind of period (year, half-year, five-year term ending in ``year``)."""
    if not can_set_targets(actor, unit):
        raise NotAllowed()
    if period not in TargetPeriod.values:
        raise ActionError(_("Loại kỳ của mục tiêu không hợp lệ."))
    if not FIRST_TARGET_YEAR <= int(year) <= LAST_TARGET_YEAR:
        raise ActionError(
            _("Năm của mục tiêu phải từ %(a)s đến %(b)s.")
            % {"a": FIRST_TARGET_YEAR, "b": LAST_TARGET_YEAR}
        )
    if not indicator.applies_to(unit):
        raise ActionError(_("Chỉ tiêu không áp dụng cho loại đơn vị này."))
    try:
        value = parse_value(indicator, raw, target=True)
    except InvalidValue as exc:
        raise ActionError(_("Giá trị mục tiêu: %(e)s") % {"e": exc}) from exc
    current = (
        IndicatorTarget.objects.select_for_update()
        .filter(indicator=indicator, unit=unit, period=period, year=year)
        .first()
    )
    old = current.value if current else None
    label = f"{indicator.code} {TargetPeriod(period).label} {year}"
    if value is None:
        if current is not None:
            current.delete()
            record(actor, "indicators.target", unit, {label: [old, None]})
        return None
    if current is None:
        current = IndicatorTarget.objects.create(
            indicator=indicator, unit=unit, period=period, year=year, value=value, note=note
        )
    elif current.value != value or current.note != note:
        current.value, current.note = value, note
        current.save(update_fields=["value", "note", "updated_at"])
    else:
        return current
    record(actor, "indicators.target", unit, {label: [old, value]})
    return current


def can_edit_indicators(user: User | AnonymousUser | None) -> bool:
    """The office that manages the shared catalogue (the monitoring office) edits definitions."""
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(EDIT_INDICATORS)


def fixed_time_basis(indicator: Indicator) -> str | None:
    """The time basis the roll-up rule decides (see ``Indicator.save``), else None (free)."""
    if indicator.aggregation == Aggregation.LATEST:
        return TimeBasis.STOCK
    if indicator.aggregation in (Aggregation.RATIO, Aggregation.AVERAGE):
        return TimeBasis.RATIO
    return None


def _kind_labels(kinds: list[str]) -> list[str]:
    labels = dict(UnitKind.choices)
    return [str(labels.get(k, k)) for k in kinds]


@transaction.atomic
def update_indicator_basis(
    actor: User,
    indicator: Indicator,
    *,
    expected_version: int,
    time_basis: str,
    unit_kinds: list[str],
) -> Indicator:
    """Set how ``indicator`` behaves over time (flow, stock, ratio) and which kinds of unit
    are asked for it (none: every kind). A time basis the roll-up rule contradicts is refused
    rather than silently replaced on save."""
    if not can_edit_indicators(actor):
        raise NotAllowed()
    if time_basis not in TimeBasis.values:
        raise ActionError(_("Tính chất thời gian không hợp lệ."))
    fixed = fixed_time_basis(indicator)
    if fixed is not None and time_basis != fixed:
        raise ActionError(
            _("Chỉ tiêu tổng hợp theo “%(rule)s” luôn có tính chất thời gian “%(basis)s”.")
            % {
                "rule": indicator.get_aggregation_display(),
                "basis": TimeBasis(fixed).label,
            }
        )
    unknown = [k for k in unit_kinds if k not in UnitKind.values]
    if unknown:
        raise ActionError(_("Loại đơn vị không hợp lệ: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    wanted = set(unit_kinds)
    kinds = [k for k in UnitKind.values if k in wanted]  # the registry's order, no repeats
    claim_version(indicator, expected_version)
    changes: dict[str, Any] = {}
    if indicator.time_basis != time_basis:
        changes["time_basis"] = [indicator.time_basis, time_basis]
    if list(indicator.unit_kinds) != kinds:
        # Recorded by name: the history reads "Cấp ủy Đảng", not a stored code.
        changes["unit_kinds"] = [
            _kind_labels(list(indicator.unit_kinds)) or None,
            _kind_labels(kinds) or None,
        ]
    indicator.time_basis, indicator.unit_kinds = time_basis, kinds
    indicator.save(update_fields=["time_basis", "unit_kinds", "version", "updated_at"])
    record(actor, "indicators.definition", indicator, changes)
    return indicator
