"""Form of an organisation (tổ chức): what people type, validated by the model's constraints."""

from __future__ import annotations

from typing import Any

from django import forms

from core.forms import VersionField, limit_choices
from core.permissions import EDIT_ORGANISATIONS
from core.scoping import scope_for
from organisations.models import Organisation
from orgunits.models import OrgUnit


class OrganisationForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Organisation
        fields = list(Organisation.EDITABLE_FIELDS)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:  # a new organisation has no version yet
            del self.fields["version"]
        # Only units the user acts for may be linked (the office: every unit).
        units = OrgUnit.objects.visible_to(user).filter(
            scope_for(user).units_where_q(EDIT_ORGANISATIONS)
        )
        limit_choices(self, "unit", units.order_by("path"))
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput | forms.HiddenInput):
                field.widget.attrs.setdefault("class", "form-control")
