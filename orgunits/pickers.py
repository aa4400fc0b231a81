"""Unit pickers (chọn đơn vị): a list of units a person may choose, searchable as they type.

A picker is an ordinary ``<select>`` (it works without JavaScript) with a search box above it.
Typing asks ``orgunits:pick`` (htmx) for the matching ``<option>``s, with or without diacritics
("da lat" finds "Đà Lạt"), keeping what is already selected. Dissolved units (valid_to in the
past) are not offered unless the person ticks "show dissolved units", but a unit already chosen
stays shown, so editing an old record never silently drops it.

What is offered is what the person may choose: ``limit_units(form, name, user, capability)``
restricts the field's queryset (and so validation) to ``visible_to(user)`` narrowed by
``scope.units_where_q(capability)`` — the outsider is offered only its own units as a plan owner.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import permissions
from core.permissions import Capability
from core.scoping import scope_for
from orgunits.models import OrgUnit, OrgUnitQuerySet

# At most this many options per answer: a picker is for choosing, the registry page for browsing.
MAX_OPTIONS = 300


def capability_named(code: str) -> Capability | None:
    for value in vars(permissions).values():
        if isinstance(value, Capability) and value.code == code:
            return value
    return None


def choosable_units(user: Any, capability: Capability | None = None) -> OrgUnitQuerySet:
    """Units ``user`` may pick: visible ones, narrowed to where they hold ``capability``."""
    units = OrgUnit.objects.visible_to(user)
    if capability is not None:
        units = units.filter(scope_for(user).units_where_q(capability))
    return cast(OrgUnitQuerySet, units.order_by("path"))


def not_dissolved(units: QuerySet) -> QuerySet:
    today = timezone.localdate()
    return units.exclude(valid_to__lt=today)


def option_label(unit: OrgUnit) -> str:
    if unit.is_dissolved:
        return str(_("%(name)s (đã giải thể, sáp nhập)") % {"name": unit.name})
    return unit.name


class _PickerMixin:
    """Shared by the single and multiple pickers: render dissolved units only when selected."""

    capability_code = ""
    field_label = ""  # names the search box for screen readers ("Tìm đơn vị: Đơn vị chủ trì")
    attrs: dict[str, Any]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["picker"] = {
            "url": reverse("orgunits:pick"),
            "capability": self.capability_code,
            "field": name,
            "label": self.field_label,
            "multiple": "1" if self.allow_multiple_selected else "",  # type: ignore[attr-defined]
        }
        return context

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None) -> Any:
        chosen = {str(v) for v in value}
        groups = super().optgroups(name, value, attrs)  # type: ignore[misc]
        kept = []
        for group in groups:
            options = [
                option
                for option in group[1]
                if str(option["value"]) in chosen
                or not getattr(getattr(option["value"], "instance", None), "is_dissolved", False)
            ]
            if options:
                kept.append((group[0], options, group[2]))
        return kept


PICKER_TEMPLATE = "orgunits/widgets/unit_picker.html"


class UnitSelect(_PickerMixin, forms.Select):
    template_name = PICKER_TEMPLATE


class UnitSelectMultiple(_PickerMixin, forms.SelectMultiple):
    template_name = PICKER_TEMPLATE


class _UnitLabels:
    def label_from_instance(self, obj: Any) -> str:
        return option_label(obj)


class UnitChoiceField(_UnitLabels, forms.ModelChoiceField):
    widget = UnitSelect


class UnitMultipleChoiceField(_UnitLabels, forms.ModelMultipleChoiceField):
    widget = UnitSelectMultiple


def limit_units(
    form: forms.BaseForm, name: str, user: Any, capability: Capability | None = None
) -> None:
    """Make ``form.fields[name]`` a searchable picker of the units ``user`` may choose there."""
    field = form.fields[name]
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    if not isinstance(field, UnitChoiceField | UnitMultipleChoiceField):
        # A model form's own ForeignKey field: swap in the picker, keeping label and help.
        field_class = UnitMultipleChoiceField if multiple else UnitChoiceField
        replacement = field_class(
            queryset=OrgUnit.objects.none(),
            required=field.required,
            label=field.label,
            help_text=field.help_text,
            initial=field.initial,
        )
        form.fields[name] = field = replacement
    cast(forms.ModelChoiceField, field).queryset = choosable_units(user, capability)
    widget = cast(_PickerMixin, field.widget)
    widget.capability_code = capability.code if capability else ""
    widget.field_label = str(field.label or "")
