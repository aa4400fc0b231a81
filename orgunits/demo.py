"""Demo organisation tree: Lâm Đồng province and Đà Lạt city around the 2025 reorganisation.

The city-level bodies that issued and carry out the seed plan end on 30/06/2025; from
01/07/2025 the district level is abolished and their duties pass to the new wards' Party
committees and people's committees and to the enlarged Lâm Đồng province. Demo data: unit names
follow the real pattern, but the succession links are a simplified model for demonstration.
"""

from __future__ import annotations

import datetime
from typing import Any

from orgunits.models import OrgUnit, SuccessionKind, UnitKind, UnitSuccession

END_2025 = datetime.date(2025, 6, 30)
START_NEW = datetime.date(2025, 7, 1)
NEW_WARDS = [
    "Xuân Hương - Đà Lạt",
    "Cam Ly - Đà Lạt",
    "Lâm Viên - Đà Lạt",
    "Xuân Trường - Đà Lạt",
    "Lang Biang - Đà Lạt",
]
OLD_WARDS = [f"Phường {n}" for n in range(1, 13)] + [
    "Xã Xuân Thọ",
    "Xã Xuân Trường",
    "Xã Tà Nung",
    "Xã Trạm Hành",
]


def _old(
    code: str,
    name: str,
    kind: str,
    short: str = "",
    aliases: list[str] | None = None,
    children: list[Any] | None = None,
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "kind": kind,
        "short_name": short,
        "aliases": aliases or [],
        "children": children or [],
        "valid_to": END_2025,
    }


def _unit(
    code: str,
    name: str,
    kind: str,
    short: str = "",
    aliases: list[str] | None = None,
    children: list[Any] | None = None,
    valid_from: datetime.date | None = None,
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "kind": kind,
        "short_name": short,
        "aliases": aliases or [],
        "children": children or [],
        "valid_from": valid_from,
    }


def _ward_code(name: str) -> str:
    from core.text import fold

    return fold(name).replace(" - da lat", "").replace(" ", "-")


