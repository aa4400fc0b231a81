"""Experts to and from Excel under Nghị định 13/2023: the export shows beyond the record's
managers only the consented field groups; round trip, bad rows, scoping, inert formulas."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from audit.models import AuditEntry
from experts.excel import SHEET
from experts.models import Degree, Expert

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
    return SimpleUploadedFile("chuyen-gia.xlsx", data.getvalue())


# Consents to show the profile only: not the birth year, nor the contact.
GOOD = ["Trần Thị Hồng Lan", 1979, "Nữ", "Tiến sĩ", "Phó Giáo sư", "Khoa học nông nghiệp", "",
        "nuôi cấy mô, hoa lan", "lan.tth@example.vn", "0263 3822 000", "UBND-DL", "",
        "01/03/2025", "có", "không", "không", "không", "có"]  # fmt: skip


def _rows(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_round_trip_export_then_import(as_persona):
    client = as_persona("manager")
    response = client.post(reverse("experts:import"), {"file": upload(GOOD)})
    assert response.status_code == 302, response.content.decode()
    expert = Expert.objects.get(full_name="Trần Thị Hồng Lan")
    assert expert.degree == Degree.DOCTOR and expert.consent_profile and expert.is_published
    assert not expert.consent_contact and expert.email == "lan.tth@example.vn"
    entry = AuditEntry.objects.get(action="expert.import", target_id=str(expert.pk))
    assert "lan.tth@example.vn" not in str(entry.changes)  # no personal value in the log
    rows = _rows(client.get(reverse("experts:list"), {"q": "hong lan", "export": "xlsx"}))
    assert rows[0] == tuple(SHEET.headers()) and len(rows) == 2
    assert rows[1][8] == "lan.tth@example.vn" and rows[1][10] == "UBND-DL"  # the managers see all
    # The exported row again is the same person (the e-mail): refused, nothing written.
    again = client.post(reverse("experts:import"), {"file": upload(*rows[1:])})
    assert again.status_code == 400
    assert "Dòng 2, cột I: thư điện tử đã có trong sổ đăng ký" in again.content.decode()
    without_mail = [list(rows[1])]
    without_mail[0][8] = ""
    # Without the e-mail, the same name and birth year: a warning first, then imported.
    again = client.post(reverse("experts:import"), {"file": upload(*without_mail)})
    assert again.status_code == 400
    assert "“Trần Thị Hồng Lan” gần giống bản ghi đã có" in again.content.decode()
    again = client.post(
        reverse("experts:import"), {"file": upload(*without_mail), "confirm_similar": "on"}
    )
    assert again.status_code == 302
    assert Expert.objects.filter(full_name="Trần Thị Hồng Lan").count() == 2


def test_an_email_twice_in_the_file_is_refused(as_persona):
    before = Expert.objects.count()
    twin = list(GOOD)
    twin[0], twin[8] = "Người khác", "LAN.TTH@example.vn"
    response = as_persona("manager").post(reverse("experts:import"), {"file": upload(GOOD, twin)})
    assert response.status_code == 400
    assert "Dòng 3, cột I: thư điện tử trùng với dòng 2" in response.content.decode()
    assert Expert.objects.count() == before


def test_beyond_the_managers_only_consented_fields_are_exported(as_persona):
    as_persona("manager").post(reverse("experts:import"), {"file": upload(GOOD)})
    rows = _rows(as_persona("outsider").get(reverse("experts:list"), {"export": "xlsx"}))
    mine = [r for r in rows[1:] if r[0] == "Trần Thị Hồng Lan"]
    assert len(mine) == 1
    row = mine[0]
    assert row[3] == "Tiến sĩ" and row[7] == "nuôi cấy mô, hoa lan"  # the consented profile
    assert row[1] is None and row[2] is None  # birth year, gender: not consented
    assert row[8] is None and row[9] is None  # contact: not consented
    assert all(cell is None for cell in row[10:])  # consent and owner: management data
    # Every exported row of the outsider's sheet follows its person's consent.
    for row in rows[1:]:
        expert = Expert.objects.filter(full_name=row[0]).first()
        assert expert is not None and expert.consent_profile
        if not expert.consent_contact:
            assert row[8] is None and row[9] is None


def test_bad_rows_are_named_and_nothing_is_saved(as_persona):
    before = Expert.objects.count()
    undated = [*GOOD[:12], "", *GOOD[13:]]
    bad_email = [*GOOD[:8], "không-phải-email", *GOOD[9:]]
    published_without_consent = [*GOOD[:13], "không", *GOOD[14:]]
    no_degree = [*GOOD[:3], "", *GOOD[4:]]
    response = as_persona("manager").post(
        reverse("experts:import"),
        {"file": upload(GOOD, undated, bad_email, published_without_consent, no_degree)},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3: Ghi ngày người này đồng ý trước khi chọn công khai." in body
    assert "Dòng 4, cột I" in body
    assert "Dòng 5, cột R: chỉ công khai khi người này đồng ý" in body
    assert "Dòng 6, cột D: thiếu học vị" in body
    assert Expert.objects.count() == before


def test_outsiders_neither_import_nor_file_for_other_units(as_persona):
    supervisor = as_persona("supervisor")
    assert supervisor.get(reverse("experts:import")).status_code == 404
    assert supervisor.get(reverse("experts:import_template")).status_code == 404
    response = as_persona("outsider").post(reverse("experts:import"), {"file": upload(GOOD)})
    assert response.status_code == 400 and "Dòng 2, cột K" in response.content.decode()


def test_formula_cells_are_inert(as_persona):
    client = as_persona("manager")
    hostile = ["=cmd|' /C calc'!A0", *GOOD[1:7], "+thuốc, @dược liệu", *GOOD[8:]]
    assert client.post(reverse("experts:import"), {"file": upload(hostile)}).status_code == 302
    export = client.get(reverse("experts:list"), {"q": "thuoc", "export": "xlsx"})
    row = next(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2))
    assert row[0].value == "'=cmd|' /C calc'!A0" and row[7].value == "'+thuốc, @dược liệu"
    assert all(c.data_type != "f" for c in row)


def test_a_similar_expert_the_importer_cannot_see_is_not_named(as_persona, demo):
    """Another unit's unpublished expert with the same name and birth year: the ward's manager
    hears only that the registry holds a similar record, not whose, and may import anyway."""
    from experts.models import Expert

    hidden = Expert.objects.create(
        full_name="Võ Thị Thanh Tâm", birth_year=1985, owner_unit=demo.unit("UBND-DL")
    )
    assert hidden.search_text  # computed on save: the registry-wide check narrows on it
    row = ["Vo Thi Thanh Tam", 1985, "Nữ", "Thạc sĩ", "", "Khoa học nông nghiệp", "",
           "rau an toàn", "", "", "UBND-xuan-huong", "", "01/03/2025", "có", "không", "không",
           "không", "có"]  # fmt: skip
    client = as_persona("ward_manager")
    asked = client.post(reverse("experts:import"), {"file": upload(row)})
    page = asked.content.decode()
    assert asked.status_code == 400, page
    assert "có bản ghi tương tự mà bạn không xem được" in page
    assert "Võ Thị Thanh Tâm" not in page
    done = client.post(reverse("experts:import"), {"file": upload(row), "confirm_similar": "on"})
    assert done.status_code == 302, done.content.decode()
    assert Expert.objects.filter(birth_year=1985, full_name="Vo Thi Thanh Tam").count() == 1
