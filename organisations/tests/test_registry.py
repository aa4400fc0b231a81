"""The organisation registry for its personas: certificates, S&T funds, duplicate warnings,
diacritic-free search, scoping, and the computed indicators with their drill-down."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from organisations import actions
from organisations.models import Organisation, OrganisationKind, StFund

pytestmark = pytest.mark.django_db


def new_enterprise(demo, persona="manager", **extra):
    fields = {
        "kind": OrganisationKind.ENTERPRISE,
        "name": "Công ty TNHH Atisô Đỏ Langbiang",
        "tax_code": "5899990001",
        "area": demo.unit("UBND-DL"),
    }
    fields.update(extra)
    return actions.create_organisation(demo.user(persona), **fields)


def test_certificate_needs_number_date_and_an_enterprise(demo):
    with pytest.raises(Exception):  # noqa: B017 - the model refuses half a certificate
        new_enterprise(demo, st_certificate_number="09/2024/DNKHCN")
    with pytest.raises(Exception):  # noqa: B017
        new_enterprise(
            demo,
            kind=OrganisationKind.ST_ORGANISATION,
            st_certificate_number="09/2024/DNKHCN",
            st_certificate_date=datetime.date(2024, 1, 5),
        )
    org = new_enterprise(
        demo, st_certificate_number="09/2024/DNKHCN", st_certificate_date=datetime.date(2024, 1, 5)
    )
    assert org.is_st_enterprise
    # The database itself refuses what the form would (constraint, not only validation).
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=org.pk).update(st_certificate_date=None)


def test_fund_amounts_are_checked_and_audited(demo):
    org = new_enterprise(demo)
    user = demo.user("manager")
    fund = actions.create_fund(
        user, org, year=2024, is_established=True, amount_set_aside=500_000_000,
        used_research=200_000_000,
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="organisation.fund.create").exists()
    with pytest.raises(ActionError):
        actions.create_fund(user, org, year=2024, amount_set_aside=1)  # same year twice
    with pytest.raises(ActionError):
        actions.update_fund(user, fund, expected_version=fund.version, amount_set_aside=-5)
    with pytest.raises(ActionError):
        actions.update_fund(
            user, fund, expected_version=fund.version, is_established=False
        )  # amounts without a fund
    fund.refresh_from_db()
    assert fund.amount_set_aside == 500_000_000
    institute = Organisation.objects.get(short_name="ĐH Đà Lạt")
    with pytest.raises(ActionError):
        actions.create_fund(demo.user("monitor"), institute, year=2024)


def test_a_unit_edits_only_organisations_of_its_subtree(demo):
    org = new_enterprise(demo)
    with pytest.raises(NotAllowed):
        actions.create_fund(demo.user("outsider"), org, year=2024)
    with pytest.raises(NotAllowed):
        actions.update_organisation(
            demo.user("reporter"), org, expected_version=org.version, name="x"
        )
    actions.update_organisation(
        demo.user("monitor"), org, expected_version=org.version, short_name="Atisô Đỏ"
    )


def test_fund_form_takes_grouped_amounts_and_rejects_nonsense(demo, as_persona):
    org = new_enterprise(demo)
    client = as_persona("manager")
    url = reverse("organisations:fund_create", kwargs={"pk": org.pk})
    bad = client.post(url, {"year": "2024", "is_established": "on", "amount_set_aside": "nhiều"})
    assert bad.status_code == 400
    assert "không hợp lệ" in bad.content.decode()
    assert not StFund.objects.filter(organisation=org).exists()
    ok = client.post(
        url,
        {"year": "2024", "is_established": "on", "amount_set_aside": "1.250.000.000",
         "used_training": "30.000.000"},
    )  # fmt: skip
    assert ok.status_code == 302
    fund = StFund.objects.get(organisation=org)
    assert fund.amount_set_aside == 1_250_000_000 and fund.used_training == 30_000_000
    page = client.get(reverse("organisations:detail", kwargs={"pk": org.pk})).content.decode()
    assert "1.250.000.000" in page


def test_near_identical_name_asks_for_confirmation(demo, as_persona):
    client = as_persona("manager")
    url = reverse("organisations:create")
    data = {"kind": "enterprise", "name": "Cong ty TNHH Hoa Cao Nguyen Xanh.", "is_published": "on"}
    before = Organisation.objects.count()
    warned = client.post(url, data)
    assert warned.status_code == 400
    body = warned.content.decode()
    assert "Công ty TNHH Hoa Cao Nguyên Xanh" in body and "tên gần giống" in body
    assert Organisation.objects.count() == before
    confirmed = client.post(url, {**data, "confirm_duplicate": "on"})
    assert confirmed.status_code == 302
    assert Organisation.objects.count() == before + 1
    # A name unlike any other goes straight through.
    other = client.post(url, {**data, "name": "Công ty TNHH Cà rốt Tím Trạm Hành"})
    assert other.status_code == 302


def test_same_tax_code_is_refused(demo, as_persona):
    client = as_persona("monitor")
    response = client.post(
        reverse("organisations:create"),
        {"kind": "enterprise", "name": "Một tên hoàn toàn khác", "tax_code": "5801234567"},
    )
    assert response.status_code == 400
    assert "mã số thuế" in response.content.decode()


@pytest.mark.parametrize("query", ["Đồi Mây", "doi may", "DOI MAY"])
def test_search_with_and_without_diacritics(as_persona, query):
    page = as_persona("outsider").get(reverse("organisations:list"), {"q": query})
    assert "Công ty Cổ phần Trà Đồi Mây" in page.content.decode()


def test_filters_by_certificate_startup_and_fund(as_persona):
    client = as_persona("monitor")
    st = client.get(reverse("organisations:list"), {"st_enterprise": "1"}).content.decode()
    assert "Giống cây trồng Cao Nguyên" in st and "Trà Đồi Mây" not in st
    startups = client.get(reverse("organisations:list"), {"startup": "1"}).content.decode()
    assert "Phần mềm Sương Mù" in startups and "Trà Đồi Mây" not in startups
    funds = client.get(reverse("organisations:list"), {"fund_year": "2025"}).content.decode()
    assert "Cà phê Sườn Núi" in funds and "Trà Đồi Mây" not in funds


def test_unpublished_fund_is_hidden_from_others(demo, as_persona):
    org = new_enterprise(demo, is_published=False)
    actions.create_fund(demo.user("manager"), org, year=2024, amount_set_aside=7)
    assert (
        as_persona("outsider")
        .get(reverse("organisations:detail", kwargs={"pk": org.pk}))
        .status_code
        == 404
    )
    api = as_persona("outsider").get("/api/organisation-funds/?page_size=500").json()
    assert str(org.pk) not in {row["organisation"] for row in api["results"]}
    mine = as_persona("manager").get("/api/organisation-funds/?year=2024&page_size=500").json()
    assert str(org.pk) in {row["organisation"] for row in mine["results"]}
