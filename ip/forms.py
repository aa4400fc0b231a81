"""Forms of products, IP titles and authorised users; choices limited to what the user may use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.duplicates import DuplicateWarningMixin, SameKey, SimilarName
from core.forms import VersionField, cleaned, limit_choices
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from core.text import text_key
from ip import actions
from ip.models import AuthorisedUser, IpTitle, Product
from organisations.models import Organisation
from orgunits.models import OrgUnit

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif not isinstance(widget, forms.HiddenInput):
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


def _owned(form: forms.ModelForm, user: Any) -> None:
    if form.instance._state.adding:
        del form.fields["version"]
    units = OrgUnit.objects.visible_to(user).filter(
        scope_for(user).units_where_q(EDIT_ST_REGISTRIES)
    )
    limit_choices(form, "owner_unit", units.order_by("path"))


def _same_area(record: Product, data: dict[str, Any]) -> bool:
    """One area however it is typed ("Cầu Đất, Đà Lạt" / "cau dat - da lat"); an area left
    empty on either side does not tell two products apart."""
    mine, theirs = text_key(data.get("area") or ""), text_key(record.area)
    return not mine or not theirs or mine == theirs


class ProductForm(DuplicateWarningMixin, forms.ModelForm):
    """A characteristic product; a near-identical name in the same area asks for
    confirmation."""

    version = VersionField()
    duplicate_name = SimilarName(field="name", accept=_same_area, watch=("area",))
    duplicate_detail_url = "ip:product"

    class Meta:
        model = Product
        fields = [*Product.EDITABLE_FIELDS, "producers"]
        widgets = {"producers": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_confirm_field()
        _owned(self, user)
        limit_choices(self, "producers", Organisation.objects.visible_to(user).order_by("name"))
        _style(self)

    def describe_duplicate(self, record: Any) -> str:
        return str(record.area)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or cleaned(self)
        self.check_duplicates(data)
        return data


FILED = _("cùng loại và số đơn")


class TitleForm(DuplicateWarningMixin, forms.ModelForm):
    """An IP title. The same number and kind is refused by the database (a hard error); the
    same application number and kind, or a near-identical name of the same kind, asks for
    confirmation (a trademark and a GI may rightly share a name)."""

    version = VersionField()
    duplicate_keys = (SameKey(("kind", "application_number"), FILED),)
    duplicate_name = SimilarName(field="name", same=("kind",))
    duplicate_detail_url = "ip:title"

    class Meta:
        model = IpTitle
        fields = list(IpTitle.EDITABLE_FIELDS)
        widgets = {
            name: DATE for name in ("filing_date", "grant_date", "valid_until", "renewed_on")
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_confirm_field()
        _owned(self, user)
        limit_choices(self, "holder", Organisation.objects.visible_to(user).order_by("name"))
        limit_choices(self, "product", Product.objects.visible_to(user).order_by("name"))
        # Projects are a sibling registry: reached through the relation, scoped like any page.
        project_model = IpTitle._meta.get_field("project").related_model
        limit_choices(
            self,
            "project",
            project_model._default_manager.visible_to(user).order_by("-created_at"),  # type: ignore[attr-defined, union-attr]
        )
        _style(self)

    def describe_duplicate(self, record: Any) -> str:
        return " ".join(filter(None, [record.get_kind_display(), record.number]))

    def shown_reasons(self, record: Any, reasons: list[str]) -> list[str]:
        # The application number is in the filing group, told only to who may see it.
        if record.publish_filing or actions.sees_all(self.user, record):
            return reasons
        return [r for r in reasons if r != str(FILED)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or cleaned(self)
        self.check_duplicates(data)
        return data


class VietDecimalField(forms.DecimalField):
    """A quantity typed the Vietnamese way, "1.250,5" (also "1250.5" from a spreadsheet).

    A text box, not ``type=number``: a number box refuses the comma of "1.250,5"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Any:
        text = str(value or "").strip().replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        return super().to_python(text)


class AuthorisedUserForm(forms.ModelForm):
    version = VersionField()
    volume_tonnes = VietDecimalField(
        label=_("Sản lượng (tấn/năm)"), required=False, max_digits=12, decimal_places=2
    )

    class Meta:
        model = AuthorisedUser
        fields = list(AuthorisedUser.EDITABLE_FIELDS)
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["version"]
        limit_choices(self, "organisation", Organisation.objects.visible_to(user).order_by("name"))
        _style(self)
