"""The seed plan (Kế hoạch of Ban Thường vụ Thành ủy Đà Lạt, header block missing)."""

from __future__ import annotations

import json

from docparse import ParsedDocument, parse_text
from docparse.text import fold


def _doc(seed_text: str) -> ParsedDocument:
    return parse_text(seed_text)


def test_metadata(seed_text: str) -> None:
    d = _doc(seed_text)
    assert d.kind == "Kế hoạch"
    assert d.number_symbol is None  # the seed text has no header block
    assert d.date is None
    assert d.issuer == "Ban Thường vụ Thành ủy Đà Lạt"  # from "... ban hành Kế hoạch"
    assert d.title is not None and d.title.startswith("Triển khai thực hiện Kế hoạch số 101-KH/TU")
    assert d.signer.title is None and d.signer.name is None


def test_references(seed_text: str) -> None:
    refs = {r.number_symbol: r for r in _doc(seed_text).references}
    assert set(refs) == {
        "101-KH/TU",
        "50-KL/TW",
        "20-NQ/TW",
        "65-KH/TU",
        "2556/QĐ-UBND",
        "225/QĐ-UBND",
    }
    assert refs["101-KH/TU"].kind == "Kế hoạch"
    assert refs["101-KH/TU"].date == "2019-09-03"
    assert refs["101-KH/TU"].issuer == "Tỉnh ủy Lâm Đồng"
    assert refs["50-KL/TW"].kind == "Kết luận"
    assert refs["50-KL/TW"].issuer == "Ban Bí thư"
    assert refs["65-KH/TU"].date == "2013-02-19"
    assert refs["20-NQ/TW"].date == "2012-10-31"
    assert refs["2556/QĐ-UBND"].kind == "Quyết định"
    assert refs["2556/QĐ-UBND"].date == "2014-11-24"
    assert refs["225/QĐ-UBND"].date == "2016-02-04"


def test_sections(seed_text: str) -> None:
    d = _doc(seed_text)
    assert [s.label for s in d.sections] == ["I", "II", "III"]
    assert d.sections[0].heading == "MỤC ĐÍCH, YÊU CẦU"
    assert [c.heading for c in d.sections[0].children] == ["Mục đích", "Yêu cầu"]
    assert [c.label for c in d.sections[1].children] == ["1", "2", "3", "4", "5", "6"]
    assert (
        d.sections[1].children[5].heading
        == "Đa dạng hóa đối tác và đẩy mạnh hợp tác về khoa học và công nghệ"
    )
    assert [c.label for c in d.sections[2].children] == ["1", "2", "3", "4"]


def test_tasks(seed_text: str) -> None:
    tasks = {t.path: t for t in _doc(seed_text).tasks}
    assert {"II.1", "II.6", "III.1", "III.4"} <= set(tasks)
    assert tasks["III.1"].lead == ["UBND thành phố"]
    assert [fold(u) for u in tasks["III.2"].lead] == [
        "cac tccs dang truc thuoc thanh uy",
        "cac ban, nganh thanh pho",
    ]
    assert tasks["III.3"].lead == ["Ủy ban Mặt trận Tổ quốc", "các đoàn thể chính trị - xã hội"]
    assert tasks["III.4"].lead == ["Ban Tuyên giáo Thành ủy"]
    assert tasks["III.4"].cooperating == ["Phòng Kinh tế thành phố"]
    assert tasks["III.4"].frequency == "periodic"
    assert tasks["III.1"].deadline == "2030"


def test_recipients(seed_text: str) -> None:
    r = _doc(seed_text).recipients
    assert len(r) == 9
    assert r[0] == "Thường trực Tỉnh ủy (b/c)"
    assert r[2] == "Thường trực Thành ủy, HĐND, lãnh đạo UBND TP"
    assert r[-1] == "Lưu VT-TH"


def test_schema_is_stable(seed_text: str) -> None:
    d = _doc(seed_text).to_dict()
    assert list(d) == [
        "kind",
        "number_symbol",
        "issuer",
        "place",
        "date",
        "title",
        "references",
        "sections",
        "tasks",
        "recipients",
        "signer",
    ]
    assert set(d["references"][0]) == {"kind", "number_symbol", "date", "issuer", "text"}
    assert set(d["sections"][0]) == {"label", "heading", "children"}
    assert set(d["tasks"][0]) == {"path", "text", "lead", "cooperating", "deadline", "frequency"}
    assert set(d["signer"]) == {"title", "name"}
    json.dumps(d, ensure_ascii=False)
