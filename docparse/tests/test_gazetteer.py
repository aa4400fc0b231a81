"""The gazetteer of public bodies and its use in unit lists, tasks and headers."""

from __future__ import annotations

import pytest

from docparse import gazetteer, parse_text
from docparse.units import split_units


def test_data_file_is_complete_and_consistent() -> None:
    bodies = gazetteer.bodies()
    kinds = {b.kind for b in bodies}
    assert {"party", "assembly", "ministry", "ministerial", "gov_agency", "province"} <= kinds
    assert {"mass_org", "media", "group", "department", "party_local"} <= kinds
    # 34 provinces and centrally-run cities after 07/2025
    assert sum(1 for b in bodies if b.kind == "province") == 34
    # 14 ministries and 3 ministerial agencies after the 2025 reorganisation
    assert sum(1 for b in bodies if b.kind == "ministry") == 14
    assert sum(1 for b in bodies if b.kind == "ministerial") == 3
    # the 63 former provinces are all still known (kept ones, merged-away ones, renamed Huế)
    names = {n for b in bodies if b.kind in ("province", "former_province") for n in b.names()}
    assert len({n for n in names if not n.startswith(("Thành phố", "TP"))}) >= 63 - 5
    assert len({b.name for b in bodies}) == len(bodies)  # no duplicate entries


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("Bộ Kế hoạch và Đầu tư", "ministry"),  # former name -> Bộ Tài chính
        ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "ministry"),
        ("các bộ, ngành, địa phương", "group"),
        ("Uỷ ban Thường vụ Quốc hội", "assembly"),  # old tone placement
        ("TTXVN", "gov_agency"),
        ("Ban Tuyên giáo Trung ương", "party"),
        ("Kiên Giang", "province"),  # merged into An Giang
    ],
)
def test_lookup(mention: str, kind: str) -> None:
    body = gazetteer.lookup(mention)
    assert body is not None and body.kind == kind


def test_former_names_point_to_the_current_body() -> None:
    assert gazetteer.lookup("Bộ Kế hoạch và Đầu tư").name == "Bộ Tài chính"  # type: ignore[union-attr]
    assert gazetteer.lookup("Bộ Thông tin và Truyền thông").name == "Bộ Khoa học và Công nghệ"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("các bộ, ngành, địa phương", ["các bộ, ngành, địa phương"]),
        (
            "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"],
        ),
        ("VTV, VOV, TTXVN", ["VTV", "VOV", "TTXVN"]),
        ("Sở Tài chính Sở Xây dựng", ["Sở Tài chính", "Sở Xây dựng"]),
        ("Ủy ban Quốc phòng, An ninh và Đối ngoại", ["Ủy ban Quốc phòng, An ninh và Đối ngoại"]),
        (
            "Bộ Văn hóa, Thể thao và Du lịch, Bộ Y tế",
            ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Y tế"],
        ),
        # a bare generic name composes with the body after it
        ("Đảng ủy Ủy ban nhân dân tỉnh", ["Đảng ủy Ủy ban nhân dân tỉnh"]),
        ("Các cấp ủy, tổ chức đảng", ["Các cấp ủy, tổ chức đảng"]),
        (
            "Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh",
            ["Đảng ủy Mặt trận Tổ quốc, các đoàn thể tỉnh"],
        ),
        # a name that merely starts like a known body is not cut
        ("Sở Tài chính tỉnh Lâm Đồng", ["Sở Tài chính tỉnh Lâm Đồng"]),
    ],
)
def test_split_units_with_the_gazetteer(text: str, units: list[str]) -> None:
    assert split_units(text) == units


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        ("UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG", "SỞ CÔNG THƯƠNG"),
        ("BỘ CÔNG THƯƠNG CỤC HÓA CHẤT", "CỤC HÓA CHẤT"),
        ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"),
        ("BAN CHỈ ĐẠO QUỐC GIA VỀ TÌM KIẾM", "BAN CHỈ ĐẠO QUỐC GIA VỀ TÌM KIẾM"),
        ("ĐẢNG BỘ TỈNH LÂM ĐỒNG ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH", "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH"),
    ],
)
def test_issuer_of_line(line: str, issuer: str) -> None:
    assert gazetteer.issuer_of_line(line) == issuer


def test_abbreviation_list_in_a_task() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Tuyên truyền: VTV, VOV, TTXVN chủ trì, phối hợp với các bộ, ngành, "
        "địa phương thực hiện.\n2. Báo cáo: trong quá trình thực hiện, Sở Tài chính chủ trì tổng "
        "hợp.\n"
    )
    tasks = {t.path: t for t in parse_text(text).tasks}
    assert tasks["II.1"].lead == ["VTV", "VOV", "TTXVN"]
    assert tasks["II.1"].cooperating == ["các bộ, ngành, địa phương"]


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"),
        ("BỘ TÀICHÍNH", "BỘ TÀI CHÍNH"),
        ("T ỈNH ỦY LÂM ĐỒNG", "TỈNH ỦY LÂM ĐỒNG"),
        ("UỶ BAN NHÂN DÂN TỈNH LÀO CAI", "UỶ BAN NHÂN DÂN TỈNH LÀO CAI"),  # as printed
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ LÂM ĐỒNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ LÂM ĐỒNG"),  # unknown
    ],
)
def test_respace_known_names(raw: str, fixed: str) -> None:
    assert gazetteer.respace(raw) == fixed


def test_mixed_case_ocr_spacing_in_the_issuer() -> None:
    d = parse_text(
        "ỦY B AN NHÂN D Â N T ỈNH LÂM Đ ỒNG\nSố: 12/UBND-KT\nV/v kiểm tra\n\nNội dung.\n"
    )
    assert d.issuer == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
