"""Cooperation agreements: constraints, audited links, scoping, search, counts with drill-down."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from cooperation import actions
from cooperation.counts import SOURCES
from cooperation.models import Agreement, AgreementStatus, PartnerScope
from core.errors import ActionError, NotAllowed
from indicators import computed
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date


def new_agreement(demo, persona="manager", **extra):
    fields = {
        "title": "Hợp tác nhân giống atisô sạch bệnh",
        "partner_scope": PartnerScope.FOREIGN,
        "foreign_partner_names": "Viện Rau Bretagne (Pháp)",
        "owner_unit": demo.unit("UBND-DL"),
        "scope": "Nhân giống in vitro, khảo nghiệm",
        "signed_on": D(2024, 5, 6),
        "valid_until": D(2029, 5, 6),
        "status": AgreementStatus.ACTIVE,
    }
    fields.update(extra)
    return actions.create_agreement(demo.user(persona), **fields)


def test_dates_and_status_are_constrained_and_links_audited(demo):
    with pytest.raises(ActionError):
        new_agreement(demo, valid_until=D(2020, 1, 1))
    with pytest.raises(ActionError):
        new_agreement(demo, signed_on=None, valid_until=None)  # active but never signed
    partner = Organisation.objects.get(tax_code="5803334445")
    agreement = new_agreement(demo, partners=[partner])
    entry = AuditEntry.objects.get(action="agreement.create", target_id=str(agreement.pk))
    assert entry.changes["partners"][1] == [partner.name]


def test_only_the_owning_unit_and_the_office_edit(demo):
    agreement = new_agreement(demo)
    with pytest.raises(NotAllowed):
        actions.update_agreement(demo.user("reporter"), agreement, expected_version=1, title="x")
    actions.update_agreement(
        demo.user("monitor"), agreement, expected_version=agreement.version, results="Có kết quả"
    )


def test_unpublished_agreement_is_hidden(demo, as_persona):
    agreement = new_agreement(demo, is_published=False)
    url = reverse("cooperation:detail", kwargs={"pk": agreement.pk})
    assert as_persona("outsider").get(url).status_code == 404
    assert as_persona("manager").get(url).status_code == 200
    api = as_persona("outsider").get("/api/agreements/?page_size=500").json()
    assert str(agreement.pk) not in {row["id"] for row in api["results"]}


def test_bad_form_changes_nothing(demo, as_persona):
    before = Agreement.objects.count()
    response = as_persona("manager").post(
        reverse("cooperation:create"),
        {"title": "Thử", "partner_scope": "domestic", "owner_unit": demo.unit("UBND-DL").pk,
         "scope": "x", "signed_on": "10/10/2024", "valid_until": "01/01/2024",
         "status": "active"},
    )  # fmt: skip
    assert response.status_code == 400
    assert Agreement.objects.count() == before


@pytest.mark.parametrize("query", ["Hà Lan", "ha lan", "HA LAN"])
def test_search_with_and_without_diacritics(as_persona, query):
    page = as_persona("outsider").get(reverse("cooperation:list"), {"q": query})
    assert "đối tác Hà Lan" in page.content.decode()


def test_computed_indicators_move_and_drill_down(demo, as_persona):
    city = demo.unit("UBND-DL")
    start, end = D(2024, 1, 1), D(2024, 12, 31)
    before = {c: SOURCES[c].figure(city.path, start, end) for c in SOURCES}
    new_agreement(demo)
    after = {c: SOURCES[c].figure(city.path, start, end) for c in SOURCES}
    assert all(after[c] == before[c] + 1 for c in SOURCES), (before, after)
    assert computed.figure("cooperation.foreign", city, start, end) == after["cooperation.foreign"]
    page = as_persona("monitor").get(computed.drilldown("cooperation.foreign", city, start, end))
    body = page.content.decode()
    assert "Hợp tác nhân giống atisô sạch bệnh" in body and "cà phê đặc sản" in body
    assert "giống hoa chất lượng cao" not in body  # domestic, signed in 2020
