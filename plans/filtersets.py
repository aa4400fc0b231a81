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

        # The subtrees of the user's own units, even for those who see everything.
        units = scope_for(self.request.user).units_subquery(own=True)
        return queryset.filter(assignments__is_active=True, assignments__unit__in=units).distinct()
