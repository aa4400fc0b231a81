"""Cooperation agreements to and from Excel: round trip, bad rows, scoping, inert formulas."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from audit.models import AuditEntry
from cooperation.excel import SHEET
from cooperation.models import Agreement, AgreementStatus
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def upload(*rows):
    book = Workbook()
    sheet = book.active
    sheet.append(SHEET.headers())
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:  # a text typed as such, not a formula
            if isinstance(cell.value, str):
                cell.data_type = "s"
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("hop-tac.xlsx", data.getvalue())


def good(partner=""):
    return ["Hợp tác khảo nghiệm giống cà phê", "07/TTHT", "Trong nước", partner, "",
            "UBND-DL", "Khảo nghiệm giống TR4", "20/05/2024", "20/05/2027", "Đang hiệu lực",
            "", "không"]  # fmt: skip


def test_round_trip_export_then_import(as_persona):
    partner = Organisation.objects.get(tax_code="5805556667")
    client = as_persona("manager")
    response = client.post(reverse("cooperation:import"), {"file": upload(good(partner.name))})
    assert response.status_code == 302, response.content.decode()
    agreement = Agreement.objects.get(number="07/TTHT")
    assert agreement.status == AgreementStatus.ACTIVE and not agreement.is_published
    assert agreement.valid_until == datetime.date(2027, 5, 20)
    assert list(agreement.partners.all()) == [partner]
    assert AuditEntry.objects.filter(action="agreement.import", target_id=str(agreement.pk))
    export = client.get(reverse("cooperation:list"), {"q": "07/ttht", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(SHEET.headers()) and len(rows) == 2
    assert rows[1][3] == partner.name and rows[1][5] == "UBND-DL"
    # The exported row again is the same agreement (its number): refused, nothing written.
    again = client.post(reverse("cooperation:import"), {"file": upload(*rows[1:])})
    assert again.status_code == 400
    assert "Dòng 2, cột B: số hiệu đã có trong sổ đăng ký" in again.content.decode()
    renumbered = [list(rows[1])]
    renumbered[0][1] = "08/TTHT"
    again = client.post(reverse("cooperation:import"), {"file": upload(*renumbered)})
    assert again.status_code == 400  # the same title with the same partner: asked first
    assert "gần giống bản ghi đã có" in again.content.decode()
    again = client.post(
        reverse("cooperation:import"), {"file": upload(*renumbered), "confirm_similar": "on"}
    )
    assert again.status_code == 302
    copies = Agreement.objects.filter(number__in=["07/TTHT", "08/TTHT"])
    assert copies.count() == 2 and all(list(a.partners.all()) == [partner] for a in copies)


def test_a_number_twice_in_the_file_is_refused(as_persona):
    before = Agreement.objects.count()
    second = good()
    second[1] = "07/ttht "
    response = as_persona("manager").post(
        reverse("cooperation:import"), {"file": upload(good(), second)}
    )
    assert response.status_code == 400
    assert "Dòng 3, cột B: số hiệu trùng với dòng 2" in response.content.decode()
    assert Agreement.objects.count() == before


def test_bad_rows_are_named_and_nothing_is_saved(as_persona):
    before = Agreement.objects.count()
    unsigned = [*good()[:7], "", "", "Đang hiệu lực", "", "có"]
    unknown_partner = good("Viện Không Có Thật")
    expired_first = [*good()[:7], "20/05/2024", "01/01/2020", *good()[9:]]
    response = as_persona("manager").post(
        reverse("cooperation:import"),
        {"file": upload(good(), unsigned, unknown_partner, expired_first)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3: Thỏa thuận đã ký cần ngày ký." in body
    assert "Dòng 4, cột D: không có tổ chức “Viện Không Có Thật” trong danh bạ" in body
    assert "Dòng 5: Ngày hết hiệu lực phải sau ngày ký." in body
    assert Agreement.objects.count() == before


def test_outsiders_neither_import_nor_file_for_other_units(as_persona):
    supervisor = as_persona("supervisor")
    assert supervisor.get(reverse("cooperation:import")).status_code == 404
    assert supervisor.get(reverse("cooperation:import_template")).status_code == 404
    response = as_persona("outsider").post(reverse("cooperation:import"), {"file": upload(good())})
    assert response.status_code == 400 and "Dòng 2, cột F" in response.content.decode()
    as_persona("manager").post(reverse("cooperation:import"), {"file": upload(good())})
    export = as_persona("outsider").get(reverse("cooperation:list"), {"export": "xlsx"})
    numbers = [r[1] for r in load_workbook(io.BytesIO(export.content)).active.iter_rows(
        min_row=2, values_only=True)]  # fmt: skip
    assert "07/TTHT" not in numbers  # unpublished, of another unit


def test_formula_cells_are_inert(as_persona):
    client = as_persona("manager")
    hostile = ["-2+3 hợp tác", "=1+1", *good()[2:10], "@x", "có"]
    assert client.post(reverse("cooperation:import"), {"file": upload(hostile)}).status_code == 302
    export = client.get(reverse("cooperation:list"), {"q": "hop tac", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "'=1+1")
    assert row[0].value == "'-2+3 hợp tác" and row[10].value == "'@x"
    assert all(c.data_type != "f" for c in row)
