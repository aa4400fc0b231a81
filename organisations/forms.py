"""Forms of the organisation registry (tổ chức) and of an enterprise's S&T fund (quỹ)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.duplicates import DuplicateWarningMixin, SimilarName
from core.forms import VersionField, cleaned, limit_choices
from core.permissions import EDIT_ORGANISATIONS
from core.scoping import scope_for
from organisations.models import MAX_VND, Organisation, StFund
from orgunits.models import OrgUnit


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        elif not isinstance(field.widget, forms.HiddenInput):
            field.widget.attrs.setdefault("class", "form-control")


# Words of the legal form, which say nothing about which organisation it is.
LEGAL_FORM = frozenset(
    "cong ty tnhh co phan trach nhiem huu han mot thanh vien mtv cp hop tac xa htx "
    "doanh nghiep tu nhan dntn".split()
)


class OrganisationForm(DuplicateWarningMixin, forms.ModelForm):
    """An organisation; the same tax code is refused by the database, a near-identical name
    (legal form aside: "Công ty TNHH Hoa X" and "Cong ty Hoa X.") asks for confirmation."""

    version = VersionField()
    duplicate_name = SimilarName(field="name", noise=LEGAL_FORM)
    duplicate_detail_url = "organisations:detail"
    duplicate_confirm_label = _("Tôi đã xem các tổ chức có tên gần giống và vẫn muốn lưu")

    class Meta:
        model = Organisation
        fields = list(Organisation.EDITABLE_FIELDS)
        widgets = {
            "registration_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "st_certificate_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_confirm_field()
        if self.instance._state.adding:  # a new organisation has no version yet
            del self.fields["version"]
        # Only units the user acts for may be linked (the office: every unit).
        units = OrgUnit.objects.visible_to(user).filter(
            scope_for(user).units_where_q(EDIT_ORGANISATIONS)
        )
        limit_choices(self, "unit", units.order_by("path"))
        limit_choices(self, "area", units.order_by("path"))
        _style(self)

    def describe_duplicate(self, record: Any) -> str:
        return str(record.tax_code)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or cleaned(self)
        self.check_duplicates(data)
        return data


_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")


class VndField(forms.CharField):
    """An amount in đồng typed as "1.250.000.000" or "1250000000" (whole đồng, 0 if empty)."""

    def to_python(self, value: Any) -> int:  # type: ignore[override]
        text = (super().to_python(value) or "").strip()
        if not text:
            return 0
        if _GROUPED.match(text):
            text = text.replace(".", "").replace(" ", "")
        if not text.isdigit():
            raise forms.ValidationError(
                _("Số tiền “%(t)s” không hợp lệ (ví dụ: 1.250.000.000).") % {"t": value}
            )
        amount = int(text)
        if amount > MAX_VND:
            raise forms.ValidationError(_("Số tiền phải từ 0 đến 1.000.000 tỷ đồng."))
        return amount

    def prepare_value(self, value: Any) -> Any:
        return number_format(value, force_grouping=True) if isinstance(value, int) else value


class FundForm(forms.ModelForm):
    version = VersionField()
    amount_set_aside = VndField(label=_("Số trích lập trong năm (đồng)"))
    used_research = VndField(label=_("Sử dụng: thực hiện nhiệm vụ KH&CN (đồng)"))
    used_innovation = VndField(label=_("Sử dụng: đổi mới, chuyển giao công nghệ (đồng)"))
    used_training = VndField(label=_("Sử dụng: đào tạo nhân lực KH&CN (đồng)"))
    used_other = VndField(label=_("Sử dụng: mục đích khác (đồng)"))

    class Meta:
        model = StFund
        fields = list(StFund.EDITABLE_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["version"]
        for name in ("amount_set_aside", *StFund.USED_FIELDS):
            self.fields[name].required = False
            self.fields[name].help_text = _("đồng, ví dụ 1.250.000.000")
        _style(self)
