"""Filters of the project list: level, kind, field, status, year, host, plan task, search, and
the drill-down of a computed indicator (``counted`` + ``unit`` + ``from``/``to``)."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search, year_filter
from organisations.models import Organisation
from orgunits.models import OrgUnit
from plans.models import Task
from projects import counts
from projects.models import Project, ProjectKind, ProjectLevel, ScienceField, Status


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    level = django_filters.ChoiceFilter(label=_("Cấp"), choices=ProjectLevel.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=ProjectKind.choices)
    science_field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=ScienceField.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Status.choices)
    year = year_filter(label=_("Năm"), method="in_year")
    host = django_filters.ModelChoiceFilter(
        label=_("Tổ chức chủ trì"), queryset=Organisation.objects.none()
    )
    task = django_filters.ModelChoiceFilter(
        label=_("Nhiệm vụ kế hoạch"), field_name="plan_tasks", queryset=Task.objects.none()
    )
    counted = django_filters.CharFilter(label="", method="counted_by", widget=forms.HiddenInput)

    class Meta:
        model = Project
        fields = ["q", "level", "kind", "science_field", "status", "year", "host", "task"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request is not None else None
        self.filters["host"].queryset = (
            Organisation.objects.visible_to(user)
            .filter(hosted_projects__isnull=False)
            .distinct()
            .order_by("name")
        )
        self.filters["task"].queryset = Task.objects.visible_to(user).order_by("code")
        for field in self.form.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "form-select form-select-sm")
        self.form.fields["q"].widget.attrs["class"] = "form-control form-control-sm"
        self.form.fields["year"].widget.attrs["class"] = "form-control form-control-sm"
        self.counted_label: Any = None

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)

    def in_year(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """The project's list year, or, unlisted, the year it was contracted or accepted."""
        year = int(value)
        return queryset.filter(
            Q(list_year=year) | Q(contract_signed_on__year=year) | Q(accepted_on__year=year)
        )

    def counted_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Exactly the projects a computed indicator counted for a unit and period."""
        source = counts.SOURCES.get(value)
        data = self.data
        try:
            start = datetime.date.fromisoformat(data.get("from", ""))
            end = datetime.date.fromisoformat(data.get("to", ""))
            unit = OrgUnit.objects.visible_to(self.request.user).get(pk=data.get("unit"))
        except (ValueError, ValidationError, OrgUnit.DoesNotExist):
            return queryset.none()
        if source is None:
            return queryset.none()
        self.counted_label = source.label
        return queryset.filter(pk__in=source.projects(unit.path, start, end).values("pk"))
