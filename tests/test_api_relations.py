"""Related-object fields of the API are scoped (issue 11, class 5).

Walks every object filter (``?plan=``, ``?unit=`` …) and every writable relation of every API
endpoint with the id of an object the user cannot see and with a random id: the answers must be
the same (status and body, ids aside). Before, a plan could be created under a hidden parent
(201) and a filter told hidden from missing objects apart."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from rest_framework import serializers

from khcn.api_urls import router

pytestmark = pytest.mark.django_db
PERSONA = "reporter"


def _client() -> Any:
    from conftest import client_for

    return client_for(PERSONA)


def _hidden(model: Any, user: Any) -> Any:
    """An object ``user`` cannot see (None for public registries such as units)."""
    visible = model.objects.visible_to(user).values("pk")
    return model.objects.exclude(pk__in=visible).first()


def _same(first: Any, second: Any, ids: tuple[str, str]) -> None:
    assert first.status_code == second.status_code, (first.content, second.content)
    body_a = first.content.decode().replace(ids[0], "ID")
    body_b = second.content.decode().replace(ids[1], "ID")
    assert body_a == body_b


def _relation_filters(viewset: Any) -> list[tuple[str, Any]]:
    model = viewset.model
    found = []
    for name in getattr(viewset, "filterset_fields", []) or []:
        field = model._meta.get_field(name)
        if field.is_relation:
            found.append((name, field.related_model))
    return found


def test_object_filters_answer_hidden_like_random(demo: Any) -> None:
    user, client = demo.user(PERSONA), _client()
    walked = 0
    for prefix, viewset, _basename in router.registry:
        for name, related in _relation_filters(viewset):
            hidden_object = _hidden(related, user)
            if hidden_object is None:
                continue
            hidden, random = str(hidden_object.pk), str(uuid.uuid4())
            first = client.get(f"/api/{prefix}/", {name: hidden})
            second = client.get(f"/api/{prefix}/", {name: random})
            assert first.status_code == 400, f"/api/{prefix}/?{name}=<hidden>: {first.status_code}"
            _same(first, second, (hidden, random))
            walked += 1
    assert walked >= 4


def _writable_relations(viewset: Any) -> list[tuple[str, Any, bool]]:
    serializer = viewset.serializer_class()
    found = []
    for name, field in serializer.fields.items():
        target: Any = (
            field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        )
        if isinstance(target, serializers.RelatedField) and not target.read_only:
            many = isinstance(field, serializers.ManyRelatedField)
            queryset: Any = getattr(target, "queryset", None)
            found.append((name, queryset.model, many))
    return found


def _post(client: Any, url: str, data: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_writable_relations_answer_hidden_like_random(demo: Any) -> None:
    user, client = demo.user(PERSONA), _client()
    own_unit = demo.unit("DB-phuong-1")
    base = {"plans": {"title": "Kế hoạch thử", "owner": str(own_unit.pk)}}
    walked = 0
    for prefix, viewset, _basename in router.registry:
        methods: Any = getattr(viewset, "http_method_names", [])
        if "post" not in [m.lower() for m in methods] or not hasattr(viewset, "create"):
            continue
        for name, related, many in _writable_relations(viewset):
            hidden_object = _hidden(related, user)
            if hidden_object is None:
                continue
            hidden, random = str(hidden_object.pk), str(uuid.uuid4())
            payloads = [
                {**base.get(prefix, {}), name: [value] if many else value}
                for value in (hidden, random)
            ]
            first = _post(client, f"/api/{prefix}/", payloads[0])
            second = _post(client, f"/api/{prefix}/", payloads[1])
            assert first.status_code == 400, f"POST /api/{prefix}/ {name}=<hidden>: {first.content}"
            _same(first, second, (hidden, random))
            walked += 1
    assert walked >= 1  # a plan's parent


def test_task_write_relations_answer_hidden_like_random(demo: Any) -> None:
    from orgunits.models import OrgUnit
    from plans.models import Plan

    user, client = demo.user(PERSONA), _client()
    own_unit = str(demo.unit("DB-phuong-1").pk)
    hidden_plan = str(_hidden(Plan, user).pk)
    assert _hidden(OrgUnit, user) is None  # the unit registry is public: nothing to hide
    cases = [
        ("post", "/api/tasks/", {"title": "T", "lead_units": [own_unit]}, "plan", hidden_plan),
    ]
    for method, url, data, name, hidden in cases:
        random = [str(uuid.uuid4())] if isinstance(hidden, list) else str(uuid.uuid4())
        first = _post(client, url, {**data, name: hidden}, method)
        second = _post(client, url, {**data, name: random}, method)
        assert first.status_code == 400, (url, name, first.content)
        flat = (
            hidden[0] if isinstance(hidden, list) else hidden,
            random[0] if isinstance(random, list) else random,
        )
        _same(first, second, flat)
