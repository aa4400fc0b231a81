"""Demo step: indicators counted from the S&T registries (chỉ tiêu tính từ sổ KH&CN).

The registries (organisations, IP, events, experts, agreements) each register computed sources
(``indicators.computed``); an indicator names one and is never typed. The demo defines one
indicator per main source, so the indicator pages, the unit tables and their drill-downs show
the registries' own figures next to the figures units type.
"""

from __future__ import annotations

from typing import Any

from indicators.models import Aggregation, Indicator, ValueType

GROUP = "Sổ KH&CN (tính tự động)"
LATEST, SUM = Aggregation.LATEST, Aggregation.SUM
# (code, name, measure, source, aggregation): stocks read the latest figure, flows add up.
COMPUTED = [
    (
        "SO-DNKHCN",
        "Doanh nghiệp KH&CN (tính từ sổ tổ chức)",
        "doanh nghiệp",
        "organisations.st_enterprises",
        LATEST,
    ),
    (
        "SO-KNST",
        "Doanh nghiệp khởi nghiệp đổi mới sáng tạo (tính từ sổ tổ chức)",
        "doanh nghiệp",
        "organisations.startups",
        LATEST,
    ),
    (
        "SO-QUY",
        "Doanh nghiệp có quỹ phát triển KH&CN (tính từ sổ tổ chức)",
        "doanh nghiệp",
        "organisations.fund_enterprises",
        SUM,
    ),
    (
        "SO-QUY-TRICH",
        "Số tiền trích lập quỹ phát triển KH&CN của doanh nghiệp",
        "triệu đồng",
        "organisations.fund_set_aside",
        SUM,
    ),
    (
        "SO-QUY-SD",
        "Số tiền sử dụng quỹ phát triển KH&CN của doanh nghiệp",
        "triệu đồng",
        "organisations.fund_used",
        SUM,
    ),
    (
        "SO-VB",
        "Văn bằng sở hữu trí tuệ còn hiệu lực (tính từ sổ SHTT)",
        "văn bằng",
        "ip.titles.granted",
        LATEST,
    ),
    (
        "SO-SD-NH",
        "Tổ chức, cá nhân được sử dụng nhãn hiệu tập thể, chứng nhận, chỉ dẫn địa lý",
        "tổ chức, cá nhân",
        "ip.authorised_users",
        LATEST,
    ),
    (
        "SO-OCOP",
        "Sản phẩm đặc trưng đạt OCOP (tính từ sổ sản phẩm)",
        "sản phẩm",
        "ip.products.ocop",
        LATEST,
    ),
    (
        "SO-SK",
        "Hội thảo, hội chợ, triển lãm, kết nối KH&CN đã tổ chức",
        "sự kiện",
        "events.count",
        SUM,
    ),
    ("SO-SK-NGUOI", "Lượt người tham dự sự kiện KH&CN", "lượt người", "events.participants", SUM),
    (
        "SO-PB",
        "Buổi phổ biến, tuyên truyền KH&CN (tính từ sổ sự kiện)",
        "buổi",
        "events.dissemination",
        SUM,
    ),
    (
        "SO-TS",
        "Nhà khoa học có học vị tiến sĩ (tính từ sổ chuyên gia)",
        "người",
        "experts.doctors",
        LATEST,
    ),
    (
        "SO-HT",
        "Thỏa thuận hợp tác KH&CN đã ký (tính từ sổ hợp tác)",
        "thỏa thuận",
        "cooperation.signed",
        SUM,
    ),
    (
        "SO-HT-NN",
        "Thỏa thuận hợp tác KH&CN với đối tác nước ngoài",
        "thỏa thuận",
        "cooperation.foreign",
        SUM,
    ),
]


def load(context: dict[str, Any]) -> None:
    for order, (code, name, measure, source, aggregation) in enumerate(COMPUTED, start=1):
        Indicator.objects.create(
            code=code,
            name=name,
            group=GROUP,
            measure_unit=measure,
            value_type=ValueType.DECIMAL if measure == "triệu đồng" else ValueType.INTEGER,
            aggregation=aggregation,
            computed_source=source,
            order=950 + order,
            description="Tính tự động từ sổ KH&CN; không nhập tay.",
        )
