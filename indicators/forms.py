"""Forms: the indicator figures of a unit report, and the XLSX upload."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from indicators import actions
from indicators.excel import MAX_BYTES
from indicators.models import Indicator, IndicatorValue, ValueType


def field_name(indicator: Indicator) -> str:
    return f"ind_{indicator.code}"


class ReportValuesForm(forms.Form):
    """One field per indicator the unit enters; indicators already reported for an
    overlapping period (e.g. quarterly, when this is a yearly round) are shown read-only."""

    def __init__(self, report: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.indicators = actions.entry_indicators()
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
