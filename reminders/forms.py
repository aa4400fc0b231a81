from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RemindForm(forms.Form):
    message = forms.CharField(
        label=_("Nội dung đôn đốc"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        max_length=4000,
        required=False,
        help_text=_("Để trống thì dùng nội dung đôn đốc mặc định."),
    )