TREE: list[dict[str, Any]] = [
    _unit(
        "TW",
        "Ban Chấp hành Trung ương Đảng",
        UnitKind.CENTRAL,
        "BCH TW",
        ["Ban Chấp hành Trung ương", "Trung ương"],
        [
            _unit("BCT", "Bộ Chính trị", UnitKind.CENTRAL),
            _unit("BBT", "Ban Bí thư Trung ương Đảng", UnitKind.CENTRAL, "Ban Bí thư"),
        ],
    ),
    _unit(
        "TU-LD",
        "Tỉnh ủy Lâm Đồng",
        UnitKind.PARTY_COMMITTEE,
        "Tỉnh ủy",
        ["Tỉnh uỷ Lâm Đồng"],
        [
            _unit(
                "BTV-TU-LD", "Ban Thường vụ Tỉnh ủy Lâm Đồng", UnitKind.PARTY_AGENCY, "BTV Tỉnh ủy"
            ),
            _unit(
                "BTG-TU-LD",
                "Ban Tuyên giáo và Dân vận Tỉnh ủy Lâm Đồng",
                UnitKind.PARTY_AGENCY,
                "Ban Tuyên giáo Tỉnh ủy",
                ["Ban Tuyên giáo Tỉnh ủy"],
            ),
            _old(
                "TU-DL",
                "Thành ủy Đà Lạt",
                UnitKind.PARTY_COMMITTEE,
                "Thành ủy",
                ["Thành uỷ Đà Lạt", "Thường trực Thành ủy"],
                [
                    _old(
                        "BTV-TU-DL",
                        "Ban Thường vụ Thành ủy Đà Lạt",
                        UnitKind.PARTY_AGENCY,
                        "BTV Thành ủy",
                        ["Ban Thường vụ Thành ủy"],
                    ),
                    _old(
                        "BTG-TU-DL",
                        "Ban Tuyên giáo Thành ủy Đà Lạt",
                        UnitKind.PARTY_AGENCY,
                        "Ban Tuyên giáo Thành ủy",
                        ["Ban Tuyên giáo Thành uỷ"],
                    ),
                    _old(
                        "BTC-TU-DL",
                        "Ban Tổ chức Thành ủy Đà Lạt",
                        UnitKind.PARTY_AGENCY,
                        "Ban Tổ chức Thành ủy",
                    ),
                    _old(
                        "UBKT-TU-DL",
                        "Ủy ban Kiểm tra Thành ủy Đà Lạt",
                        UnitKind.PARTY_AGENCY,
                        "UBKT Thành ủy",
                    ),
                    _old(
                        "DB-CQCQ-DL",
                        "Đảng bộ Cơ quan Chính quyền thành phố Đà Lạt",
                        UnitKind.PARTY_GRASSROOTS,
                    ),
                    *[
                        _old(f"DB-{_ward_code(w)}", f"Đảng bộ {w}", UnitKind.PARTY_GRASSROOTS)
                        for w in OLD_WARDS
                    ],
                ],
            ),
            *[
                _unit(
                    f"DU-{_ward_code(w)}",
                    f"Đảng ủy phường {w}",
                    UnitKind.PARTY_COMMITTEE,
                    valid_from=START_NEW,
                )
                for w in NEW_WARDS
            ],
        ],
    ),
    _unit(
        "UBND-LD",
        "Ủy ban nhân dân tỉnh Lâm Đồng",
        UnitKind.GOVERNMENT,
        "UBND tỉnh",
        ["UBND tỉnh Lâm Đồng"],
        [
            _unit(
                "SKHCN-LD",
                "Sở Khoa học và Công nghệ tỉnh Lâm Đồng",
                UnitKind.GOVERNMENT_AGENCY,
                "Sở KH&CN",
            ),
            _unit("TTYT-BL", "Trung tâm Y tế khu vực Bảo Lộc", UnitKind.GOVERNMENT_AGENCY),
            _old(
                "UBND-DL",
                "Ủy ban nhân dân thành phố Đà Lạt",
                UnitKind.GOVERNMENT,
                "UBND thành phố",
                ["UBND thành phố Đà Lạt", "UBND TP Đà Lạt", "UBND TP"],
                [
                    _old(
                        "PKT-DL",
                        "Phòng Kinh tế thành phố Đà Lạt",
                        UnitKind.GOVERNMENT_AGENCY,
                        "Phòng Kinh tế",
                    ),
                    _old(
                        "PNV-DL",
                        "Phòng Nội vụ thành phố Đà Lạt",
                        UnitKind.GOVERNMENT_AGENCY,
                        "Phòng Nội vụ",
                    ),
                    _old(
                        "PTCKH-DL",
                        "Phòng Tài chính - Kế hoạch thành phố Đà Lạt",
                        UnitKind.GOVERNMENT_AGENCY,
                        "Phòng Tài chính - Kế hoạch",
                    ),
                    _old(
                        "PGD-DL",
                        "Phòng Giáo dục và Đào tạo thành phố Đà Lạt",
                        UnitKind.GOVERNMENT_AGENCY,
                        "Phòng GD&ĐT",
                    ),
                    _old(
                        "PVH-DL",
                        "Phòng Văn hóa và Thông tin thành phố Đà Lạt",
                        UnitKind.GOVERNMENT_AGENCY,
                        "Phòng VH-TT",
                    ),
                    _old(
                        "TTDVNN-DL",
                        "Trung tâm Dịch vụ nông nghiệp thành phố Đà Lạt",
                        UnitKind.GOVERNMENT_AGENCY,
                    ),
                ],
            ),
            _old(
                "HDND-DL",
                "Hội đồng nhân dân thành phố Đà Lạt",
                UnitKind.GOVERNMENT,
                "HĐND thành phố",
                ["HĐND thành phố Đà Lạt", "HĐND TP"],
            ),
            *[
                _unit(
                    f"UBND-{_ward_code(w)}",
                    f"Ủy ban nhân dân phường {w}",
                    UnitKind.GOVERNMENT,
                    f"UBND phường {w}",
                    valid_from=START_NEW,
                    children=[
                        _unit(
                            f"PKT-{_ward_code(w)}",
                            f"Phòng Kinh tế, Hạ tầng và Đô thị phường {w}",
                            UnitKind.GOVERNMENT_AGENCY,
                            valid_from=START_NEW,
                        ),
                    ],
                )
                for w in NEW_WARDS
            ],
        ],
    ),
    _unit(
        "MTTQ-LD",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng",
        UnitKind.FRONT,
        "Ủy ban MTTQ tỉnh",
        [],
        [
            _old(
                "MTTQ-DL",
                "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Lạt",
                UnitKind.FRONT,
                "Ủy ban MTTQ thành phố",
                ["Mặt trận Tổ quốc thành phố", "MTTQ thành phố"],
                [
                    _old(
                        "PN-DL",
                        "Hội Liên hiệp Phụ nữ thành phố Đà Lạt",
                        UnitKind.MASS_ORGANISATION,
                        "Hội LHPN thành phố",
                    ),
                    _old(
                        "DTN-DL",
                        "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố Đà Lạt",
                        UnitKind.MASS_ORGANISATION,
                        "Thành đoàn Đà Lạt",
                    ),
                    _old(
                        "HND-DL",
                        "Hội Nông dân thành phố Đà Lạt",
                        UnitKind.MASS_ORGANISATION,
                        "Hội Nông dân thành phố",
                    ),
                    _old(
                        "CCB-DL",
                        "Hội Cựu chiến binh thành phố Đà Lạt",
                        UnitKind.MASS_ORGANISATION,
                        "Hội CCB thành phố",
                    ),
                    _old(
                        "LDLD-DL",
                        "Liên đoàn Lao động thành phố Đà Lạt",
                        UnitKind.MASS_ORGANISATION,
                        "LĐLĐ thành phố",
                    ),
                ],
            ),
            *[
                _unit(
                    f"MTTQ-{_ward_code(w)}",
                    f"Ủy ban MTTQ Việt Nam phường {w}",
                    UnitKind.FRONT,
                    valid_from=START_NEW,
                )
                for w in NEW_WARDS
            ],
        ],
    ),
    _unit(
        "KHCN-DL",
        "Các tổ chức khoa học và công nghệ trên địa bàn Đà Lạt",
        UnitKind.OTHER,
        "",
        [],
        [
            _unit("DHDL", "Trường Đại học Đà Lạt", UnitKind.SCHOOL, "ĐH Đà Lạt"),
            _unit("VNCHN", "Viện Nghiên cứu hạt nhân", UnitKind.ST_ORGANISATION),
            _unit("TTKTRH", "Trung tâm Nghiên cứu Khoai tây, Rau và Hoa", UnitKind.ST_ORGANISATION),
            _unit("HHHDL", "Hiệp hội Hoa Đà Lạt", UnitKind.OTHER),
        ],
    ),
]

