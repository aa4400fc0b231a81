"""Demo organisations of Đà Lạt and Lâm Đồng: institutes and schools that are also units of the
tree (linked, not duplicated) and enterprises and cooperatives (fictional names)."""

from __future__ import annotations

import datetime
from typing import Any

from organisations.models import Organisation, OrganisationKind, StFund

MILLION = 1_000_000

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


# More enterprises of the city (fictional): (key, name, short name, tax code, address).
ENTERPRISES = [
    ("rauhuuco", "Công ty TNHH Rau hữu cơ Đồi Thông", "Rau Đồi Thông", "5810000011", "Phường 10"),
    ("lanrung", "Công ty TNHH Lan Rừng Langbiang", "Lan Langbiang", "5810000022", "Lạc Dương"),
    ("dautay", "Công ty Cổ phần Dâu tây Sương Sớm", "Dâu Sương Sớm", "5810000033", "Phường 12"),
    (
        "caytrong",
        "Công ty TNHH Giống cây trồng Cao Nguyên",
        "Giống Cao Nguyên",
        "5810000044",
        "Phường 8",
    ),
    (
        "iotnong",
        "Công ty Cổ phần Nông nghiệp số Mây Ngàn",
        "Mây Ngàn Agri",
        "5810000055",
        "Phường 4",
    ),
    ("nhakinh", "Công ty TNHH Nhà kính Thông Minh Đà Lạt", "Nhà kính TM", "5810000066", "Phường 7"),
    ("vitao", "Công ty TNHH Vi tảo Hồ Xuân", "Vi tảo Hồ Xuân", "5810000077", "Phường 9"),
    (
        "chebien",
        "Công ty Cổ phần Chế biến nông sản Dốc Mây",
        "Nông sản Dốc Mây",
        "5810000088",
        "Phường 11",
    ),
    ("mattong", "Công ty TNHH Mật ong Hoa Cà Phê", "Mật ong Hoa Cà Phê", "5810000099", "Lâm Hà"),
    ("ruouvang", "Công ty TNHH Rượu vang Đồi Sim", "Vang Đồi Sim", "5810000101", "Phường 3"),
    (
        "phanbon",
        "Công ty Cổ phần Phân bón vi sinh Xanh Lá",
        "Phân vi sinh Xanh Lá",
        "5810000112",
        "Phường 7",
    ),
    (
        "dulich",
        "Công ty TNHH Du lịch nông nghiệp Thung Hoa",
        "Thung Hoa Farmstay",
        "5810000123",
        "Phường 5",
    ),
    ("phanmem", "Công ty TNHH Phần mềm Sương Mù", "Sương Mù Soft", "5810000134", "Phường 2"),
    (
        "caphe2",
        "Công ty Cổ phần Cà phê Arabica Cầu Đất",
        "Arabica Cầu Đất",
        "5810000145",
        "Xuân Trường",
    ),
]

# S&T enterprise certificates (key, number, date, startup); issuer: the provincial department.
ST_CERTIFICATES = [
    ("hoa", "01/2019/DNKHCN", datetime.date(2019, 6, 12), False),
    ("sinhhoc", "02/2020/DNKHCN", datetime.date(2020, 3, 20), True),
    ("nam", "03/2021/DNKHCN", datetime.date(2021, 9, 2), False),
    ("caytrong", "04/2022/DNKHCN", datetime.date(2022, 5, 17), False),
    ("iotnong", "05/2023/DNKHCN", datetime.date(2023, 8, 8), True),
    ("vitao", "06/2024/DNKHCN", datetime.date(2024, 4, 25), True),
    ("phanbon", "07/2025/DNKHCN", datetime.date(2025, 2, 14), False),
]
STARTUPS = ["phanmem", "nhakinh"]
ISSUER = "Sở Khoa học và Công nghệ Lâm Đồng"

# Funds (key, year, set aside, research, innovation, training, other), in million VND.
FUNDS = [
    ("hoa", 2022, 800, 300, 250, 50, 0),
    ("hoa", 2023, 950, 400, 300, 80, 20),
    ("hoa", 2024, 1_100, 450, 400, 100, 0),
    ("sinhhoc", 2023, 400, 250, 60, 40, 0),
    ("sinhhoc", 2024, 520, 300, 120, 50, 10),
    ("nam", 2024, 300, 120, 100, 0, 0),
    ("caytrong", 2023, 600, 350, 150, 30, 0),
    ("caytrong", 2024, 700, 380, 200, 40, 0),
    ("tra", 2024, 250, 0, 180, 20, 0),
    ("caphe", 2025, 350, 100, 150, 0, 0),
]


def load(context: dict[str, Any]) -> dict[str, Organisation]:
    units = context["units"]
    city = units.get("UBND-DL")
    orgs: dict[str, Organisation] = {}
    for key, kind, name, short, tax, address, unit_code in ORGANISATIONS:
        orgs[key] = Organisation.objects.create(
            kind=kind,
            name=name,
            short_name=short,
            tax_code=tax,
            address=address,
            unit=units.get(unit_code) if unit_code else None,
            area=None if unit_code else city,
            is_published=True,
        )
    for key, name, short, tax, place in ENTERPRISES:
        orgs[key] = Organisation.objects.create(
            kind=ENT,
            name=name,
            short_name=short,
            tax_code=tax,
            address=f"{place}, Lâm Đồng",
            area=city,
            is_published=True,
        )
    for key, number, granted, startup in ST_CERTIFICATES:
        org = orgs[key]
        org.st_certificate_number, org.st_certificate_date = number, granted
        org.st_certificate_issuer, org.is_innovative_startup = ISSUER, startup
        org.publish_certificates = True  # the certificate is shown on the portal; funds stay
        org.save()
    for key in STARTUPS:
        orgs[key].is_innovative_startup = True
        orgs[key].save()
    for key in ("dhdl", "ttkrh", "vnchn"):
        if key in orgs:
            org = orgs[key]
            org.registration_number = f"A-{org.tax_code[-4:] or '0001'}/ĐK-KHCN"
            org.registration_date = datetime.date(2016, 10, 5)
            org.registration_issuer = ISSUER
            org.save()
    for key, year, aside, research, innovation, training, other in FUNDS:
        StFund.objects.create(
            organisation=orgs[key],
            year=year,
            is_established=True,
            amount_set_aside=aside * MILLION,
            used_research=research * MILLION,
            used_innovation=innovation * MILLION,
            used_training=training * MILLION,
            used_other=other * MILLION,
            is_published=True,
        )
    context["organisations"] = orgs
    return orgs
