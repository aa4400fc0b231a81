"""Read-replica routing (khcn/replica.py): dashboards, compiled reports and exports read from
the replica; sign-in data, writes, reads inside a transaction and a browser that just wrote
read from the primary. A real streaming replica is exercised by scripts/replica_check.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from khcn import replica
from khcn.replica import PIN_COOKIE, ReplicaRouter, reads_from_replica
from plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions(monkeypatch: Any) -> list[tuple[str, str]]:
    """Pretend a replica is configured; record where each read would go, run it on default."""
    seen: list[tuple[str, str]] = []
    original = ReplicaRouter.db_for_read
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    # Each test runs inside a transaction; a served request does not.
    monkeypatch.setattr(replica, "in_write_transaction", lambda: False)

    def spy(self: ReplicaRouter, model: Any, **hints: Any) -> str:
        seen.append((model._meta.app_label, original(self, model, **hints) or "default"))
        return "default"

    monkeypatch.setattr(ReplicaRouter, "db_for_read", spy)
    return seen


def test_the_dashboard_reads_domain_data_from_the_replica(
    as_persona: Any, decisions: list[tuple[str, str]]
) -> None:
    client = as_persona("monitor")
    assert client.get("/monitoring/").status_code == 200
    to_replica = {app for app, db in decisions if db == "replica"}
    assert {"reporting", "plans"} & to_replica
    # Who is signed in, and their session, always come from the primary.
    assert not {"accounts", "sessions", "auth"} & to_replica


def test_ordinary_pages_read_from_the_primary(
    as_persona: Any, decisions: list[tuple[str, str]]
) -> None:
    client = as_persona("monitor")
    assert client.get("/plans/").status_code == 200
    assert decisions and all(db == "default" for _app, db in decisions)


def test_a_browser_that_just_wrote_reads_its_own_write_from_the_primary(
    as_persona: Any, decisions: list[tuple[str, str]]
) -> None:
    client = as_persona("monitor")
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert response.cookies[PIN_COOKIE].value == "1"
    assert int(response.cookies[PIN_COOKIE]["max-age"]) > 0
    decisions.clear()
    assert client.get("/monitoring/").status_code == 200
    assert decisions and all(db == "default" for _app, db in decisions)


def test_reads_inside_a_transaction_stay_on_the_primary(monkeypatch: Any) -> None:
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    router = ReplicaRouter()
    assert router.db_for_read(Plan) == "default"  # not in a replica block
    with reads_from_replica():
        assert router.db_for_read(Plan) == "default"  # the test's own transaction is open
    with transaction.atomic(), reads_from_replica():
        assert router.db_for_read(Plan) == "default"
    assert router.db_for_write(Plan) == "default"
    assert router.allow_migrate("replica", "plans") is False
