"""Demo cooperation agreements of Đà Lạt (partners and figures invented for the demo)."""

from __future__ import annotations

import datetime
from typing import Any

from cooperation.models import Agreement, AgreementStatus, PartnerScope

D = datetime.date
ACTIVE, EXPIRED = AgreementStatus.ACTIVE, AgreementStatus.EXPIRED

# (title, number, scope kind, partner keys, foreign names, scope, signed, until, status, results)
AGREEMENTS = [
    (
        "Chương trình hợp tác phát triển giống hoa chất lượng cao",
        "12/2020/TTHT",
        PartnerScope.DOMESTIC,
        ["ttkrh", "hhhoa"],
        "",
        "Khảo nghiệm và chuyển giao giống hoa cho nông hộ.",
        D(2020, 4, 2),
        D(2025, 4, 2),
        EXPIRED,
        "Chuyển giao 8 giống cúc, 3 giống lan.",
    ),
    (
        "Thỏa thuận hợp tác đào tạo và nghiên cứu nông nghiệp công nghệ cao",
        "05/2021/ĐHĐL",
        PartnerScope.DOMESTIC,
        ["dhdl"],
        "",
        "Đào tạo kỹ thuật viên, thực tập sinh tại doanh nghiệp.",
        D(2021, 9, 15),
        D(2026, 9, 15),
        ACTIVE,
        "Đào tạo 120 kỹ thuật viên.",
    ),
    (
        "Biên bản ghi nhớ hợp tác về hoa và rau với đối tác Hà Lan",
        "MOU-2022-NL",
        PartnerScope.FOREIGN,
        ["hoa"],
        "Hiệp hội nhà vườn xứ Bắc (Hà Lan)",
        "Trao đổi giống, công nghệ nhà kính và tiêu chuẩn xuất khẩu.",
        D(2022, 11, 8),
        D(2027, 11, 8),
        ACTIVE,
        "Hai đoàn trao đổi chuyên gia; thử nghiệm 2 giống hồng.",
    ),
    (
        "Thỏa thuận hợp tác nghiên cứu cà phê đặc sản",
        "MOU-2024-JP",
        PartnerScope.FOREIGN,
        ["caphe", "dhdl"],
        "Trung tâm nghiên cứu cà phê Kansai (Nhật Bản)",
        "Đánh giá chất lượng và chế biến ướt cà phê Arabica.",
        D(2024, 3, 20),
        None,
        ACTIVE,
        "Bộ tiêu chí nếm thử cho 40 mẫu.",
    ),
    (
        "Hợp tác ứng dụng chế phẩm sinh học cho dâu tây",
        "07/2025/HTSH",
        PartnerScope.DOMESTIC,
        ["sinhhoc", "htxdau"],
        "",
        "Thử nghiệm chế phẩm đối kháng nấm hại rễ trên 5 ha.",
        D(2025, 2, 10),
        D(2027, 2, 10),
        ACTIVE,
        "",
    ),
]


def load(context: dict[str, Any]) -> None:
    orgs = context["organisations"]
    city = context["units"]["UBND-DL"]
    for title, number, kind, keys, foreign, scope, signed, until, status, results in AGREEMENTS:
        agreement = Agreement.objects.create(
            title=title, number=number, partner_scope=kind, foreign_partner_names=foreign,
            owner_unit=city, scope=scope, signed_on=signed, valid_until=until, status=status,
            results=results, is_published=True, publish_results=True,
        )  # fmt: skip
        agreement.partners.set([orgs[k] for k in keys])
