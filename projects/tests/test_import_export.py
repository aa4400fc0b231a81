"""XLSX: the export reads back through the import; a bad row refuses the whole file."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from core.xlsx import ImportRejected
from projects import excel
from projects.models import Project

HEADER = [h for _c, h in excel.COLUMNS]


def _book(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(code: str, **over: Any) -> list[Any]:
    values = {
        "A": code,
        "B": "Nghiên cứu nhân giống hoa sen đá bằng lá",
        "C": "Đề tài",
        "D": "Cấp cơ sở",
        "E": "Khoa học nông nghiệp",
        "F": "Đã nghiệm thu",
        "G": 2019,
        "H": "UBND-DL",
        "I": "UBND-DL",
        "J": "Hiệp hội Hoa Đà Lạt",
        "K": "ThS. Lê Hoàng",
        "L": "03/2019/HĐ",
        "M": "01/06/2019",
        "N": "31/05/2021",
        "O": "15/08/2021",
        "P": "Khá",
        "Q": "",
        "R": "250.000.000",
        "S": "",
        "T": "",
    }
    values.update(over)
    return [values[c] for c, _h in excel.COLUMNS]


@pytest.mark.django_db
def test_a_good_registry_is_imported_whole(demo: Any) -> None:
    data = _book(
        [_row("CS-2019-91"), _row("CS-2019-92", F="dang thuc hien", O="", P="", B="Sổ tay số")]
    )
    try:
        assert excel.import_projects(demo.user("manager"), data) == 2
    except ImportRejected as exc:
        raise AssertionError([str(e) for e in exc.errors]) from exc
    first = Project.objects.get(code="CS-2019-91")
    assert first.status == "accepted" and first.rating == "kha" and first.is_published
    assert first.estimated_budget == 250_000_000 and str(first.host) == "Hiệp hội Hoa Đà Lạt"
    assert Project.objects.get(code="CS-2019-92").status == "in_progress"


@pytest.mark.django_db
def test_one_bad_row_refuses_the_file_and_names_each_cell(demo: Any) -> None:
    before = Project.objects.count()
    data = _book(
        [
            _row("CS-2019-93"),
            _row("CS-2019-94", C="Bài báo", M="31/02/2019"),
            _row("CS-2019-93", P=""),
            _row("CS-2019-95", I="TTYT-BL", R="-5"),
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        excel.import_projects(demo.user("manager"), data)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith("Dòng 3, cột C:") for m in messages)
    assert any(m.startswith("Dòng 3, cột M:") and "dd/mm/yyyy" in m for m in messages)
    assert any(m.startswith("Dòng 4, cột A:") and "trùng" in m for m in messages)
    assert any(m.startswith("Dòng 4, cột P:") for m in messages)
    assert any(m.startswith("Dòng 5, cột I:") for m in messages)  # not the manager's office
    assert any(m.startswith("Dòng 5, cột R:") for m in messages)
    assert Project.objects.count() == before


@pytest.mark.django_db
def test_a_file_that_is_not_a_workbook_is_refused_clearly(demo: Any, as_persona: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "so.xlsx", b"not a zip at all", content_type="application/octet-stream"
    )
    response = as_persona("manager").post("/projects/import/", {"file": upload})
    assert response.status_code == 400
    assert "không phải bảng tính Excel" in response.content.decode()
    assert as_persona("reporter").get("/projects/import/").status_code == 404


@pytest.mark.django_db
def test_the_export_has_every_visible_row_and_reads_back(demo: Any, as_persona: Any) -> None:
    response = as_persona("monitor").get("/projects/?status=registered&export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == Project.objects.filter(status="registered").count()
    assert [c.value for c in sheet[1]][:3] == HEADER[:3]
    codes = {r[0] for r in rows}
    Project.objects.filter(code__in=codes).delete()  # read back what was exported
    assert excel.import_projects(demo.user("monitor"), response.content) == len(rows)


@pytest.mark.django_db
def test_the_budget_by_source_and_year_is_imported_and_named_when_wrong(demo: Any) -> None:
    good = _row(
        "CS-2019-96",
        T="2019 | Ngân sách tỉnh | 150.000.000; 2020 | Vốn đối ứng của doanh nghiệp | 100.000.000",
    )
    bad = _row("CS-2019-97", T="2019 | Ngân sách tỉnh | 150.000.000; 2020 | Vốn vay | 5")
    with pytest.raises(ImportRejected) as caught:
        excel.import_projects(demo.user("manager"), _book([good, bad]))
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith("Dòng 3, cột T:") and "mục 2" in m for m in messages), messages
    assert not Project.objects.filter(code__in=["CS-2019-96", "CS-2019-97"]).exists()
    assert excel.import_projects(demo.user("manager"), _book([good])) == 1
    project = Project.objects.get(code="CS-2019-96")
    lines = sorted((b.year, b.amount) for b in project.budget_lines.all())
    assert lines == [(2019, 150_000_000), (2020, 100_000_000)]
