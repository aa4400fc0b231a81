"""Demo indicator catalogue (from the seed plan's aims) with targets and 2020–2025 values.

Values are quarterly, deterministic (seeded per unit and indicator) and bulk-created. The
city-level bodies and old wards report until Q2/2025; the new wards from Q3/2025.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from indicators.models import (
    Aggregation,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    TargetPeriod,
    ValueSource,
    ValueType,
)
from orgunits.models import UnitKind

INT, D, P, B = ValueType.INTEGER, ValueType.DECIMAL, ValueType.PERCENT, ValueType.BOOLEAN
SUM, AVG, MAX, LATEST = (
    Aggregation.SUM,
    Aggregation.AVERAGE,
    Aggregation.MAXIMUM,
    Aggregation.LATEST,
)

G_INVEST = "Đầu tư cho khoa học và công nghệ"
G_TASKS = "Nhiệm vụ khoa học và công nghệ"
G_IP = "Sở hữu trí tuệ cho sản phẩm địa phương"
G_ENT = "Doanh nghiệp khoa học và công nghệ"
G_PEOPLE = "Nhân lực khoa học và công nghệ"
G_OUTREACH = "Hợp tác, sự kiện, tuyên truyền phổ biến"
G_AGRI = "Nông nghiệp ứng dụng công nghệ cao"

# code, name, group, measure unit, value type, aggregation, min, max, required
CATALOGUE: list[tuple[str, str, str, str, str, str, Any, Any, bool]] = [
    ("NS-TONG", "Tổng chi ngân sách địa phương", G_INVEST, "triệu đồng", D, SUM, 0, None, False),
    (
        "NS-KHCN",
        "Chi ngân sách cho khoa học và công nghệ",
        G_INVEST,
        "triệu đồng",
        D,
        SUM,
        0,
        None,
        False,
    ),
    (
        "DT-CS-MOI",
        "Đề tài, dự án cấp cơ sở được phê duyệt mới",
        G_TASKS,
        "đề tài",
        INT,
        SUM,
        0,
        500,
        False,
    ),
    (
        "DT-CS-NT",
        "Đề tài, dự án cấp cơ sở được nghiệm thu",
        G_TASKS,
        "đề tài",
        INT,
        SUM,
        0,
        500,
        False,
    ),
    (
        "DT-TINH-MOI",
        "Đề tài, dự án cấp tỉnh được phê duyệt mới",
        G_TASKS,
        "đề tài",
        INT,
        SUM,
        0,
        200,
        False,
    ),
    (
        "DT-TINH-NT",
        "Đề tài, dự án cấp tỉnh được nghiệm thu",
        G_TASKS,
        "đề tài",
        INT,
        SUM,
        0,
        200,
        False,
    ),
    (
        "DT-QG-TH",
        "Nhiệm vụ cấp quốc gia đang thực hiện",
        G_TASKS,
        "nhiệm vụ",
        INT,
        LATEST,
        0,
        100,
        False,
    ),
    (
        "KQ-UD",
        "Kết quả nghiên cứu được ứng dụng, nhân rộng",
        G_TASKS,
        "kết quả",
        INT,
        SUM,
        0,
        500,
        True,
    ),
    ("SHTT-NHTT", "Nhãn hiệu tập thể được cấp văn bằng", G_IP, "văn bằng", INT, SUM, 0, 50, False),
    (
        "SHTT-NHCN",
        "Nhãn hiệu chứng nhận được cấp văn bằng",
        G_IP,
        "văn bằng",
        INT,
        SUM,
        0,
        50,
        False,
    ),
    ("SHTT-CDDL", "Chỉ dẫn địa lý được bảo hộ", G_IP, "chỉ dẫn", INT, SUM, 0, 20, False),
    (
        "SHTT-RAU",
        "Văn bằng sở hữu trí tuệ cho sản phẩm rau",
        G_IP,
        "văn bằng",
        INT,
        SUM,
        0,
        50,
        False,
    ),
    (
        "SHTT-HOA",
        "Văn bằng sở hữu trí tuệ cho sản phẩm hoa",
        G_IP,
        "văn bằng",
        INT,
        SUM,
        0,
        50,
        False,
    ),
    (
        "SHTT-CHE",
        "Văn bằng sở hữu trí tuệ cho sản phẩm chè",
        G_IP,
        "văn bằng",
        INT,
        SUM,
        0,
        50,
        False,
    ),
    (
        "SHTT-CAPHE",
        "Văn bằng sở hữu trí tuệ cho sản phẩm cà phê",
        G_IP,
        "văn bằng",
        INT,
        SUM,
        0,
        50,
        False,
    ),
    (
        "SHTT-DUOCLIEU",
        "Văn bằng sở hữu trí tuệ cho dược liệu",
        G_IP,
        "văn bằng",
        INT,
        SUM,
        0,
        50,
        False,
    ),
    (
        "DN-KHCN",
        "Doanh nghiệp khoa học và công nghệ",
        G_ENT,
        "doanh nghiệp",
        INT,
        LATEST,
        0,
        1000,
        False,
    ),
    (
        "DN-QUY",
        "Doanh nghiệp có Quỹ phát triển khoa học và công nghệ",
        G_ENT,
        "doanh nghiệp",
        INT,
        LATEST,
        0,
        1000,
        False,
    ),
    (
        "DN-QUY-VON",
        "Quy mô Quỹ phát triển KH&CN của doanh nghiệp",
        G_ENT,
        "triệu đồng",
        D,
        LATEST,
        0,
        None,
        False,
    ),
    (
        "NL-GS-PGS",
        "Nhà khoa học có học hàm giáo sư, phó giáo sư",
        G_PEOPLE,
        "người",
        INT,
        LATEST,
        0,
        5000,
        False,
    ),
    ("NL-TS", "Nhà khoa học có trình độ tiến sĩ", G_PEOPLE, "người", INT, LATEST, 0, 5000, False),
    ("NL-THS", "Nhà khoa học có trình độ thạc sĩ", G_PEOPLE, "người", INT, LATEST, 0, 5000, False),
    ("NL-DUOI35", "Nhà khoa học dưới 35 tuổi", G_PEOPLE, "người", INT, LATEST, 0, 5000, False),
    ("NL-35-50", "Nhà khoa học từ 35 đến 50 tuổi", G_PEOPLE, "người", INT, LATEST, 0, 5000, False),
    ("NL-TREN50", "Nhà khoa học trên 50 tuổi", G_PEOPLE, "người", INT, LATEST, 0, 5000, False),
    (
        "HT-TT",
        "Thỏa thuận hợp tác về khoa học và công nghệ được ký kết",
        G_OUTREACH,
        "thỏa thuận",
        INT,
        SUM,
        0,
        100,
        False,
    ),
    (
        "SK",
        "Sự kiện khoa học và công nghệ được tổ chức",
        G_OUTREACH,
        "sự kiện",
        INT,
        SUM,
        0,
        200,
        True,
    ),
    (
        "PB-BUOI",
        "Buổi tuyên truyền, phổ biến kiến thức khoa học và công nghệ",
        G_OUTREACH,
        "buổi",
        INT,
        SUM,
        0,
        500,
        True,
    ),
    (
        "PB-NGUOI",
        "Lượt người tham dự tuyên truyền, phổ biến",
        G_OUTREACH,
        "lượt người",
        INT,
        SUM,
        0,
        100000,
        True,
    ),
    (
        "TL-BD",
        "Tỷ lệ cán bộ, đảng viên được bồi dưỡng kiến thức KH&CN",
        G_OUTREACH,
        "%",
        P,
        AVG,
        0,
        100,
        False,
    ),
    ("KH-NAM", "Có kế hoạch ứng dụng KH&CN hằng năm", G_OUTREACH, "có/không", B, SUM, 0, 1, False),
    (
        "NN-CNC",
        "Diện tích sản xuất nông nghiệp ứng dụng công nghệ cao",
        G_AGRI,
        "ha",
        D,
        LATEST,
        0,
        100000,
        False,
    ),
    (
        "NN-CNC-NS",
        "Năng suất rau ứng dụng công nghệ cao cao nhất",
        G_AGRI,
        "tấn/ha/năm",
        D,
        MAX,
        0,
        1000,
        False,
    ),
]
RATIO = (
    "TL-NS-KHCN",
    "Tỷ lệ chi ngân sách cho khoa học và công nghệ trên tổng chi ngân sách",
    G_INVEST,
    "%",
    "NS-KHCN",
    "NS-TONG",
)

# Which kinds of unit are asked for an indicator (the others are not: a ward Party committee
# is not asked for the local budget or the number of professors). Unlisted: every kind.
_GOV: list[str] = [UnitKind.GOVERNMENT]
_SCIENCE: list[str] = [UnitKind.ST_ORGANISATION, UnitKind.SCHOOL]
_ECONOMY: list[str] = [UnitKind.GOVERNMENT, UnitKind.GOVERNMENT_AGENCY]
UNIT_KINDS: dict[str, list[str]] = {
    "NS-TONG": _GOV,
    "NS-KHCN": _GOV,
    "DT-TINH-MOI": _SCIENCE,
    "DT-TINH-NT": _SCIENCE,
    "DT-QG-TH": _SCIENCE,
    "NL-GS-PGS": _SCIENCE,
    "NL-TS": _SCIENCE,
    "NL-THS": _SCIENCE,
    "NL-DUOI35": _SCIENCE,
    "NL-35-50": _SCIENCE,
    "NL-TREN50": _SCIENCE,
    "DN-QUY-VON": _ECONOMY,
    "NN-CNC": _ECONOMY,
    "NN-CNC-NS": _ECONOMY,
}
# Five-year targets (giai đoạn 2021–2025) of flows: what the sơ kết sets its sums against.
TERM_TARGETS = [
    ("UBND-DL", "NS-KHCN", 2025, "100000"),
    ("UBND-DL", "KQ-UD", 2025, "40"),
    ("TU-DL", "PB-BUOI", 2025, "1100"),
    ("DHDL", "HT-TT", 2025, "18"),
]

NEW_WARDS = ["xuan-huong", "cam-ly", "lam-vien", "xuan-truong", "lang-biang"]
OLD_WARDS = [f"phuong-{n}" for n in range(1, 13)] + [
    "xa-xuan-tho",
    "xa-xuan-truong",
    "xa-ta-nung",
    "xa-tram-hanh",
]
# Which indicators each kind of unit reports, with a base quarterly level and a yearly growth.
PROFILES: dict[str, list[tuple[str, float, float]]] = {
    "city_gov": [("NS-TONG", 480_000, 0.06), ("NS-KHCN", 4_300, 0.12), ("KH-NAM", 1, 0)],
    "ward_gov": [("NS-TONG", 21_000, 0.05), ("NS-KHCN", 190, 0.10), ("KH-NAM", 1, 0)],
    "city_econ": [
        ("DT-CS-MOI", 2, 0.05),
        ("DT-CS-NT", 1.6, 0.05),
        ("KQ-UD", 1.5, 0.10),
        ("SHTT-NHTT", 0.35, 0),
        ("SHTT-NHCN", 0.2, 0),
        ("SHTT-CDDL", 0.08, 0),
        ("SHTT-RAU", 0.2, 0),
        ("SHTT-HOA", 0.25, 0),
        ("SHTT-CHE", 0.08, 0),
        ("SHTT-CAPHE", 0.12, 0),
        ("SHTT-DUOCLIEU", 0.1, 0),
        ("DN-KHCN", 14, 0.10),
        ("DN-QUY", 5, 0.12),
        ("DN-QUY-VON", 9_500, 0.15),
        ("NN-CNC", 11_200, 0.04),
        ("NN-CNC-NS", 180, 0.03),
    ],
    "ward_econ": [
        ("DT-CS-MOI", 0.6, 0),
        ("KQ-UD", 0.5, 0),
        ("DN-KHCN", 4, 0),
        ("DN-QUY", 1, 0),
        ("DN-QUY-VON", 2_400, 0),
        ("NN-CNC", 2_500, 0.02),
        ("NN-CNC-NS", 190, 0),
    ],
    "party": [
        ("PB-BUOI", 3, 0.05),
        ("PB-NGUOI", 160, 0.06),
        ("SK", 0.7, 0.05),
        ("TL-BD", 62, 0.05),
        ("KH-NAM", 1, 0),
    ],
    "st_org": [
        ("DT-TINH-MOI", 1.2, 0.05),
        ("DT-TINH-NT", 1.0, 0.05),
        ("DT-QG-TH", 3, 0.05),
        ("KQ-UD", 1.2, 0.08),
        ("HT-TT", 0.8, 0.05),
        ("SK", 1.5, 0.05),
        ("NL-GS-PGS", 14, 0.03),
        ("NL-TS", 85, 0.04),
        ("NL-THS", 210, 0.03),
        ("NL-DUOI35", 95, 0.02),
        ("NL-35-50", 160, 0.03),
        ("NL-TREN50", 70, 0.02),
    ],
}
END_OLD = datetime.date(2025, 6, 30)


def quarters(first_year: int, last_year: int) -> list[tuple[datetime.date, datetime.date]]:
    result = []
    for year in range(first_year, last_year + 1):
        for q in range(4):
            start = datetime.date(year, 3 * q + 1, 1)
            end_month = 3 * q + 3
            next_start = (
                datetime.date(year + 1, 1, 1)
                if end_month == 12
                else datetime.date(year, end_month + 1, 1)
            )
            result.append((start, next_start - datetime.timedelta(days=1)))
    return result


def _value(ind: Indicator, base: float, growth: float, year: int, rng: random.Random) -> Decimal:
    level = base * (1 + growth) ** (year - 2020)
    if ind.value_type == ValueType.BOOLEAN:
        return Decimal(1 if rng.random() < 0.9 else 0)
    if ind.aggregation == Aggregation.LATEST:
        noisy = level * (1 + rng.uniform(-0.02, 0.03))
    elif ind.value_type == ValueType.PERCENT:
        noisy = min(100.0, level + rng.uniform(-4, 4))
    else:
        noisy = level * rng.uniform(0.6, 1.4)
    if ind.value_type == ValueType.INTEGER:
        # Small counts: a Poisson-like draw keeps quarters with zero realistic.
        whole = int(noisy)
        return Decimal(whole + (1 if rng.random() < noisy - whole else 0))
    return Decimal(str(round(noisy, 2)))


def load(context: dict) -> None:
    units = context["units"]
    indicators: dict[str, Indicator] = {}
    for order, (code, name, group, mu, vt, agg, lo, hi, req) in enumerate(CATALOGUE, start=1):
        ind = Indicator(
            code=code,
            name=name,
            group=group,
            measure_unit=mu,
            value_type=vt,
            aggregation=agg,
            min_value=lo,
            max_value=hi,
            is_required=req,
            order=order * 10,
            unit_kinds=[str(k) for k in UNIT_KINDS.get(code, [])],
        )
        ind.save()
        indicators[code] = ind
    code, name, group, mu, num, den = RATIO
    ratio = Indicator(
        code=code,
        name=name,
        group=group,
        measure_unit=mu,
        value_type=ValueType.PERCENT,
        aggregation=Aggregation.RATIO,
        numerator=indicators[num],
        denominator=indicators[den],
        order=25,
        description="Tỷ lệ = chi ngân sách cho KH&CN / tổng chi ngân sách × 100.",
    )
    ratio.save()
    indicators[code] = ratio

    reporters: list[tuple[str, str, datetime.date | None, datetime.date | None]] = [
        ("UBND-DL", "city_gov", None, END_OLD),
        ("PKT-DL", "city_econ", None, END_OLD),
        ("DHDL", "st_org", None, None),
        ("VNCHN", "st_org", None, None),
        ("TTKTRH", "st_org", None, None),
    ]
    reporters += [(f"DB-{w}", "party", None, END_OLD) for w in OLD_WARDS]
    for w in NEW_WARDS:
        reporters += [
            (f"UBND-{w}", "ward_gov", END_OLD, None),
            (f"PKT-{w}", "ward_econ", END_OLD, None),
            (f"DU-{w}", "party", END_OLD, None),
        ]
    periods = quarters(2020, 2025)
    rows: list[IndicatorValue] = []
    for unit_code, profile, after, until in reporters:
        unit = units.get(unit_code)
        if unit is None:
            continue
        for ind_code, base, growth in PROFILES[profile]:
            ind = indicators[ind_code]
            rng = random.Random(f"{unit_code}/{ind_code}")
            for start, end in periods:
                if (after and start <= after) or (until and end > until):
                    continue
                rows.append(
                    IndicatorValue(
                        indicator=ind,
                        unit=unit,
                        period_start=start,
                        period_end=end,
                        value=_value(ind, base, growth, start.year, rng),
                        source=ValueSource.DEMO,
                    )
                )
    IndicatorValue.objects.bulk_create(rows, batch_size=2000)

    targets = [
        # (unit, indicator, {year: value}) — annual targets of the city, then the new wards.
        ("UBND-DL", "TL-NS-KHCN", {2020: "0.9", 2025: "1.2"}),
        ("UBND-DL", "NS-KHCN", {2020: "17000", 2025: "30000"}),
        ("UBND-DL", "DN-KHCN", {2020: "14", 2025: "25"}),
        ("UBND-DL", "NN-CNC", {2020: "11000", 2025: "13500"}),
        ("UBND-DL", "KQ-UD", {2020: "6", 2025: "10"}),
        # Outreach is the Party's work: the city Party committee's target covers its wards.
        ("TU-DL", "PB-BUOI", {2020: "190", 2025: "240"}),
        ("UBND-LD", "DN-KHCN", {2025: "40", 2030: "60"}),
        ("UBND-LD", "NN-CNC", {2025: "14000", 2030: "16000"}),
        ("DB-phuong-1", "PB-BUOI", {2020: "12", 2025: "15"}),
        ("DB-phuong-1", "PB-NGUOI", {2020: "650", 2025: "850"}),
        ("DHDL", "NL-TS", {2020: "85", 2025: "105", 2030: "130"}),
        ("DHDL", "HT-TT", {2020: "3", 2025: "4", 2030: "5"}),
    ]
    for w in NEW_WARDS:
        targets += [
            (f"UBND-{w}", "TL-NS-KHCN", {2030: "1.5"}),
            (f"UBND-{w}", "NN-CNC", {2030: "3000"}),
            (f"DU-{w}", "PB-BUOI", {2030: "16"}),
        ]
    IndicatorTarget.objects.bulk_create(
        [
            IndicatorTarget(indicator=indicators[ind], unit=units[u], year=y, value=Decimal(v))
            for u, ind, years in targets
            if u in units
            for y, v in years.items()
        ]
        + [
            IndicatorTarget(
                indicator=indicators[ind],
                unit=units[u],
                period=TargetPeriod.TERM,
                year=y,
                value=Decimal(v),
                note="Mục tiêu cả giai đoạn",
            )
            for u, ind, y, v in TERM_TARGETS
            if u in units
        ]
    )
    context["indicators"] = indicators
