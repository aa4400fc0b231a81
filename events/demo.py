"""Demo S&T events of Đà Lạt, 2020–2025 (titles, places and figures invented for the demo)."""

from __future__ import annotations

import datetime
from typing import Any

from events.models import Event, EventKind

D = datetime.date
K = EventKind

# (kind, title, organiser key or name, start, end, place, participants, participant keys, outcome)
EVENTS = [
    (
        K.WORKSHOP,
        "Hội thảo ứng dụng công nghệ cao trong sản xuất hoa",
        "ttkrh",
        D(2020, 10, 15),
        D(2020, 10, 15),
        "Hội trường Trung tâm Nghiên cứu Khoai tây, Rau và Hoa",
        120,
        ["hoa", "hhhoa"],
        "Giới thiệu 5 giống hoa mới và quy trình tưới nhỏ giọt.",
    ),
    (
        K.FAIR,
        "Hội chợ nông sản an toàn Đà Lạt",
        "Ban tổ chức Festival Hoa",
        D(2022, 12, 16),
        D(2022, 12, 20),
        "Quảng trường Lâm Viên",
        15000,
        ["htxrau", "dautay", "atiso"],
        "Hơn 120 gian hàng; ký 14 biên bản ghi nhớ tiêu thụ.",
    ),
    (
        K.CONFERENCE,
        "Hội nghị tổng kết mô hình chuyển đổi số nông nghiệp",
        "dhdl",
        D(2023, 3, 9),
        D(2023, 3, 9),
        "Trường Đại học Đà Lạt",
        200,
        ["iotnong", "nhakinh"],
        "Thống nhất nhân rộng mô hình nhà kính thông minh ra 3 phường.",
    ),
    (
        K.TECHMART,
        "Techmart thiết bị nông nghiệp vùng Tây Nguyên",
        "skhcn",
        D(2023, 11, 2),
        D(2023, 11, 4),
        "Cung Hội nghị Đà Lạt",
        3500,
        ["iotnong", "phanbon", "vitao"],
        "Giới thiệu 85 công nghệ; 9 hợp đồng chuyển giao.",
    ),
    (
        K.CONNECTION,
        "Phiên kết nối cung – cầu công nghệ chế biến sau thu hoạch",
        "skhcn",
        D(2024, 6, 20),
        D(2024, 6, 20),
        "Sở KH&CN Lâm Đồng",
        90,
        ["chebien", "atiso", "caphe"],
        "12 nhu cầu được giới thiệu tới 7 đơn vị cung ứng.",
    ),
    (
        K.DISSEMINATION,
        "Tập huấn quy trình VietGAP cho rau ăn lá",
        "htxrau",
        D(2024, 8, 7),
        D(2024, 8, 7),
        "Nhà văn hóa phường Xuân Hương",
        65,
        [],
        "Phát 65 sổ tay ghi chép sản xuất.",
    ),
    (
        K.DISSEMINATION,
        "Phổ biến kiến thức sở hữu trí tuệ cho hợp tác xã",
        "skhcn",
        D(2024, 10, 24),
        D(2024, 10, 24),
        "Hội trường UBND thành phố",
        80,
        ["htxdau", "htxrau"],
        "Hướng dẫn hồ sơ cấp quyền sử dụng nhãn hiệu tập thể.",
    ),
    (
        K.EXHIBITION,
        "Triển lãm sản phẩm OCOP và sản phẩm đặc trưng",
        "hhhoa",
        D(2025, 1, 10),
        D(2025, 1, 14),
        "Nhà Triển lãm thành phố",
        4200,
        ["tra", "caphe2", "atiso", "dautay"],
        "Trưng bày 60 sản phẩm OCOP 3–5 sao.",
    ),
    (
        K.WORKSHOP,
        "Hội thảo khởi nghiệp đổi mới sáng tạo trong du lịch nông nghiệp",
        "dhdl",
        D(2025, 5, 22),
        D(2025, 5, 22),
        "Trường Đại học Đà Lạt",
        150,
        ["dulich", "phanmem"],
        "Chọn 6 ý tưởng vào vòng ươm tạo.",
    ),
]


def load(context: dict[str, Any]) -> None:
    orgs = context["organisations"]
    city = context["units"]["UBND-DL"]
    for kind, title, who, start, end, place, people, attendees, outcome in EVENTS:
        event = Event.objects.create(
            kind=kind, title=title, owner_unit=city, organiser=orgs.get(who),
            organiser_name="" if who in orgs else who, starts_on=start, ends_on=end,
            place=place, participants=people, outcomes=outcome, is_published=True,
            publish_outcomes=True,  # outcomes public; the attending organisations not
        )  # fmt: skip
        event.participant_organisations.set([orgs[k] for k in attendees])
