"""Demo organisations of Đà Lạt and Lâm Đồng: institutes and schools that are also units of the
tree (linked, not duplicated) and enterprises and cooperatives (fictional names)."""

from __future__ import annotations

from typing import Any

from organisations.models import Organisation, OrganisationKind

ST, ENT, OTHER = (
    OrganisationKind.ST_ORGANISATION,
    OrganisationKind.ENTERPRISE,
    OrganisationKind.OTHER,
)

# (key, kind, name, short name, tax code, address, unit code)
ORGANISATIONS = [
    (
        "dhdl",
        ST,
        "Trường Đại học Đà Lạt",
        "ĐH Đà Lạt",
        "5800000167",
        "01 Phù Đổng Thiên Vương, Đà Lạt",
        "DHDL",
    ),
    ("vnchn", ST, "Viện Nghiên cứu hạt nhân", "VNCHN", "", "01 Nguyên Tử Lực, Đà Lạt", "VNCHN"),
    (
        "ttkrh",
        ST,
        "Trung tâm Nghiên cứu Khoai tây, Rau và Hoa",
        "TT KTRH",
        "",
        "Thái Phiên, Đà Lạt",
        "TTKTRH",
    ),
    ("hhhoa", OTHER, "Hiệp hội Hoa Đà Lạt", "HH Hoa", "", "Đà Lạt", "HHHDL"),
    (
        "skhcn",
        ST,
        "Trung tâm Ứng dụng khoa học và công nghệ Lâm Đồng",
        "TT ƯDKHCN",
        "5800302218",
        "Đà Lạt",
        None,
    ),
    (
        "hoa",
        ENT,
        "Công ty TNHH Hoa Cao Nguyên Xanh",
        "Cao Nguyên Xanh",
        "5801234567",
        "Phường 8, Đà Lạt",
        None,
    ),
    (
        "tra",
        ENT,
        "Công ty Cổ phần Trà Đồi Mây",
        "Trà Đồi Mây",
        "5801112223",
        "Cầu Đất, Xuân Trường, Đà Lạt",
        None,
    ),
    (
        "caphe",
        ENT,
        "Công ty TNHH Cà phê Sườn Núi",
        "Cà phê Sườn Núi",
        "5802223334",
        "Lạc Dương, Lâm Đồng",
        None,
    ),
    (
        "atiso",
        ENT,
        "Công ty TNHH Atisô Thung Lũng",
        "Atisô Thung Lũng",
        "5803334445",
        "Phường 12, Đà Lạt",
        None,
    ),
    (
        "duoclieu",
        ENT,
        "Công ty Cổ phần Dược liệu Núi Bà",
        "Dược liệu Núi Bà",
        "5804445556",
        "Lạc Dương, Lâm Đồng",
        None,
    ),
    (
        "htxrau",
        OTHER,
        "Hợp tác xã Rau an toàn Xuân Hương",
        "HTX Xuân Hương",
        "5805556667",
        "Phường 11, Đà Lạt",
        None,
    ),
    (
        "htxdau",
        OTHER,
        "Hợp tác xã Dâu tây Thái Phiên",
        "HTX Thái Phiên",
        "5806667778",
        "Phường 12, Đà Lạt",
        None,
    ),
    (
        "nam",
        ENT,
        "Công ty TNHH Nấm Sương Mai",
        "Nấm Sương Mai",
        "5807778889",
        "Phường 7, Đà Lạt",
        None,
    ),
    (
        "sinhhoc",
        ENT,
        "Công ty TNHH Công nghệ sinh học Lá Kim",
        "Lá Kim Biotech",
        "5808889990",
        "Phường 5, Đà Lạt",
        None,
    ),
]


def load(context: dict[str, Any]) -> dict[str, Organisation]:
    units = context["units"]
    orgs: dict[str, Organisation] = {}
    for key, kind, name, short, tax, address, unit_code in ORGANISATIONS:
        orgs[key] = Organisation.objects.create(
            kind=kind,
            name=name,
            short_name=short,
            tax_code=tax,
            address=address,
            unit=units.get(unit_code) if unit_code else None,
            is_published=True,
        )
    context["organisations"] = orgs
    return orgs
