from __future__ import annotations

from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api import ScopedReadOnlyViewSet, created, expected_version
from orgunits.models import OrgUnit
from plans import actions
from plans.api.serializers import PlanSerializer, TaskSerializer, TaskWriteSerializer
from plans.models import Plan, Task, TaskAssignment


def payload(request: Request) -> dict[str, Any]:
    """The request body as a mapping (DRF types it as dict-or-list)."""
    data = request.data
    return data if isinstance(data, dict) else {}


class PlanViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    model = Plan
    serializer_class = PlanSerializer
    filterset_fields = ["status", "owner", "parent"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related("owner").prefetch_related("implements").order_by("-created_at")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        owner = data["owner"]
        if not OrgUnit.objects.visible_to(request.user).filter(pk=owner.pk).exists():
            raise serializers.ValidationError({"owner": "Đơn vị không tồn tại."})
        plan = actions.create_plan(cast(User, request.user), **data)
        return created(PlanSerializer(plan).data)


class TaskViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    model = Task
    serializer_class = TaskSerializer
    filterset_fields = ["plan", "status", "frequency"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return (
            queryset.select_related("plan")
            .prefetch_related(
                Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit")),
                "milestones",
            )
            .order_by("plan", "order")
        )

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan_id = payload(request).get("plan")
        plan = Plan.objects.visible_to(request.user).filter(pk=plan_id).first() if plan_id else None
        if plan is None:
            raise serializers.ValidationError({"plan": "Kế hoạch không tồn tại."})
        write = TaskWriteSerializer(data=request.data, context={"request": request})
        write.is_valid(raise_exception=True)
        data = dict(write.validated_data)
        data.pop("version", None)
        task = actions.create_task(cast(User, request.user), plan, **data)
        return created(TaskSerializer(task).data)

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        task = self.get_object()
        partial = kwargs.get("partial", False)
        write = TaskWriteSerializer(
            data=request.data, context={"request": request}, partial=partial
        )
        write.is_valid(raise_exception=True)
        data = dict(write.validated_data)
        data.pop("version", None)
        task = actions.update_task(
            cast(User, request.user), task, expected_version=expected_version(request.data), **data
        )
        return Response(TaskSerializer(Task.objects.get(pk=task.pk)).data)

    @extend_schema(request=None, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        task = self.get_object()
        task = actions.close_task(
            cast(User, request.user),
            task,
            outcome=payload(request).get("outcome", "completed"),
            note=str(payload(request).get("note", "")),
            expected_version=expected_version(request.data),
        )
        return Response(TaskSerializer(task).data)
