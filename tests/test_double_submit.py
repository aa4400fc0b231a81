"""A form sent twice has one effect (issue 11, class 7): every POST form of a page carries a
fresh submission key; the second submission of the same key answers "already done", never a
duplicate or a 500. A refused submission releases its key."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def _key(page: str) -> str:
    found = re.findall(r'name="_submission" value="([0-9a-f-]{36})"', page)
    assert found, "the page's POST form carries no submission key"
    assert len(found) == len(set(found))  # one fresh key per form
    return found[0]


def test_plan_creation_sent_twice_creates_one_plan(as_persona: Any, demo: Any) -> None:
    from plans.models import Plan

    client = as_persona("reporter")
    key = _key(client.get("/plans/new/").content.decode())
    data = {
        "title": "Kế hoạch gửi hai lần",
        "owner": demo.unit("DB-phuong-1").pk,
        "status": "draft",
        "summary": "",
        "_submission": key,
    }
    first = client.post("/plans/new/", data)
    second = client.post("/plans/new/", data, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "đã được gửi và thực hiện" in second.content.decode()
    assert Plan.objects.filter(title="Kế hoạch gửi hai lần").count() == 1


def test_a_refused_submission_can_be_sent_again(as_persona: Any, demo: Any) -> None:
    from plans.models import Plan

    client = as_persona("reporter")
    key = _key(client.get("/plans/new/").content.decode())
    data = {"owner": demo.unit("DB-phuong-1").pk, "status": "draft", "_submission": key}
    refused = client.post("/plans/new/", {**data, "title": "", "end_year": "1000"})
    assert refused.status_code in (200, 400)
    accepted = client.post("/plans/new/", {**data, "title": "Kế hoạch sửa lại"})
    assert accepted.status_code == 302
    assert Plan.objects.filter(title="Kế hoạch sửa lại").count() == 1
