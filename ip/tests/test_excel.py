"""Products, IP titles and authorised users to and from Excel: round trips, bad rows change
nothing, scoping, inert formulas."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from audit.models import AuditEntry
from ip.excel import PRODUCTS, TITLES, USERS
from ip.models import AuthorisedUser, IpTitle, Product, TitleKind
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def upload(sheet_spec, *rows):
    book = Workbook()
    sheet = book.active
    sheet.append(sheet_spec.headers())
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:  # a text typed as such, not a formula
            if isinstance(cell.value, str):
                cell.data_type = "s"
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("ip.xlsx", data.getvalue())


def _rows(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def _org():
    return Organisation.objects.get(tax_code="5805556667")


def product_row(name="Cà chua bi Đà Lạt"):
    return [name, "Rau", "Phường 11", "UBND-DL", _org().name, "có", "không", "không", 4, "",
            "không"]  # fmt: skip


def title_row(number="999001", product="Cà chua bi Đà Lạt"):
    dates = ["05/01/2020", "20/06/2021", "05/01/2030", ""]
    return ["Nhãn hiệu tập thể", "Cà chua bi Đà Lạt", _org().name, "UBND-DL", product, "",
            "4-2020-09999", number, *dates, "không"]  # fmt: skip


def user_row(number="999001"):
    return [number, _org().name, "Phường 11", "1.250,5", "01/01/2024", "31/12/2028", ""]


def test_round_trips_of_products_titles_and_users(as_persona):
    client = as_persona("manager")
    response = client.post(reverse("ip:product_import"), {"file": upload(PRODUCTS, product_row())})
    assert response.status_code == 302, response.content.decode()
    product = Product.objects.get(name="Cà chua bi Đà Lạt")
    assert product.vietgap and product.ocop_stars == 4 and list(product.producers.all()) == [_org()]
    response = client.post(reverse("ip:title_import"), {"file": upload(TITLES, title_row())})
    assert response.status_code == 302, response.content.decode()
    title = IpTitle.objects.get(number="999001")
    assert title.kind == TitleKind.COLLECTIVE_MARK and title.product == product
    assert title.grant_date == datetime.date(2021, 6, 20) and not title.is_published
    response = client.post(reverse("ip:user_import"), {"file": upload(USERS, user_row())})
    assert response.status_code == 302, response.content.decode()
    user = AuthorisedUser.objects.get(title=title)
    assert user.volume_tonnes == Decimal("1250.50") and user.valid_to == datetime.date(2028, 12, 31)
    for action, obj in (("ip.product.import", product), ("ip.title.import", title),
                        ("ip.user.import", user)):  # fmt: skip
        assert AuditEntry.objects.filter(action=action, target_id=str(obj.pk)).exists()

    products = _rows(client.get(reverse("ip:products"), {"q": "ca chua bi", "export": "xlsx"}))
    assert products[0] == tuple(PRODUCTS.headers()) and products[1][4] == _org().name
    titles = _rows(client.get(reverse("ip:titles"), {"q": "999001", "export": "xlsx"}))
    assert titles[0] == tuple(TITLES.headers()) and titles[1][7] == "999001"
    users = _rows(client.get(reverse("ip:titles"), {"q": "999001", "export": "users"}))
    assert users[0] == tuple(USERS.headers()) and users[1][0] == "999001"
    assert Decimal(str(users[1][3])) == Decimal("1250.5")
    # Exported sheets import again: a second product, users; the title number is taken.
    asked = client.post(reverse("ip:product_import"), {"file": upload(PRODUCTS, *products[1:])})
    assert asked.status_code == 400 and "gần giống bản ghi đã có" in asked.content.decode()
    assert client.post(reverse("ip:product_import"),
                       {"file": upload(PRODUCTS, *products[1:]),
                        "confirm_similar": "on"}).status_code == 302  # fmt: skip
    assert client.post(reverse("ip:user_import"),
                       {"file": upload(USERS, *users[1:])}).status_code == 302  # fmt: skip
    assert AuthorisedUser.objects.filter(title=title).count() == 2
    again = client.post(reverse("ip:title_import"), {"file": upload(TITLES, *titles[1:])})
    assert again.status_code == 400
    assert "Dòng 2, cột H: Đã có văn bằng cùng loại mang số này." in again.content.decode()


def test_bad_rows_are_named_and_nothing_is_saved(as_persona):
    client = as_persona("manager")
    before = (Product.objects.count(), IpTitle.objects.count(), AuthorisedUser.objects.count())
    bad_stars = [*product_row()[:8], 7, *product_row()[9:]]
    response = client.post(
        reverse("ip:product_import"), {"file": upload(PRODUCTS, product_row("Su su"), bad_stars)}
    )
    assert (
        response.status_code == 400
        and "Dòng 3, cột I: phải từ 3 đến 5" in response.content.decode()
    )
    twice = title_row(product="")
    granted_without_date = [*title_row("999002", "")[:9], "", *title_row()[10:]]
    response = client.post(
        reverse("ip:title_import"),
        {"file": upload(TITLES, title_row(product=""), twice, granted_without_date)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3, cột H: số văn bằng trùng với dòng 2" in body
    assert "Dòng 4: Hiệu lực chỉ có với văn bằng đã cấp và phải sau ngày cấp." in body
    bad_volume = [*user_row()[:3], "nhiều", *user_row()[4:]]
    response = client.post(reverse("ip:user_import"), {"file": upload(USERS, bad_volume)})
    body = response.content.decode()
    assert "Dòng 2, cột A" in body and "Dòng 2, cột D: cần một số" in body
    after = (Product.objects.count(), IpTitle.objects.count(), AuthorisedUser.objects.count())
    assert after == before


def test_outsiders_neither_import_nor_file_for_other_units(as_persona):
    supervisor = as_persona("supervisor")
    for name in ("product_import", "title_import", "user_import", "product_import_template",
                 "title_import_template", "user_import_template"):  # fmt: skip
        assert supervisor.get(reverse(f"ip:{name}")).status_code == 404, name
    outsider = as_persona("outsider")
    response = outsider.post(
        reverse("ip:product_import"), {"file": upload(PRODUCTS, product_row())}
    )
    assert response.status_code == 400 and "Dòng 2, cột D" in response.content.decode()
    as_persona("manager").post(
        reverse("ip:title_import"), {"file": upload(TITLES, title_row(product=""))}
    )
    # The unpublished title of the city is neither exported to nor usable by the outsider.
    numbers = [r[7] for r in _rows(outsider.get(reverse("ip:titles"), {"export": "xlsx"}))]
    assert "999001" not in numbers
    response = outsider.post(reverse("ip:user_import"), {"file": upload(USERS, user_row())})
    assert response.status_code == 400 and "Dòng 2, cột A" in response.content.decode()


def test_formula_cells_are_inert(as_persona):
    client = as_persona("manager")
    hostile = ['=HYPERLINK("http://x")', *product_row()[1:9], "+mô tả", "có"]
    assert (
        client.post(reverse("ip:product_import"), {"file": upload(PRODUCTS, hostile)}).status_code
        == 302
    )
    export = client.get(reverse("ip:products"), {"q": "hyperlink", "export": "xlsx"})
    row = next(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2))
    assert row[0].value == '\'=HYPERLINK("http://x")' and row[9].value == "'+mô tả"
    assert all(c.data_type != "f" for c in row)
