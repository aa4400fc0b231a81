"""Form helpers shared by the apps."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet) -> None:
    """Restrict a model choice field to a (scoped) queryset."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def cleaned(form: forms.BaseForm) -> dict[str, Any]:
    """``cleaned_data`` after validation; typed, for use inside ``clean()``."""
    return cast(dict[str, Any], form.cleaned_data)


MISSING_VERSION = _(
    "Thiếu phiên bản của nội dung đang sửa nên chưa lưu gì; hãy tải lại trang rồi nhập lại."
)


class VersionField(forms.IntegerField):
    """The hidden ``version`` the page was opened at (phiên bản). Required: without it the
    action could not tell a stale copy from a fresh one, and the last writer would win."""

    widget = forms.HiddenInput
    default_error_messages = {"required": MISSING_VERSION, "invalid": MISSING_VERSION}


class VersionForm(forms.Form):
    """A button that changes a versioned object and carries nothing else but the version."""

    version = VersionField()
