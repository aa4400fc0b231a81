from __future__ import annotations

from typing import Any

from django import forms

from cooperation.models import Agreement
from core.forms import VersionField, limit_choices
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from organisations.models import Organisation
from orgunits.models import OrgUnit

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class AgreementForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Agreement
        fields = [*Agreement.EDITABLE_FIELDS, "partners", "projects"]
        widgets = {
            "signed_on": DATE,
            "valid_until": DATE,
            "partners": forms.SelectMultiple(attrs={"size": 6}),
            "projects": forms.SelectMultiple(attrs={"size": 6}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["version"]
        units = OrgUnit.objects.visible_to(user).filter(
            scope_for(user).units_where_q(EDIT_ST_REGISTRIES)
        )
        limit_choices(self, "owner_unit", units.order_by("path"))
        limit_choices(self, "partners", Organisation.objects.visible_to(user).order_by("name"))
        # Projects are a sibling registry: reached through the relation, scoped like any page.
        projects = Agreement._meta.get_field("projects").related_model
        limit_choices(
            self,
            "projects",
            projects._default_manager.visible_to(user).order_by("-created_at"),  # type: ignore[attr-defined, union-attr]
        )
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif not isinstance(widget, forms.HiddenInput):
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", css)
