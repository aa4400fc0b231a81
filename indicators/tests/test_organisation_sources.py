"""Registries below ``indicators`` (organisations) count through sources registered here."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from indicators import computed
from organisations import actions
from organisations.counts import SOURCES
from organisations.models import OrganisationKind

pytestmark = pytest.mark.django_db
YEAR = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def new_enterprise(demo, **extra):
    fields = {
        "kind": OrganisationKind.ENTERPRISE,
        "name": "Công ty TNHH Atisô Đỏ Langbiang",
        "tax_code": "5899990001",
        "area": demo.unit("UBND-DL"),
    }
    fields.update(extra)
    return actions.create_organisation(demo.user("manager"), **fields)


def test_computed_indicators_count_the_registry_and_drill_down(demo, as_persona):
    city = demo.unit("UBND-DL")
    start, end = YEAR
    assert computed.get_source("organisations.st_enterprises") is not None  # registered

    def figures() -> dict[str, Decimal]:
        return {code: SOURCES[code].figure(city.path, start, end) for code in SOURCES}

    before = figures()
    org = new_enterprise(
        demo, st_certificate_number="10/2024/DNKHCN", st_certificate_date=datetime.date(2024, 3, 1)
    )
    actions.create_fund(
        demo.user("manager"), org, year=2024, amount_set_aside=2_000_000_000,
        used_research=500_000_000, used_other=250_000_000,
    )  # fmt: skip
    after = figures()
    assert (
        computed.figure("organisations.fund_set_aside", city, start, end)
        == after["organisations.fund_set_aside"]
    )  # the registered source is this one
    assert after["organisations.st_enterprises"] == before["organisations.st_enterprises"] + 1
    assert (
        after["organisations.st_enterprises.new"] == before["organisations.st_enterprises.new"] + 1
    )
    assert after["organisations.fund_enterprises"] == before["organisations.fund_enterprises"] + 1
    assert after["organisations.fund_set_aside"] == before["organisations.fund_set_aside"] + 2000
    assert after["organisations.fund_used"] == before["organisations.fund_used"] + Decimal(750)
    # A ward outside the city counts none of it.
    ward = demo.unit("DB-phuong-1")
    assert computed.figure("organisations.st_enterprises", ward, start, end) == 0
    url = computed.drilldown("organisations.fund_set_aside", city, start, end)
    page = as_persona("monitor").get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Atisô Đỏ Langbiang" in body and "2.000.000.000" in body
    listed = (
        as_persona("monitor")
        .get(computed.drilldown("organisations.st_enterprises", city, start, end))
        .content.decode()
    )
    assert "10/2024/DNKHCN" in listed and "01/2019/DNKHCN" in listed
