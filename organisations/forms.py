"""Forms of the organisation registry (tổ chức) and of an enterprise's S&T fund (quỹ)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import VersionField, cleaned, limit_choices
from core.permissions import EDIT_ORGANISATIONS
from core.scoping import scope_for
from organisations.duplicates import similar_organisations
from organisations.models import MAX_VND, Organisation, StFund
from orgunits.models import OrgUnit


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        elif not isinstance(field.widget, forms.HiddenInput):
            field.widget.attrs.setdefault("class", "form-control")


class OrganisationForm(forms.ModelForm):
    version = VersionField()
    confirm_duplicate = forms.BooleanField(
        label=_("Tôi đã xem các tổ chức có tên gần giống và vẫn muốn lưu"), required=False
    )

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
        self.similar: list[Organisation] = []
        self.similar_hidden = 0
        if self.instance._state.adding:  # a new organisation has no version yet
            del self.fields["version"]
        # Only units the user acts for may be linked (the office: every unit).
        units = OrgUnit.objects.visible_to(user).filter(
            scope_for(user).units_where_q(EDIT_ORGANISATIONS)
        )
        limit_choices(self, "unit", units.order_by("path"))
        limit_choices(self, "area", units.order_by("path"))
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or cleaned(self)
        name = data.get("name") or ""
        renamed = self.instance._state.adding or name != self.initial.get("name")
        if name and renamed and not data.get("confirm_duplicate"):
            exclude = None if self.instance._state.adding else self.instance.pk
            every = similar_organisations(name, Organisation.objects.all(), exclude)
            visible = set(
                Organisation.objects.visible_to(self.user)
                .filter(pk__in=[o.pk for o in every])
                .values_list("pk", flat=True)
            )
            self.similar = [o for o in every if o.pk in visible]
            self.similar_hidden = len(every) - len(self.similar)
            if every:
                names = "; ".join(o.name for o in self.similar)
                message = ngettext(
                    "Đã có %(n)d tổ chức tên gần giống (%(names)s). Kiểm tra lại; nếu đúng là "
                    "tổ chức khác, đánh dấu ô xác nhận rồi lưu.",
                    "Đã có %(n)d tổ chức tên gần giống (%(names)s). Kiểm tra lại; nếu đúng là "
                    "tổ chức khác, đánh dấu ô xác nhận rồi lưu.",
                    len(every),
                ) % {"n": len(every), "names": names or "—"}
                self.add_error("confirm_duplicate", message)
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
