from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import VersionField
from reporting.models import ReportingRound

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class RoundField(forms.ModelChoiceField):
    """A malformed id gets the same clear message as an unknown round."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except ValidationError as exc:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from exc


class CompileForm(forms.Form):
    round = RoundField(
        label=_("Kỳ báo cáo (sơ kết, tổng kết hoặc kỳ định kỳ)"),
        queryset=ReportingRound.objects.none(),
        empty_label=_("— Chọn kỳ báo cáo —"),
        error_messages={
            "required": _("Hãy chọn kỳ báo cáo cần tổng hợp."),
            "invalid_choice": _("Kỳ báo cáo không tồn tại hoặc không thuộc kế hoạch này."),
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, plan: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["round"]
        field.queryset = (  # type: ignore[attr-defined]
            ReportingRound.objects.visible_to(user)
            .filter(plan=plan)
            .order_by("-period_end", "kind")
        )
        field.label_from_instance = lambda r: (  # type: ignore[attr-defined]
            f"{r.label} ({r.period_start:%d/%m/%Y} – {r.period_end:%d/%m/%Y})"
        )


class ParagraphForm(forms.Form):
    paragraph = forms.UUIDField(widget=forms.HiddenInput)
    version = VersionField()
    text = forms.CharField(
        label=_("Nội dung đoạn"),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5}),
        error_messages={"required": _("Nội dung đoạn không được để trống.")},
    )


class ApproveForm(forms.Form):
    version = VersionField()
