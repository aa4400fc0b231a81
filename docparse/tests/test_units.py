"""Unit-name splitting and registry matching."""

from __future__ import annotations

from docparse.text import fold, normalize_tone_placement
from docparse.units import UnitRecord, canonical, looks_like_unit, match_units, split_units

REGISTRY = [
    UnitRecord(
        1,
        "Ủy ban nhân dân thành phố Đà Lạt",
        "UBND thành phố",
        ["UBND TP Đà Lạt"],
        "people_committee",
        None,
    ),
    UnitRecord(2, "Ban Tuyên giáo Thành ủy", "BTG Thành ủy", [], "party_agency", None),
    UnitRecord(3, "Phòng Kinh tế thành phố", "Phòng Kinh tế", [], "state_agency", 1),
    UnitRecord(4, "Phòng Tài chính - Kế hoạch", "", [], "state_agency", 1),
    UnitRecord(
        5, "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "Ủy ban MTTQ thành phố", [], "front", None
    ),
    UnitRecord(6, "Thành đoàn Đà Lạt", "", [], "mass_org", None),
    UnitRecord(7, "Đảng bộ Phường 1", "", [], "party_grassroots", None),
    UnitRecord(8, "Chi bộ Trường THPT Bùi Thị Xuân", "", [], "party_grassroots", None),
    UnitRecord(9, "Hội đồng nhân dân thành phố", "HĐND thành phố", [], "people_council", None),
    UnitRecord(10, "Ban Thường vụ Thành ủy", "BTV Thành ủy", [], "party_committee", None),
]


def _ids(mention: str) -> list[int | str]:
    return match_units([mention], REGISTRY)[0].unit_ids


def test_fold() -> None:
    assert fold("  Ủy BAN   nhân dân Đà Lạt ") == "uy ban nhan dan da lat"
    assert fold("Uỷ ban") == fold("Ủy ban")
    assert fold("đ Đ") == "d d"


def test_tone_placement() -> None:
    assert normalize_tone_placement("Uỷ ban, hoà bình, Thuỷ") == "Ủy ban, hòa bình, Thủy"


def test_split_units_group_phrases() -> None:
    assert split_units("Các TCCS đảng trực thuộc Thành ủy, các ban, ngành thành phố") == [
        "Các TCCS đảng trực thuộc Thành ủy",
        "các ban, ngành thành phố",
    ]
    assert split_units("Bộ Văn hóa, Thể thao và Du lịch") == ["Bộ Văn hóa, Thể thao và Du lịch"]
    assert split_units("Sở Tài chính, Kho bạc Nhà nước tỉnh; Sở Nội vụ") == [
        "Sở Tài chính",
        "Kho bạc Nhà nước tỉnh",
        "Sở Nội vụ",
    ]
    assert split_units("các cơ quan, đơn vị và các phòng, ban") == [
        "các cơ quan, đơn vị",
        "các phòng, ban",
    ]
    assert split_units("Sở Nông nghiệp và Môi trường") == ["Sở Nông nghiệp và Môi trường"]


def test_looks_like_unit() -> None:
    assert looks_like_unit("Sở Công Thương")
    assert looks_like_unit("Giám đốc Sở Xây dựng")
    assert not looks_like_unit("Lãnh đạo")
    assert not looks_like_unit("số lượng")
    assert not looks_like_unit("Bảo vệ khoáng sản")
    assert not looks_like_unit("Ban hành kế hoạch")


def test_abbreviations_and_variants() -> None:
    assert _ids("UBND thành phố") == [1]
    assert _ids("Ủy ban nhân dân thành phố Đà Lạt") == [1]
    assert _ids("Uỷ ban nhân dân TP Đà Lạt") == [1]
    assert _ids("uy ban nhan dan thanh pho da lat") == [1]
    assert _ids("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ LẠT") == [1]
    assert _ids("Ban Tuyên giáo Thành ủy") == [2]
    assert _ids("Ủy ban MTTQ thành phố") == [5]
    assert _ids("Mặt trận Tổ quốc thành phố") == [5]
    assert _ids("HĐND thành phố") == [9]
    assert _ids("BTV Thành ủy") == [10]
    assert canonical("UBND TP") == "uy ban nhan dan thanh pho"


def test_group_mentions_expand() -> None:
    m = match_units(["các TCCS đảng trực thuộc Thành ủy"], REGISTRY)[0]
    assert sorted(m.unit_ids) == [7, 8] and m.confidence < 1
    assert sorted(_ids("các ban, ngành thành phố")) == [3, 4]
    assert sorted(_ids("Mặt trận và các đoàn thể thành phố")) == [5, 6]


def test_unknown_mention() -> None:
    m = match_units(["Bộ Ngoại giao"], REGISTRY)[0]
    assert m.unit_ids == [] and m.confidence == 0.0
    assert match_units([], REGISTRY) == []
