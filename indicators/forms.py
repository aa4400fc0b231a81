"""Forms: the indicator figures of a unit report, and the XLSX upload."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core.forms import VersionField
from indicators import actions
from indicators.excel import MAX_BYTES
from indicators.models import Indicator, IndicatorValue, TargetPeriod, TimeBasis, ValueType
from orgunits.models import UnitKind


def field_name(indicator: Indicator) -> str:
    return f"ind_{indicator.code}"


class ReportValuesForm(forms.Form):
    """One field per indicator the unit enters (those meant for its kind of unit); indicators
    already reported for an overlapping period (e.g. quarterly, when this is a yearly round)
    are shown read-only.

    The contract other pages rely on (the unit report page saves text and figures in one go):
    bind it with the POST data, ``is_valid()`` checks every figure (type, range, digits) with a
    message per field, and ``values`` is what ``actions.save_report_values`` takes."""

    def __init__(self, report: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.indicators = actions.entry_indicators(report.unit)
        start, end = report.round.period_start, report.round.period_end
        current = {
            v.indicator_id: v.value
            for v in IndicatorValue.objects.filter(
                unit=report.unit, period_start=start, period_end=end
            )
        }
        self.locked = actions.overlapping([i.pk for i in self.indicators], report.unit, start, end)
        self.groups: list[tuple[str, list[Any]]] = []
        for ind in self.indicators:
            name = field_name(ind)
            locked = ind.pk in self.locked
            help_parts = [ind.measure_unit] if ind.measure_unit else []
            if locked:
                help_parts.append(_("đã nhập theo kỳ khác trùng thời gian, không nhập lại ở đây"))
            if ind.value_type == ValueType.BOOLEAN:
                field: forms.Field = forms.ChoiceField(
                    choices=[("", "—"), ("1", _("Có")), ("0", _("Không"))],
                    required=ind.is_required and not locked,
                )
                initial = None if current.get(ind.pk) is None else str(int(current[ind.pk]))
            else:
                field = forms.CharField(
                    required=ind.is_required and not locked,
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}
                    ),
                )
                initial = _plain(current.get(ind.pk))
            field.label = ind.name
            field.help_text = "; ".join(help_parts)
            field.disabled = locked
            field.initial = initial
            field.error_messages["required"] = _("Chỉ tiêu bắt buộc, hãy nhập giá trị.")
            self.fields[name] = field
            if not self.groups or self.groups[-1][0] != ind.group:
                self.groups.append((ind.group, []))
            self.groups[-1][1].append((ind, name))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.values: dict[Indicator, Any] = {}
        for ind in self.indicators:
            name = field_name(ind)
            if ind.pk in self.locked or name in self.errors:
                continue
            try:
                self.values[ind] = actions.parse_value(ind, cleaned.get(name))
            except actions.InvalidValue as exc:
                self.add_error(name, str(exc))
        return cleaned

    def bound_groups(self) -> list[tuple[str, list[tuple[Indicator, Any]]]]:
        return [(g, [(ind, self[name]) for ind, name in items]) for g, items in self.groups]


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = f"{value.normalize():f}"
    return text


class ImportForm(forms.Form):
    file = forms.FileField(label=_l("Tệp Excel (.xlsx) theo mẫu"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel có đuôi .xlsx."))
        return upload


class TargetForm(forms.Form):
    """Set a target in the app: unit, kind of period, year, value (empty removes it)."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_l("Đơn vị"),
        queryset=None,
        error_messages={
            "required": _l("Hãy chọn đơn vị."),
            "invalid_choice": _l(
                "Đơn vị không hợp lệ hoặc bạn không được đặt mục tiêu cho đơn vị này."
            ),
        },
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    period = forms.ChoiceField(
        label=_l("Loại kỳ"),
        choices=TargetPeriod.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    year = forms.IntegerField(
        label=_l("Năm (năm cuối của giai đoạn)"),
        min_value=actions.FIRST_TARGET_YEAR,
        max_value=actions.LAST_TARGET_YEAR,
        error_messages={
            "required": _l("Hãy nhập năm."),
            "invalid": _l("Năm phải là số nguyên."),
            "min_value": _l("Năm không được trước %(limit_value)s."),
            "max_value": _l("Năm không được sau %(limit_value)s."),
        },
        widget=forms.NumberInput(
            attrs={"class": "form-control form-control-sm", "style": "width:7rem"}
        ),
    )
    value = forms.CharField(
        label=_l("Giá trị mục tiêu"),
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}
        ),
    )
    note = forms.CharField(
        label=_l("Ghi chú"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def __init__(self, *args: Any, indicator: Indicator, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        field = self.fields["unit"]
        field.queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            self.parsed = actions.parse_value(self.indicator, cleaned.get("value"), target=True)
        except actions.InvalidValue as exc:
            self.add_error("value", str(exc))
        unit = cleaned.get("unit")
        if unit is not None and not self.indicator.applies_to(unit):
            self.add_error("unit", _("Chỉ tiêu không áp dụng cho loại đơn vị này."))
        return cleaned


class IndicatorBasisForm(forms.Form):
    """An indicator's time basis and the kinds of unit asked for it (none ticked: every kind)."""

    version = VersionField()
    time_basis = forms.ChoiceField(
        label=_l("Tính chất thời gian"),
        choices=TimeBasis.choices,
        widget=forms.RadioSelect,
        help_text=_l(
            "Số phát sinh được cộng dồn trong kỳ; số hiện có lấy tại cuối kỳ; tỷ lệ được tính "
            "lại cho kỳ. Chỉ so sánh với mục tiêu cùng loại kỳ."
        ),
    )
    unit_kinds = forms.MultipleChoiceField(
        label=_l("Áp dụng cho loại đơn vị"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_l("Không chọn loại nào: áp dụng cho mọi loại đơn vị."),
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.initial.setdefault("time_basis", indicator.time_basis)
        self.initial.setdefault("unit_kinds", list(indicator.unit_kinds))
        fixed = actions.fixed_time_basis(indicator)
        if fixed is not None:
            # The roll-up rule decides it: shown, not offered as a choice.
            field = self.fields["time_basis"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(fixed, TimeBasis(fixed).label)]
            field.help_text = _(
                "Chỉ tiêu tổng hợp theo “%(rule)s” luôn có tính chất thời gian này."
            ) % {"rule": indicator.get_aggregation_display()}
