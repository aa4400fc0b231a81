"""Products and IP titles for their personas: constraints, authorised users, scoping, search,
expiry reminders, computed indicators with drill-down."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import ActionError, NotAllowed
from indicators import computed
from ip import actions
from ip.counts import SOURCES
from ip.models import AuthorisedUser, IpTitle, Product, TitleKind
from ip.reminders import remind_expiring_titles
from notifications.models import Notification
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date


def org(tax):
    return Organisation.objects.get(tax_code=tax)


def new_title(demo, persona="manager", **extra):
    fields = {
        "kind": TitleKind.COLLECTIVE_MARK,
        "name": "Cà rốt Trạm Hành",
        "holder": org("5805556667"),
        "owner_unit": demo.unit("UBND-DL"),
        "number": "4-0999001-000",
        "filing_date": D(2022, 1, 10),
        "grant_date": D(2024, 2, 1),
        "valid_until": D(2032, 1, 10),
    }
    fields.update(extra)
    return actions.create_title(demo.user(persona), **fields)


def test_title_dates_and_numbers_are_constrained(demo):
    with pytest.raises(ActionError):
        new_title(demo, grant_date=D(2021, 1, 1))  # granted before filing
    with pytest.raises(ActionError):
        new_title(demo, number="")  # a grant date without a number
    title = new_title(demo)
    with pytest.raises(ActionError):
        new_title(demo, name="Khác")  # same kind and number
    with pytest.raises(IntegrityError), transaction.atomic():
        IpTitle.objects.filter(pk=title.pk).update(valid_until=D(2020, 1, 1))
    assert AuditEntry.objects.filter(action="ip.title.create", target_id=str(title.pk)).exists()


def test_authorised_users_only_for_marks_and_gis(demo):
    user = demo.user("manager")
    trademark = new_title(demo, kind=TitleKind.TRADEMARK, number="4-0999002-000")
    with pytest.raises(ActionError):
        actions.add_authorised_user(user, trademark, organisation=org("5810000011"),
                                    valid_from=D(2024, 3, 1))  # fmt: skip
    mark = new_title(demo)
    with pytest.raises(ActionError):
        actions.add_authorised_user(user, mark, organisation=org("5810000011"),
                                    valid_from=D(2024, 3, 1), valid_to=D(2023, 1, 1))  # fmt: skip
    row = actions.add_authorised_user(
        user, mark, organisation=org("5810000011"), area="Trạm Hành",
        volume_tonnes=Decimal("120.5"), valid_from=D(2024, 3, 1),
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="ip.user.add", target_id=str(row.pk)).exists()
    with pytest.raises(ActionError):  # a mark with users cannot become a plain trademark
        actions.update_title(user, mark, expected_version=mark.version, kind=TitleKind.TRADEMARK)


def test_only_the_owning_unit_and_the_office_edit(demo):
    title = new_title(demo)
    with pytest.raises(NotAllowed):
        actions.update_title(demo.user("reporter"), title, expected_version=1, name="x")
    with pytest.raises(NotAllowed):
        new_title(demo, persona="outsider", number="4-0999003-000")
    actions.update_title(demo.user("monitor"), title, expected_version=title.version, name="Y")


def test_unpublished_title_is_hidden_from_outsiders(demo, as_persona):
    title = new_title(demo, is_published=False)
    url = reverse("ip:title", kwargs={"pk": title.pk})
    assert as_persona("outsider").get(url).status_code == 404
    assert as_persona("manager").get(url).status_code == 200
    api = as_persona("outsider").get("/api/ip-titles/?page_size=500").json()
    assert str(title.pk) not in {row["id"] for row in api["results"]}


def test_title_form_and_authorised_user_form(demo, as_persona):
    client = as_persona("manager")
    data = {
        "kind": "gi", "name": "Lang Biang cho sản phẩm đương quy", "holder": org("5800302218").pk,
        "owner_unit": demo.unit("UBND-DL").pk, "number": "00150", "filing_date": "12/03/2023",
        "grant_date": "05/09/2024", "valid_until": "", "is_published": "on",
    }  # fmt: skip
    bad = client.post(reverse("ip:title_create"), {**data, "grant_date": "31/02/2024"})
    assert bad.status_code == 400
    response = client.post(reverse("ip:title_create"), data)
    assert response.status_code == 302
    title = IpTitle.objects.get(number="00150", kind="gi")
    assert title.grant_date == D(2024, 9, 5)
    added = client.post(
        reverse("ip:user_create", kwargs={"pk": title.pk}),
        {"organisation": org("5803334445").pk, "area": "Lạc Dương", "volume_tonnes": "1.250,5",
         "valid_from": "01/10/2024"},
    )  # fmt: skip
    assert added.status_code == 302
    assert AuthorisedUser.objects.get(title=title).volume_tonnes == Decimal("1250.5")
    page = client.get(reverse("ip:title", kwargs={"pk": title.pk})).content.decode()
    assert "Atisô Thung Lũng" in page and "01/10/2024" in page


@pytest.mark.parametrize("query", ["Cầu Đất", "cau dat", "CAU DAT"])
def test_search_with_and_without_diacritics(as_persona, query):
    page = as_persona("outsider").get(reverse("ip:titles"), {"q": query}).content.decode()
    assert "Cầu Đất cho sản phẩm cà phê Arabica" in page
    products = as_persona("outsider").get(reverse("ip:products"), {"q": query}).content.decode()
    assert "Cà phê Arabica Cầu Đất" in products


def test_product_with_producers_is_saved_and_audited(demo, as_persona):
    response = as_persona("manager").post(
        reverse("ip:product_create"),
        {"name": "Cà chua bi Đà Lạt", "group": "vegetables", "owner_unit": demo.unit("UBND-DL").pk,
         "producers": [org("5805556667").pk], "ocop_stars": "6", "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 400  # OCOP has 3 to 5 stars
    assert not Product.objects.filter(name="Cà chua bi Đà Lạt").exists()
    response = as_persona("manager").post(
        reverse("ip:product_create"),
        {"name": "Cà chua bi Đà Lạt", "group": "vegetables", "owner_unit": demo.unit("UBND-DL").pk,
         "producers": [org("5805556667").pk], "ocop_stars": "3", "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    product = Product.objects.get(name="Cà chua bi Đà Lạt")
    assert list(product.producers.values_list("tax_code", flat=True)) == ["5805556667"]


def test_expiry_reminder_is_sent_once_per_expiry(demo):
    title = new_title(demo, valid_until=D(2026, 3, 1), number="4-0999004-000")
    first = remind_expiring_titles(D(2025, 12, 1))
    assert first["due"] >= 1
    assert Notification.objects.filter(link__endswith=f"/ip/{title.pk}/").exists()
    count = Notification.objects.filter(link__endswith=f"/ip/{title.pk}/").count()
    remind_expiring_titles(D(2025, 12, 2))
    assert Notification.objects.filter(link__endswith=f"/ip/{title.pk}/").count() == count
    # Renewed: the new expiry is announced in its turn.
    actions.update_title(demo.user("manager"), title, expected_version=title.version,
                         valid_until=D(2036, 3, 1), renewed_on=D(2026, 1, 5))  # fmt: skip
    assert remind_expiring_titles(D(2035, 12, 1))["due"] >= 1
    assert Notification.objects.filter(link__endswith=f"/ip/{title.pk}/").count() > count


def test_computed_indicators_move_and_drill_down(demo, as_persona):
    city = demo.unit("UBND-DL")
    start, end = D(2024, 1, 1), D(2024, 12, 31)
    codes = ("ip.titles", "ip.titles.collective", "ip.titles.granted", "ip.authorised_users")
    before = {c: SOURCES[c].figure(city.path, start, end) for c in codes}
    title = new_title(demo)
    actions.add_authorised_user(demo.user("manager"), title, organisation=org("5810000011"),
                                valid_from=D(2024, 3, 1))  # fmt: skip
    after = {c: SOURCES[c].figure(city.path, start, end) for c in codes}
    assert all(after[c] == before[c] + 1 for c in codes), (before, after)
    assert computed.figure("ip.titles", city, start, end) == after["ip.titles"]
    # After its validity ends the title is no longer in force.
    later = SOURCES["ip.titles.collective"].rows(city.path, D(2033, 1, 1), D(2033, 12, 31))
    assert not later.filter(pk=title.pk).exists()
    page = as_persona("monitor").get(computed.drilldown("ip.authorised_users", city, start, end))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Rau hữu cơ Đồi Thông" in body and "Cà rốt Trạm Hành" in body
    kinds = as_persona("monitor").get(computed.drilldown("ip.titles.gi", city, start, end))
    assert "Cầu Đất cho sản phẩm cà phê Arabica" in kinds.content.decode()
