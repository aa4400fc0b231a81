from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.filters import folded_search
from plans.models import Frequency, Plan, PlanStatus, Task, TaskStatus


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=PlanStatus.choices)

    class Meta:
        model = Plan
        fields = ["q", "status"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)


class TaskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=TaskStatus.choices)
    frequency = django_filters.ChoiceFilter(label=_("Tần suất"), choices=Frequency.choices)
    mine = django_filters.BooleanFilter(label=_("Chỉ nhiệm vụ của đơn vị tôi"), method="only_mine")

    class Meta:
        model = Task
        fields = ["q", "status", "frequency", "mine"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return folded_search(queryset, "search_text", value)

    def only_mine(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        from core.scoping import scope_for
        from orgunits.models import OrgUnit

        scope = scope_for(self.request.user)
        mine = OrgUnit.objects.filter(pk__in=scope.unit_ids).values("path")
        units = OrgUnit.objects.none()
        for path in mine:
            units = units | OrgUnit.objects.filter(path__startswith=path["path"])
        return queryset.filter(
            assignments__is_active=True, assignments__unit__in=units.values("pk")
        ).distinct()
