"""Form helpers shared by the apps."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet) -> None:
    """Restrict a model choice field to a (scoped) queryset."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def cleaned(form: forms.BaseForm) -> dict[str, Any]:
    """``cleaned_data`` after validation; typed, for use inside ``clean()``."""
    return cast(dict[str, Any], form.cleaned_data)