# Who took over whom on 01/07/2025 (simplified demo model of the 2025 reorganisation).
SUCCESSIONS: list[tuple[str, list[str], str]] = [
    ("TU-DL", [f"DU-{_ward_code(w)}" for w in NEW_WARDS], SuccessionKind.SPLIT),
    ("BTV-TU-DL", [f"DU-{_ward_code(w)}" for w in NEW_WARDS], SuccessionKind.SPLIT),
    ("BTG-TU-DL", ["BTG-TU-LD"], SuccessionKind.MERGE),
    ("UBND-DL", [f"UBND-{_ward_code(w)}" for w in NEW_WARDS], SuccessionKind.SPLIT),
    ("HDND-DL", [f"UBND-{_ward_code(w)}" for w in NEW_WARDS], SuccessionKind.TRANSFER),
    ("PKT-DL", [f"PKT-{_ward_code(w)}" for w in NEW_WARDS], SuccessionKind.SPLIT),
    ("MTTQ-DL", [f"MTTQ-{_ward_code(w)}" for w in NEW_WARDS], SuccessionKind.SPLIT),
    ("DB-phuong-1", ["DU-xuan-huong"], SuccessionKind.MERGE),
    ("DB-phuong-2", ["DU-xuan-huong"], SuccessionKind.MERGE),
    ("DB-phuong-3", ["DU-cam-ly"], SuccessionKind.MERGE),
    ("DB-phuong-4", ["DU-cam-ly"], SuccessionKind.MERGE),
    ("DB-phuong-5", ["DU-cam-ly"], SuccessionKind.MERGE),
    ("DB-phuong-6", ["DU-lam-vien"], SuccessionKind.MERGE),
    ("DB-phuong-7", ["DU-lang-biang"], SuccessionKind.MERGE),
    ("DB-phuong-8", ["DU-lam-vien"], SuccessionKind.MERGE),
    ("DB-phuong-9", ["DU-lam-vien"], SuccessionKind.MERGE),
    ("DB-phuong-10", ["DU-xuan-huong"], SuccessionKind.MERGE),
    ("DB-phuong-11", ["DU-xuan-truong"], SuccessionKind.MERGE),
    ("DB-phuong-12", ["DU-lam-vien"], SuccessionKind.MERGE),
    ("DB-xa-xuan-tho", ["DU-xuan-truong"], SuccessionKind.MERGE),
    ("DB-xa-xuan-truong", ["DU-xuan-truong"], SuccessionKind.MERGE),
    ("DB-xa-ta-nung", ["DU-cam-ly"], SuccessionKind.MERGE),
    ("DB-xa-tram-hanh", ["DU-xuan-truong"], SuccessionKind.MERGE),
]
BASIS = (
    "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính năm 2025 "
    "(dữ liệu mô phỏng)"
)


def _create(node: dict[str, Any], parent: OrgUnit | None, out: dict[str, OrgUnit]) -> None:
    unit = OrgUnit(
        code=node["code"],
        name=node["name"],
        kind=node["kind"],
        short_name=node["short_name"],
        aliases=node["aliases"],
        parent=parent,
        valid_from=node.get("valid_from") or (datetime.date(2015, 1, 1)),
        valid_to=node.get("valid_to"),
    )
    unit.save()
    out[unit.code] = unit
    for child in node["children"]:
        _create(child, unit, out)


def load() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for node in TREE:
        _create(node, None, units)
    for old, new_codes, kind in SUCCESSIONS:
        for code in new_codes:
            UnitSuccession.objects.create(
                predecessor=units[old],
                successor=units[code],
                kind=kind,
                effective_date=START_NEW,
                basis=BASIS,
            )
    return units
