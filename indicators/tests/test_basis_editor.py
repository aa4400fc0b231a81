"""The managing office edits an indicator's time basis and unit kinds in the app: a normal form,
one named action that claims the version and writes its audit row; a stale copy is refused
with the typed choice kept; others may not edit; a rule the roll-up contradicts is refused."""

from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEntry
from core.errors import ActionError
from indicators import actions
from indicators.models import Aggregation, Indicator, TimeBasis
from orgunits.models import UnitKind

pytestmark = pytest.mark.django_db


def _free_indicator() -> Indicator:
    """A summed indicator: its time basis is the editor's to choose."""
    indicator = Indicator.objects.filter(aggregation=Aggregation.SUM, computed_source="").first()
    assert indicator is not None
    return indicator


def test_the_monitor_changes_time_basis_and_unit_kinds(as_persona: Any) -> None:
    indicator = _free_indicator()
    client = as_persona("monitor")
    url = f"/indicators/{indicator.pk}/definition/"
    page = client.get(url)
    assert page.status_code == 200
    assert f'href="{url}"' in client.get(f"/indicators/{indicator.pk}/").content.decode()
    basis = TimeBasis.STOCK if indicator.time_basis != TimeBasis.STOCK else TimeBasis.FLOW
    response = client.post(
        url,
        {
            "version": indicator.version,
            "time_basis": basis,
            "unit_kinds": [UnitKind.GOVERNMENT, UnitKind.PARTY_COMMITTEE],
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.time_basis == basis
    # Stored in the registry's order, whatever the order ticked.
    assert indicator.unit_kinds == [UnitKind.PARTY_COMMITTEE, UnitKind.GOVERNMENT]
    entry = AuditEntry.objects.get(action="indicators.definition", target_id=str(indicator.pk))
    assert entry.changes["unit_kinds"][1] == ["Cấp ủy Đảng", "Chính quyền (HĐND, UBND)"]

    # A second save from the copy read before is refused: 409, the typed choice kept.
    stale = client.post(
        url,
        {"version": indicator.version - 1, "time_basis": TimeBasis.FLOW, "unit_kinds": []},
    )
    assert stale.status_code == 409
    form = stale.context["form"]
    assert form.non_field_errors() and form.data["time_basis"] == TimeBasis.FLOW
    indicator.refresh_from_db()
    assert indicator.time_basis == basis and indicator.unit_kinds


def test_only_the_managing_office_edits_a_definition(as_persona: Any) -> None:
    indicator = _free_indicator()
    url = f"/indicators/{indicator.pk}/definition/"
    for persona in ("manager", "reporter", "outsider", "ward_manager"):
        client = as_persona(persona)
        assert client.get(url).status_code == 404, persona
        response = client.post(
            url, {"version": indicator.version, "time_basis": TimeBasis.STOCK, "unit_kinds": []}
        )
        assert response.status_code == 404, persona
        assert "edit-basis" not in client.get(f"/indicators/{indicator.pk}/").content.decode()
    indicator.refresh_from_db()
    assert not AuditEntry.objects.filter(action="indicators.definition").exists()


def test_a_time_basis_the_roll_up_rule_contradicts_is_refused(demo: Any) -> None:
    monitor = demo.user("monitor")
    latest = Indicator.objects.filter(aggregation=Aggregation.LATEST).first()
    assert latest is not None and latest.time_basis == TimeBasis.STOCK
    with pytest.raises(ActionError):
        actions.update_indicator_basis(
            monitor,
            latest,
            expected_version=latest.version,
            time_basis=TimeBasis.FLOW,
            unit_kinds=[],
        )
    latest.refresh_from_db()
    assert latest.time_basis == TimeBasis.STOCK and latest.version == 1
    with pytest.raises(ActionError):
        actions.update_indicator_basis(
            monitor,
            latest,
            expected_version=latest.version,
            time_basis=TimeBasis.STOCK,
            unit_kinds=["no_such_kind"],
        )
