"""Duplicate warnings of products and IP titles: the same number and kind stays refused, the
same application number or a near-identical name of the same kind asks for confirmation; a
product's near-identical name warns within its area only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.tests.form_data import posted
from ip import actions
from ip.forms import ProductForm, TitleForm
from ip.models import IpTitle, Product, TitleKind
from organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date


def org(tax):
    return Organisation.objects.get(tax_code=tax)


def title(demo, persona="manager", **extra):
    fields = {
        "kind": TitleKind.COLLECTIVE_MARK,
        "name": "Mận Hậu Trạm Hành",
        "holder": org("5805556667"),
        "owner_unit": demo.unit("UBND-DL"),
        "application_number": "4-2023-77001",
        "number": "4-0888001-000",
        "filing_date": D(2023, 1, 10),
        "grant_date": D(2024, 2, 1),
    }
    fields.update(extra)
    return actions.create_title(demo.user(persona), **fields)


def title_post(demo, **extra):
    data = {
        "kind": "collective", "name": "Man hau Tram Hanh.", "holder": org("5805556667").pk,
        "owner_unit": demo.unit("UBND-DL").pk, "filing_date": "12/03/2025", "is_published": "on",
    }  # fmt: skip
    data.update(extra)
    return data


def test_title_near_identical_name_of_the_same_kind_warns(demo, as_persona):
    first = title(demo)
    client = as_persona("manager")
    before = IpTitle.objects.count()
    warned = client.post(reverse("ip:title_create"), title_post(demo))
    body = warned.content.decode()
    assert warned.status_code == 400 and first.name in body and "4-0888001-000" in body
    # A geographical indication may rightly bear the mark's name.
    gi = client.post(reverse("ip:title_create"), title_post(demo, kind="gi"))
    assert gi.status_code == 302
    confirmed = client.post(reverse("ip:title_create"), title_post(demo, confirm_duplicate="on"))
    assert confirmed.status_code == 302 and IpTitle.objects.count() == before + 2


def test_same_application_number_warns_same_title_number_is_refused(demo, as_persona):
    title(demo)
    client = as_persona("manager")
    filed = client.post(
        reverse("ip:title_create"),
        title_post(demo, name="Một đối tượng khác hẳn", application_number="4-2023-77001"),
    )
    assert filed.status_code == 400 and "cùng loại và số đơn" in filed.content.decode()
    granted = client.post(
        reverse("ip:title_create"),
        title_post(demo, name="Một đối tượng khác hẳn", number="4-0888001-000",
                   grant_date="01/09/2025", confirm_duplicate="on"),
    )  # fmt: skip
    assert granted.status_code == 400  # confirming does not lift the database's rule
    assert "Đã có văn bằng cùng loại mang số này." in granted.content.decode()


def test_title_edit_that_keeps_the_name_does_not_warn(demo, as_persona):
    title(demo)
    twin = title(demo, name="Man Hau Tram Hanh", number="", grant_date=None, application_number="")
    manager = demo.user("manager")
    data = {**posted(TitleForm(instance=twin, user=manager)), "version": twin.version}
    kept = as_persona("manager").post(
        reverse("ip:title_edit", kwargs={"pk": twin.pk}), {**data, "filing_date": "11/01/2023"}
    )
    assert kept.status_code == 302
    twin.refresh_from_db()
    assert twin.filing_date == D(2023, 1, 11)


def test_title_hidden_match_is_not_named(demo, as_persona):
    hidden = title(demo, persona="monitor", owner_unit=demo.unit("TTYT-BL"), is_published=False)
    assert not IpTitle.objects.visible_to(demo.user("manager")).filter(pk=hidden.pk).exists()
    warned = as_persona("manager").post(reverse("ip:title_create"), title_post(demo))
    body = warned.content.decode()
    assert warned.status_code == 400 and "bạn không xem được" in body
    assert hidden.name not in body and hidden.number not in body and str(hidden.pk) not in body


def product_post(demo, **extra):
    data = {
        "name": "Dau tay Da Lat", "group": "fruit", "area": "Phuong 12, Da Lat",
        "owner_unit": demo.unit("UBND-DL").pk, "is_published": "on",
    }  # fmt: skip
    data.update(extra)
    return data


def test_product_near_identical_name_in_the_same_area_warns(demo, as_persona):
    manager = demo.user("manager")
    first = actions.create_product(
        manager, name="Dâu tây Đà Lạt", group="fruit", area="Phường 12, Đà Lạt",
        owner_unit=demo.unit("UBND-DL"),
    )  # fmt: skip
    client = as_persona("manager")
    warned = client.post(reverse("ip:product_create"), product_post(demo))
    assert warned.status_code == 400 and first.name in warned.content.decode()
    elsewhere = client.post(reverse("ip:product_create"), product_post(demo, area="Lạc Dương"))
    assert elsewhere.status_code == 302
    confirmed = client.post(
        reverse("ip:product_create"), product_post(demo, confirm_duplicate="on")
    )
    assert confirmed.status_code == 302
    twin = Product.objects.get(name="Dau tay Da Lat", area="Phuong 12, Da Lat")
    data = {**posted(ProductForm(instance=twin, user=manager)), "version": twin.version}
    kept = client.post(
        reverse("ip:product_edit", kwargs={"pk": twin.pk}), {**data, "description": "Quả to"}
    )
    assert kept.status_code == 302


def test_an_unpublished_application_number_is_not_told(demo, as_persona):
    # Published, but not its filing group: others see the title, never its application number.
    other = title(demo, persona="monitor", owner_unit=demo.unit("TTYT-BL"), is_published=True)
    assert IpTitle.objects.visible_to(demo.user("manager")).filter(pk=other.pk).exists()
    warned = as_persona("manager").post(
        reverse("ip:title_create"),
        title_post(demo, name="Một đối tượng khác hẳn", application_number="4-2023-77001"),
    )
    body = warned.content.decode()
    assert warned.status_code == 400 and "bạn không xem được" in body
    assert other.name not in body and "cùng loại và số đơn" not in body
