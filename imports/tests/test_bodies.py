"""Who a name can be: places agree, central bodies are never local, generic words match nothing,
groups expand only inside the owner's area and only to units valid on the document's day."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from imports.bodies import is_central, is_generic, places_in
from imports.unitmatch import UnitMatcher
from orgunits.models import OrgUnit

AFTER_REFORM = datetime.date(2026, 3, 26)
BEFORE_REFORM = datetime.date(2020, 3, 15)


def _codes(ids: list[str]) -> set[str]:
    return set(OrgUnit.objects.filter(pk__in=ids).values_list("code", flat=True))


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", {"lao cai"}),
        ("UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG", {"lao cai"}),
        ("Ủy ban nhân dân tỉnh Lâm Đồng", {"lam dong"}),
        ("TỈNH UỶ LÀO CAI", {"lao cai"}),
        ("Ban Thường vụ Thành ủy Đà Lạt", {"da lat"}),
        ("Đảng ủy phường Xuân Trường - Đà Lạt", {"xuan truong", "da lat"}),
        ("Đảng bộ Phường 1", {"phuong 1"}),
        ("Trung tâm Y tế khu vực Bảo Lộc", {"bao loc"}),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", {"ho chi minh"}),
        ("Ban Quản lý các Khu công nghiệp tỉnh Lào Cai", {"lao cai"}),
        ("tỉnh Thanh Hóa", {"thanh hoa"}),
        # The document's own locality, not a place: "UBND tỉnh", "các ban, ngành thành phố".
        ("UBND tỉnh", set()),
        ("các ban, ngành thành phố", set()),
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", set()),
        ("cơ quan Thuế", set()),
        ("các địa phương lân cận", set()),
        ("các tổ chức chính trị - xã hội", set()),
    ],
)
def test_places_named_in_a_name(text: str, places: set[str]) -> None:
    assert places_in(text) == places


def test_central_and_generic_names() -> None:
    for name in (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "THỦ TƯỚNG CHÍNH PHỦ",
        "CỤC HÓA CHẤT",
        "Ủy ban trung ương Mặt trận Tổ quốc Việt Nam",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
    ):
        assert is_central(name), name
    for name in ("Bộ Chỉ huy Quân sự tỉnh", "SỞ CÔNG THƯƠNG", "Ủy ban nhân dân tỉnh Lào Cai"):
        assert not is_central(name), name
    for name in ("các cơ quan", "Sở, Ngành", "chính quyền địa phương", "Giám đốc các Sở"):
        assert is_generic(name), name
    for name in ("Sở Công Thương", "Trường Đại học Đà Lạt", "Phòng Kinh tế thành phố"):
        assert not is_generic(name), name


@pytest.mark.django_db
def test_the_issuer_is_matched_only_where_the_place_agrees(demo: Any) -> None:
    matcher = UnitMatcher(AFTER_REFORM)

    def issuer(name: str, place: str | None = None) -> tuple[str | None, str]:
        found = matcher.match_issuer(name, place)
        code = matcher.units[found.unit_id].code if found.unit_id else None
        return code, found.status

    # Another province: the same words as a local body, never that body.
    assert issuer("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Lào Cai") == (None, "external")
    assert issuer("TỈNH UỶ LÀO CAI", "Lào Cai") == (None, "external")
    assert issuer("SỞ CÔNG THƯƠNG", "Lào Cai") == (None, "external")
    # A ministry, the Government: central, never a local unit.
    assert issuer("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Hà Nội") == (None, "external")
    assert issuer("CHÍNH PHỦ", "Hà Nội") == (None, "external")
    # Central bodies that are in the registry are matched by their exact name.
    assert issuer("BAN BÍ THƯ TRUNG ƯƠNG ĐẢNG", "Hà Nội") == ("BBT", "matched")
    # Local bodies still match, with or without the place written.
    assert issuer("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Lâm Đồng") == ("UBND-LD", "matched")
    assert issuer("Ban Thường vụ Thành ủy Đà Lạt", None) == ("BTV-TU-DL", "matched")
    # A provincial department writes from the provincial seat: the place line only helps.
    assert issuer("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Đà Lạt") == ("SKHCN-LD", "matched")
    # Generic words are no issuer.
    assert issuer("CÁC CƠ QUAN", "Đà Lạt") == (None, "unmatched")


@pytest.mark.django_db
def test_generic_words_and_groups_in_a_document_from_elsewhere(demo: Any) -> None:
    matcher = UnitMatcher(AFTER_REFORM)
    owner = str(demo.unit("BTG-TU-DL").pk)
    found = {
        m.mention: m
        for m in matcher.match(
            [
                "các cơ quan",
                "Sở, Ngành",
                "Sở Khoa học và Công nghệ",
                "Sở Khoa học và Công nghệ tỉnh Lâm Đồng",
            ],
            owner_id=owner,
            external_document=True,
            source="ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        )
    }
    # "các cơ quan" matched the city's "Đảng bộ Cơ quan Chính quyền" by a shared word.
    assert found["các cơ quan"].unit_ids == [] and not found["các cơ quan"].candidates
    # "Sở, Ngành" of another province: offered inside the owner's area, nothing ticked.
    group = found["Sở, Ngành"]
    assert group.unit_ids == [] and group.candidates
    assert "TTYT-BL" not in _codes(group.candidates)
    assert "SKHCN-LD" not in _codes(group.candidates)
    # An unplaced department of the issuer is the issuer's, not ours; a placed one is ours.
    assert found["Sở Khoa học và Công nghệ"].external
    assert found["Sở Khoa học và Công nghệ"].unit_ids == []
    assert _codes(found["Sở Khoa học và Công nghệ tỉnh Lâm Đồng"].unit_ids) == {"SKHCN-LD"}


@pytest.mark.django_db
def test_groups_expand_inside_the_owner_area_to_units_valid_on_the_day(demo: Any) -> None:
    owner = str(demo.unit("BTV-TU-DL").pk)
    names = ["các ban, ngành thành phố", "Các TCCS đảng trực thuộc Thành ủy", "Sở, Ngành"]
    before = {m.mention: m for m in UnitMatcher(BEFORE_REFORM).match(names, owner_id=owner)}
    city = _codes(before["các ban, ngành thành phố"].unit_ids)
    assert {"PKT-DL", "PNV-DL", "PGD-DL"} <= city
    grassroots = _codes(before["Các TCCS đảng trực thuộc Thành ủy"].unit_ids)
    assert {"DB-phuong-1", "DB-xa-ta-nung"} <= grassroots
    every = city | grassroots | _codes(before["Sở, Ngành"].unit_ids)
    # Nothing outside the city's bodies: not the province's department, not Bảo Lộc's centre,
    # not the wards created in 2025.
    assert not every & {"SKHCN-LD", "TTYT-BL", "PKT-xuan-huong", "DU-cam-ly"}
    after = {m.mention: m for m in UnitMatcher(AFTER_REFORM).match(names, owner_id=owner)}
    later = {code for m in after.values() for code in _codes(m.unit_ids)}
    dissolved = set(
        OrgUnit.objects.filter(valid_to__lt=AFTER_REFORM).values_list("code", flat=True)
    )
    assert not later & dissolved
    assert not later & {"SKHCN-LD", "TTYT-BL"}
    # A unit without a territory of its own (a ward's Party organisation) expands in its subtree.
    small = UnitMatcher(BEFORE_REFORM).match(names, owner_id=str(demo.unit("DB-phuong-1").pk))
    assert all(m.unit_ids == [] for m in small)
    # Without an owner, a group waits for one.
    assert all(m.unit_ids == [] for m in UnitMatcher(BEFORE_REFORM).match(names))
