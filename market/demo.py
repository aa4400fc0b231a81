"""Demo market: the shared catalogue of technology offers, needs in farmers' words, connections.

The offers are read from ``<shared>/market/offers.jsonl`` (112 real offers summarised from public
sources and 48 marked as examples), never copied into the project; without that folder the
market starts empty of offers. Needs and connections are written for the demo.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from indicators.models import Aggregation, Indicator, ValueType
from market import actions, interchange
from market.models import Need, Offer, TransferForm

# (owner unit, title, description, requester, field, place, budget max in VND, by broker)
NEEDS = [
    (
        "DB-phuong-1",
        "Diệt ốc sên hại rau không dùng thuốc độc",
        "Vườn rau cải, xà lách của tổ hợp tác bị ốc sên cắn nát lá non mỗi mùa mưa. Muốn cách diệt "
        "không độc cho người, để rau vẫn bán được cho bếp ăn trường học.",
        "Tổ hợp tác rau an toàn Phường 1",
        "chế phẩm sinh học",
        "Đà Lạt",
        30_000_000,
        False,
    ),
    (
        "DB-phuong-1",
        "Giữ rau tươi chờ xe xuống thành phố",
        "Hợp tác xã hái rau buổi chiều, xe lấy hàng sáng hôm sau nên rau hay héo úng. Cần chỗ giữ "
        "rau tươi một hai ngày, chi phí vừa phải.",
        "HTX rau Xuân Hương",
        "bảo quản sau thu hoạch",
        "Đà Lạt",
        300_000_000,
        False,
    ),
    (
        "PKT-DL",
        "Nhà kính trồng hồng quá nóng mùa khô",
        "Nhà kính trồng hoa hồng tháng 3, 4 nóng quá, hoa bị cháy cánh. Cần cách hạ nhiệt rẻ, "
        "tự động càng tốt.",
        "Hộ ông Nguyễn Văn Tư",
        "cơ giới hóa/nhà kính",
        "Đà Lạt",
        150_000_000,
        True,
    ),
    (
        "PKT-DL",
        "Cà chua chết rũ sau một tháng trồng",
        "Cà chua trồng được một tháng thì héo rũ rồi chết từng cây, nhổ lên thấy rễ thâm. "
        "Cần giống hoặc cách trồng để giữ vườn.",
        "Trang trại rau Thái Phiên",
        "giống cây trồng",
        "Đà Lạt",
        None,
        True,
    ),
    (
        "PKT-DL",
        "Tem truy xuất nguồn gốc cho rau của HTX",
        "Siêu thị đòi tem quét mã trên điện thoại cho biết rau trồng ở đâu, bón gì. "
        "HTX 40 xã viên, muốn phần mềm dễ dùng.",
        "HTX nông nghiệp Lang Biang",
        "công nghệ thông tin/IoT",
        "Lạc Dương",
        50_000_000,
        True,
    ),
    (
        "DB-phuong-1",
        "Dâu tây loại bán không được",
        "Dâu tây trái nhỏ, méo bán không được giá, mỗi vụ bỏ đi nhiều. Muốn làm thành sản phẩm "
        "bán cho khách du lịch.",
        "Hộ bà Trần Thị Lan",
        "thực phẩm",
        "Đà Lạt",
        80_000_000,
        False,
    ),
    (
        "PKT-DL",
        "Nước thải sơ chế cà phê bị phạt",
        "Xưởng sơ chế cà phê nhân của hợp tác xã xả nước thải đen, hôi, năm ngoái bị nhắc nhở. "
        "Cần cách xử lý phù hợp quy mô nhỏ.",
        "HTX cà phê Cầu Đất",
        "môi trường/xử lý chất thải",
        "Đà Lạt",
        500_000_000,
        True,
    ),
    (
        "PKT-DL",
        "Tiền điện chong đèn hoa cúc quá cao",
        "Mỗi tháng tiền điện chong đèn ruộng cúc gần chục triệu. Có loại đèn nào tiết kiệm mà hoa "
        "vẫn ra đúng vụ không.",
        "Hộ ông Lê Văn Sáu",
        "năng lượng",
        "Đà Lạt",
        60_000_000,
        True,
    ),
]


# Indicators the market counts by itself (code, name, unit of measure, source).
COMPUTED = [
    ("CN-CHAOBAN", "Công nghệ chào bán được đăng trên chợ công nghệ", "công nghệ", "market.offers"),
    ("CN-NHUCAU", "Nhu cầu công nghệ được đăng trên chợ công nghệ", "nhu cầu", "market.needs"),
    ("CN-KETNOI", "Yêu cầu kết nối cung – cầu công nghệ", "yêu cầu", "market.connections"),
    (
        "CN-HOPDONG",
        "Hợp đồng chuyển giao công nghệ qua chợ công nghệ",
        "hợp đồng",
        "market.contracts",
    ),
    ("CN-GIATRI", "Giá trị hợp đồng chuyển giao công nghệ", "triệu đồng", "market.contract_value"),
]


def shared_offers() -> Path:
    shared = Path(os.environ.get("KHCN_SHARED_DIR", settings.BASE_DIR.parent / "shared"))
    return shared / "market" / "offers.jsonl"


def load(context: dict[str, Any]) -> None:
    units, users = context["units"], context["users"]
    office = users["theodoi"]
    path = shared_offers()
    if path.exists():
        rows = interchange.clean(interchange.parse(path.read_bytes(), path.name))
        interchange.import_offers(office, units["SKHCN-LD"], rows)
        # Published over the years, so the figures by year have something to show.
        for n, offer in enumerate(Offer.objects.order_by("external_id")):
            year = 2021 + n % 5
            Offer.objects.filter(pk=offer.pk).update(
                published_at=datetime.datetime(year, 1 + n % 12, 1 + n % 27, 9, tzinfo=datetime.UTC)
            )
    for order, (code, name, measure, source) in enumerate(COMPUTED, start=1):
        Indicator.objects.create(
            code=code,
            name=name,
            group="Thị trường khoa học và công nghệ",
            measure_unit=measure,
            value_type=ValueType.DECIMAL if measure == "triệu đồng" else ValueType.INTEGER,
            aggregation=Aggregation.SUM,
            computed_source=source,
            order=950 + order,
            description="Tính tự động từ chợ công nghệ; không nhập tay.",
        )
    needs: list[Any] = []
    for code, title, text, requester, field, place, budget, by_broker in NEEDS:
        actor = users["donvi"] if code == "DB-phuong-1" else office
        needs.append(
            actions.create_listing(
                actor,
                Need,
                owner_unit=units[code],
                publish=True,
                title=title,
                description=text,
                requester_name=requester,
                field=field,
                place=place,
                budget_max=budget,
                entered_by_broker=by_broker,
            )
        )
    offers = {
        o.external_id: o
        for o in Offer.objects.filter(
            external_id__in=["off-115", "off-130", "off-093", "off-060", "off-113"]
        )
    }
    if len(offers) < 5:
        return
    today = timezone.localdate()
    # Waiting for the broker; introduced; met; a contract signed.
    actions.request_connection(
        users["donvi"],
        needs[1],
        offers["off-115"],
        message="Xin giới thiệu đơn vị lắp kho lạnh.",
        share_contact=True,
    )
    c = actions.request_connection(office, needs[2], offers["off-130"], share_contact=True)
    actions.introduce(office, c, expected_version=c.version, note="Hai bên hẹn khảo sát nhà kính.")
    c = actions.request_connection(office, needs[3], offers["off-093"], share_contact=True)
    actions.introduce(office, c, expected_version=c.version)
    c.refresh_from_db()
    actions.record_meeting(
        office,
        c,
        expected_version=c.version,
        held_on=today - datetime.timedelta(days=20),
        place="Trang trại Thái Phiên",
        notes="Trình diễn cây cà chua ghép gốc cà tím.",
    )
    c = actions.request_connection(office, needs[4], offers["off-060"], share_contact=True)
    actions.introduce(office, c, expected_version=c.version)
    c.refresh_from_db()
    actions.record_contract(
        office,
        c,
        expected_version=c.version,
        signed_on=today - datetime.timedelta(days=10),
        value=45_000_000,
        form=TransferForm.CONSULTANCY,
        number="12/2026/HĐCGCN",
    )
    actions.request_connection(office, needs[7], offers["off-113"], share_contact=False)
