from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.models import Agreement
from core.duplicates import DuplicateWarningMixin, SameKey, SimilarName
from core.forms import VersionField, cleaned, limit_choices
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from core.text import text_key
from organisations.models import Organisation
from orgunits.models import OrgUnit

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


def _partner_q(data: dict[str, Any]) -> Q:
    """Agreements with a partner of the registry in common; with none chosen, any agreement
    (the foreign partners' names are compared in Python, ``_same_partner``)."""
    partners = list(data.get("partners") or [])
    if not partners:
        return Q()
    through = Agreement.partners.through
    shared = through.objects.filter(organisation__in=partners).values("agreement")
    return Q(pk__in=shared)


def _same_partner(record: Agreement, data: dict[str, Any]) -> bool:
    if data.get("partners"):
        return True  # a partner in common, found in SQL
    mine, theirs = (
        text_key(data.get("foreign_partner_names") or ""),
        text_key(record.foreign_partner_names),
    )
    return bool(mine) and mine == theirs


class AgreementForm(DuplicateWarningMixin, forms.ModelForm):
    """An agreement; the same number, or a near-identical title with the same partner, asks
    for confirmation (numbers are not unique across signatories, so nothing is refused)."""

    version = VersionField()
    duplicate_keys = (SameKey(("number",), _("cùng số hiệu")),)
    duplicate_name = SimilarName(
        field="title",
        reason=_("tên gần giống, cùng đối tác"),
        narrow=_partner_q,
        accept=_same_partner,
        watch=("partners", "foreign_partner_names"),
    )
    duplicate_detail_url = "cooperation:detail"

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
        self.user = user
        self.add_confirm_field()
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

    def describe_duplicate(self, record: Any) -> str:
        return str(record.number)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or cleaned(self)
        self.check_duplicates(data)
        return data
