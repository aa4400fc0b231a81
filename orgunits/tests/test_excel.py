from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from orgunits.models import OrgUnit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã", "Tên", "Viết tắt", "Loại", "Cấp trên", "Từ", "Đến", "Tên khác"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: Any, data: bytes, name: str = "don-vi.xlsx") -> Any:
    return client.post("/units/import/", {"file": SimpleUploadedFile(name, data, XLSX)})


@pytest.mark.django_db
class TestUnitExcel:
    def test_export_lists_the_filtered_registry(self, as_persona: Any, demo: Any) -> None:
        response = as_persona("reporter").get("/units/export/", {"q": "phuong 1"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert "DB-phuong-1" in codes and "UBND-DL" not in codes

    def test_import_creates_children_after_parents_and_updates(
        self, as_persona: Any, demo: Any
    ) -> None:
        data = workbook(
            [
                [
                    "CB-2",
                    "Chi bộ Khu phố 2",
                    "",
                    "Tổ chức cơ sở đảng",
                    "DB-moi",
                    "01/07/2025",
                    "",
                    "",
                ],
                [
                    "DB-moi",
                    "Đảng bộ Khối doanh nghiệp",
                    "",
                    "party_grassroots",
                    "TU-LD",
                    "01/07/2025",
                    "",
                    "Đảng bộ Khối DN",
                ],
                ["HHHDL", "Hiệp hội Hoa Đà Lạt", "HH Hoa", "Khác", "KHCN-DL", "", "", ""],
            ]
        )
        assert upload(as_persona("admin"), data).status_code == 302
        child = OrgUnit.objects.get(code="CB-2")
        assert child.parent is not None and child.parent.code == "DB-moi"
        assert child.path.startswith(demo.unit("TU-LD").path)
        assert OrgUnit.objects.get(code="HHHDL").short_name == "HH Hoa"

    def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_imported(
        self, as_persona: Any, demo: Any
    ) -> None:
        before = OrgUnit.objects.count()
        data = workbook(
            [
                ["OK-1", "Đơn vị hợp lệ", "", "Khác", "", "", "", ""],
                ["OK-2", "Đơn vị sai ngày", "", "Khác", "", "32/13/2025", "", ""],
                ["OK-3", "Đơn vị sai loại", "", "Không biết", "KHONG-CO", "", "", ""],
            ]
        )
        body = upload(as_persona("admin"), data).content.decode()
        assert "Dòng 3, cột F" in body and "Dòng 4, cột D" in body and "Dòng 4, cột E" in body
        assert OrgUnit.objects.count() == before

    def test_a_file_that_is_not_excel_gets_a_clear_message(
        self, as_persona: Any, demo: Any
    ) -> None:
        body = upload(as_persona("admin"), b"MZ\x90\x00 not a workbook", "x.xlsx").content
        assert "không phải bảng tính Excel" in body.decode()
        corrupt = b"PK\x03\x04" + b"\x00" * 200
        assert "không phải bảng tính Excel" in upload(as_persona("admin"), corrupt).content.decode()

    def test_only_registry_managers_may_import(self, as_persona: Any, demo: Any) -> None:
        assert as_persona("reporter").get("/units/import/").status_code == 404

    def test_exported_dates_are_date_cells_and_the_file_imports_back(
        self, as_persona: Any, demo: Any
    ) -> None:
        dated = OrgUnit.objects.exclude(valid_from=None).first()
        assert dated is not None
        response = as_persona("admin").get("/units/export/")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == dated.code)
        assert row[5].value.date() == dated.valid_from  # a real date, not text
        assert row[5].number_format == "DD/MM/YYYY"
        before = OrgUnit.objects.count()
        assert upload(as_persona("admin"), response.content).status_code == 302
        dated.refresh_from_db()
        assert OrgUnit.objects.count() == before and dated.valid_from is not None
