"""Organisations from and to Excel: a bad sheet changes nothing and names each bad cell."""

from __future__ import annotations

import datetime
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from organisations.excel import HEADERS
from organisations.models import Organisation

pytestmark = pytest.mark.django_db


def workbook(*rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("to-chuc.xlsx", data.getvalue())


GOOD = ["Công ty TNHH Bơ Sáp Lâm Hà", "Bơ Lâm Hà", "Doanh nghiệp", "5890000001", "Lâm Hà",
        "UBND-DL", "11/2025/DNKHCN", "15/03/2025", "Sở KH&CN", "có", "", "", ""]  # fmt: skip


def test_bad_sheet_changes_nothing_and_names_cells(as_persona):
    before = Organisation.objects.count()
    bad_tax = [*GOOD[:3], "58901", *GOOD[4:]]
    half_cert = ["Công ty Hai", "", "Doanh nghiệp", "", "", "", "12/2025/DNKHCN", "", "", "không",
                 "", "", ""]  # fmt: skip
    bad_date = ["Viện Ba", "", "Tổ chức khoa học và công nghệ", "", "", "", "", "", "", "không",
                "A-9/ĐK", "31/02/2024", ""]  # fmt: skip
    response = as_persona("monitor").post(
        reverse("organisations:import"),
        {"file": workbook(GOOD, bad_tax, half_cert, bad_date)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3, cột D" in body and "Dòng 4, cột G" in body and "Dòng 5, cột L" in body
    assert Organisation.objects.count() == before  # the good first row was not written either


def test_good_sheet_imports_and_exports_back(as_persona):
    response = as_persona("monitor").post(reverse("organisations:import"), {"file": workbook(GOOD)})
    assert response.status_code == 302
    org = Organisation.objects.get(tax_code="5890000001")
    assert org.st_certificate_date == datetime.date(2025, 3, 15) and org.is_innovative_startup
    assert org.area is not None and org.area.code == "UBND-DL"
    again = as_persona("monitor").post(reverse("organisations:import"), {"file": workbook(GOOD)})
    assert again.status_code == 400 and "đã có trong danh bạ" in again.content.decode()
    query = {"q": "bo sap lam ha", "export": "xlsx"}
    export = as_persona("monitor").get(reverse("organisations:list"), query)
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][3] == "5890000001" and rows[0][6] == "11/2025/DNKHCN"


def test_import_is_for_those_who_may_create(as_persona):
    assert as_persona("supervisor").get(reverse("organisations:import")).status_code == 404


def test_near_identical_names_stop_the_import_until_confirmed(as_persona):
    """The form's duplicate warning, for a whole sheet: a name near-identical to a record of
    the registry (legal form, case, diacritics and spacing aside) or to an earlier row of the
    file is named per row; nothing is written until the user ticks the confirm box."""
    existing = Organisation.objects.filter(tax_code="").exclude(name="").order_by("name").first()
    assert existing is not None
    retyped = existing.name.upper().replace(" ", "  ")
    other = ["Công ty cổ phần Nông sản Xanh Đơn Dương", "", "Doanh nghiệp", "", "", "", "", "",
             "", "không", "", "", ""]  # fmt: skip
    twice = ["Cong ty TNHH Nong san Xanh Don Duong", *other[1:]]
    first = [retyped, *other[1:]]
    before = Organisation.objects.count()
    client = as_persona("monitor")
    asked = client.post(reverse("organisations:import"), {"file": workbook(first, other, twice)})
    page = asked.content.decode()
    assert asked.status_code == 400 and Organisation.objects.count() == before
    assert f"Dòng 2: “{retyped}” gần giống bản ghi đã có: “{existing.name}”" in page
    assert "gần giống dòng 3 của tệp" in page  # row 4 repeats row 3, typed without diacritics
    assert "Dòng 3:" not in page
    assert 'name="confirm_similar"' in page
    done = client.post(
        reverse("organisations:import"),
        {"file": workbook(first, other, twice), "confirm_similar": "on"},
    )
    assert done.status_code == 302 and Organisation.objects.count() == before + 3


def test_the_similar_check_reads_the_registry_once_whatever_the_rows(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from core import sheets
    from organisations.forms import OrganisationForm

    user = User.objects.get(username="theodoi")
    check = sheets.SimilarCheck(OrganisationForm.duplicate_name, Organisation, user)
    counts = []
    for n in (5, 50):
        rows = [(i + 2, {"name": f"Trang trại {uuid.uuid4().hex[:12]}"}) for i in range(n)]
        with CaptureQueriesContext(connection) as queries:
            sheets.check_similar(rows, check)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 2
