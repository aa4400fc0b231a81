from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import cleaned
from core.permissions import MANAGE_UNITS
from orgunits.models import OrgUnit, SuccessionKind
from orgunits.pickers import UnitMultipleChoiceField, limit_units

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser


class OrgUnitForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=_("Tên gọi khác, viết tắt (cách nhau bởi dấu chấm phẩy)"), required=False
    )

    class Meta:
        model = OrgUnit
        # ``aliases`` is typed as one line (``aliases_text``) and cleaned into the list.
        fields = [name for name in OrgUnit.EDITABLE_FIELDS if name != "aliases"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "valid_to": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args: Any, user: AbstractUser | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_units(self, "parent", user, MANAGE_UNITS)
        if self.instance.pk:
            self.fields["aliases_text"].initial = "; ".join(self.instance.aliases)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = cleaned(self)
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày kết thúc hiệu lực phải sau ngày bắt đầu."))
        data["aliases"] = [a.strip() for a in data.get("aliases_text", "").split(";") if a.strip()]
        return data

    def action_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in OrgUnit.EDITABLE_FIELDS}


class SuccessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=SuccessionKind.choices)
    successors = UnitMultipleChoiceField(label=_("Đơn vị kế thừa"), queryset=OrgUnit.objects.none())
    effective_date = forms.DateField(
        label=_("Ngày hiệu lực"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    basis = forms.CharField(label=_("Căn cứ (quyết định, nghị quyết)"), required=False)

    def __init__(
        self, *args: Any, user: AbstractUser | AnonymousUser, unit: OrgUnit, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_units(self, "successors", user, MANAGE_UNITS)
        field = self.fields["successors"]
        field.queryset = field.queryset.exclude(pk=unit.pk)  # type: ignore[attr-defined]


class UnitImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def clean_file(self) -> Any:
        from django.conf import settings

        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)s MB)."),
                params={"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload
