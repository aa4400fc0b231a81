"""Demo products and IP titles of Đà Lạt / Lâm Đồng (names and numbers invented for the demo):
the city's flowers, vegetables, tea, coffee, artichoke and medicinal herbs; a place-name mark
for flowers with its authorised growers, a certification mark for vegetables, a GI for coffee,
patents and plant varieties of the institutes and enterprises."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ip.models import AuthorisedUser, IpTitle, Product, ProductGroup, TitleKind

D = datetime.date

# (key, name, group, area, producers, vietgap, globalgap, organic, ocop stars)
PRODUCTS = [
    (
        "hoa",
        "Hoa cắt cành Đà Lạt (cúc, hồng, cẩm chướng)",
        ProductGroup.FLOWERS,
        "Phường 5, 7, 8, 11, 12 và Vạn Thành",
        ["hoa", "htxdau"],
        True,
        False,
        False,
        None,
    ),
    (
        "rau",
        "Rau an toàn Đà Lạt",
        ProductGroup.VEGETABLES,
        "Xuân Hương, Trạm Hành, Tà Nung",
        ["htxrau", "rauhuuco"],
        True,
        True,
        False,
        4,
    ),
    (
        "tra",
        "Trà xanh, trà ô long Cầu Đất",
        ProductGroup.TEA,
        "Xuân Trường – Cầu Đất",
        ["tra"],
        True,
        False,
        False,
        4,
    ),
    (
        "caphe",
        "Cà phê Arabica Cầu Đất",
        ProductGroup.COFFEE,
        "Cầu Đất, Lạc Dương",
        ["caphe", "caphe2"],
        False,
        False,
        True,
        5,
    ),
    (
        "atiso",
        "Trà và cao atisô Đà Lạt",
        ProductGroup.ARTICHOKE,
        "Phường 12, Trại Mát",
        ["atiso"],
        True,
        False,
        False,
        4,
    ),
    (
        "duoclieu",
        "Đương quy, sâm dây Langbiang",
        ProductGroup.MEDICINAL,
        "Lạc Dương",
        ["duoclieu"],
        False,
        False,
        True,
        3,
    ),
    (
        "dautay",
        "Dâu tây Đà Lạt",
        ProductGroup.FRUIT,
        "Phường 12, Xuân Thọ",
        ["dautay", "htxdau"],
        True,
        False,
        False,
        3,
    ),
]

# (key, kind, name, holder, product, application no., number, filed, granted, valid until)
TITLES = [
    (
        "gi_caphe",
        TitleKind.GEOGRAPHICAL_INDICATION,
        "Cầu Đất cho sản phẩm cà phê Arabica",
        "skhcn",
        "caphe",
        "4-2019-00031",
        "00098",
        D(2019, 5, 6),
        D(2021, 3, 18),
        None,
    ),
    (
        "cm_hoa",
        TitleKind.COLLECTIVE_MARK,
        "Hoa Đà Lạt",
        "hhhoa",
        "hoa",
        "4-2015-11207",
        "4-0270351-000",
        D(2015, 6, 1),
        D(2016, 11, 9),
        D(2026, 6, 1),
    ),
    (
        "cert_rau",
        TitleKind.CERTIFICATION_MARK,
        "Rau Đà Lạt – chứng nhận an toàn",
        "skhcn",
        "rau",
        "4-2017-20455",
        "4-0321877-000",
        D(2017, 7, 20),
        D(2019, 4, 2),
        D(2027, 7, 20),
    ),
    (
        "cm_atiso",
        TitleKind.COLLECTIVE_MARK,
        "Atisô Đà Lạt",
        "atiso",
        "atiso",
        "4-2020-08812",
        "4-0401122-000",
        D(2020, 3, 11),
        D(2022, 1, 25),
        D(2030, 3, 11),
    ),
    (
        "tm_tra",
        TitleKind.TRADEMARK,
        "Đồi Mây",
        "tra",
        "tra",
        "4-2018-30120",
        "4-0355510-000",
        D(2018, 9, 3),
        D(2020, 2, 14),
        D(2028, 9, 3),
    ),
    (
        "tm_nam",
        TitleKind.TRADEMARK,
        "Sương Mai",
        "nam",
        None,
        "4-2016-01021",
        "4-0290011-000",
        D(2016, 1, 12),
        D(2017, 5, 30),
        D(2026, 1, 12),
    ),
    (
        "pv_hoa",
        TitleKind.PLANT_VARIETY,
        "Giống cúc LĐ-07 chịu lạnh",
        "ttkrh",
        "hoa",
        "PV-2020-114",
        "BH-2022-081",
        D(2020, 8, 19),
        D(2022, 10, 3),
        D(2042, 10, 3),
    ),
    (
        "pv_khoai",
        TitleKind.PLANT_VARIETY,
        "Giống khoai tây KT-Lâm Viên",
        "ttkrh",
        None,
        "PV-2019-052",
        "BH-2021-033",
        D(2019, 4, 2),
        D(2021, 6, 17),
        D(2041, 6, 17),
    ),
    (
        "inv_vitao",
        TitleKind.INVENTION,
        "Quy trình nuôi vi tảo trong ống quang sinh khép kín",
        "vitao",
        None,
        "1-2021-05512",
        "1-0036012",
        D(2021, 9, 9),
        D(2024, 7, 22),
        D(2041, 9, 9),
    ),
    (
        "ut_say",
        TitleKind.UTILITY_SOLUTION,
        "Máy sấy lạnh atisô dùng bơm nhiệt",
        "dhdl",
        "atiso",
        "2-2019-00201",
        "2-0002288",
        D(2019, 3, 15),
        D(2021, 8, 30),
        D(2029, 3, 15),
    ),
    (
        "kd_hop",
        TitleKind.INDUSTRIAL_DESIGN,
        "Hộp đựng trà atisô túi lọc",
        "atiso",
        "atiso",
        "3-2022-01100",
        "3-0041870",
        D(2022, 4, 5),
        D(2023, 6, 12),
        D(2027, 4, 5),
    ),
    (
        "inv_pending",
        TitleKind.INVENTION,
        "Chế phẩm vi sinh đối kháng nấm hại rễ dâu tây",
        "sinhhoc",
        "dautay",
        "1-2024-03307",
        "",
        D(2024, 5, 20),
        None,
        None,
    ),
]

# (title key, organisation key, area, tonnes per year, from, to)
USERS = [
    ("cm_hoa", "hoa", "Phường 8", "1200", D(2017, 3, 1), None),
    ("cm_hoa", "htxdau", "Phường 12", "300", D(2018, 6, 1), None),
    ("cm_hoa", "dulich", "Phường 5", "80", D(2021, 1, 15), D(2024, 1, 14)),
    ("cert_rau", "htxrau", "Xuân Hương", "2500", D(2019, 9, 1), None),
    ("cert_rau", "rauhuuco", "Phường 10", "650", D(2022, 2, 1), None),
    ("gi_caphe", "caphe", "Cầu Đất", "420", D(2021, 10, 1), None),
    ("gi_caphe", "caphe2", "Xuân Trường", "310", D(2023, 4, 1), None),
    ("cm_atiso", "atiso", "Phường 12", "95", D(2022, 5, 1), None),
    ("cm_atiso", "chebien", "Phường 11", "60", D(2024, 2, 1), None),
]


def load(context: dict[str, Any]) -> None:
    orgs = context["organisations"]
    city = context["units"]["UBND-DL"]
    products: dict[str, Product] = {}
    for key, name, group, area, producers, vietgap, globalgap, organic, stars in PRODUCTS:
        made = Product.objects.create(
            name=name, group=group, area=area, owner_unit=city, vietgap=vietgap,
            globalgap=globalgap, organic=organic, ocop_stars=stars, is_published=True,
        )  # fmt: skip
        made.producers.set([orgs[k] for k in producers])
        products[key] = made
    project_model = IpTitle._meta.get_field("project").related_model
    first_project: Any = project_model._default_manager.order_by("created_at").first()  # type: ignore[union-attr]
    titles: dict[str, IpTitle] = {}
    for key, kind, name, holder, product, app_no, number, filed, granted, valid in TITLES:
        titles[key] = IpTitle.objects.create(
            kind=kind, name=name, holder=orgs[holder], owner_unit=city,
            product=products.get(product or ""), application_number=app_no, number=number,
            filing_date=filed, grant_date=granted, valid_until=valid, is_published=True,
            publish_users=True,  # who may use a mark or GI is public; the filing file is not
            project=first_project if key == "pv_hoa" else None,
        )  # fmt: skip
    for title, org, area, tonnes, start, end in USERS:
        AuthorisedUser.objects.create(
            title=titles[title], organisation=orgs[org], area=area,
            volume_tonnes=Decimal(tonnes), valid_from=start, valid_to=end,
        )  # fmt: skip
    context["ip_titles"] = titles
