"""Demo documents: the seed plan and the documents it carries out or cites."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.conf import settings

from documents.models import Document, DocumentKind, DocumentReference, ReferenceRelation
from orgunits.models import OrgUnit

SEED_TITLE = (
    "Kế hoạch triển khai thực hiện Kế hoạch số 101-KH/TU ngày 03/09/2019 của Tỉnh ủy Lâm Đồng "
    "về thực hiện Kết luận số 50-KL/TW của Ban Bí thư (khóa XII) “Tiếp tục thực hiện Nghị quyết "
    "Trung ương 6 (khóa XI) về phát triển khoa học và công nghệ phục vụ sự nghiệp công nghiệp "
    "hóa, hiện đại hóa trong điều kiện kinh tế thị trường định hướng xã hội chủ nghĩa và hội "
    "nhập quốc tế”"
)

# (key, kind, number/symbol, date, issuer code, title)
CITED = [
    (
        "20",
        DocumentKind.RESOLUTION,
        "20-NQ/TW",
        datetime.date(2012, 10, 31),
        "TW",
        "Nghị quyết Hội nghị Trung ương 6 (khóa XI) về phát triển khoa học và công nghệ phục vụ sự "
        "nghiệp công nghiệp hóa, hiện đại hóa trong điều kiện kinh tế thị trường định hướng xã hội "
        "chủ nghĩa và hội nhập quốc tế",
    ),
    (
        "50",
        DocumentKind.CONCLUSION,
        "50-KL/TW",
        None,
        "BBT",
        "Kết luận của Ban Bí thư (khóa XII) về tiếp tục thực hiện Nghị quyết Trung ương 6 "
        "(khóa XI) "
        "về phát triển khoa học và công nghệ",
    ),
    (
        "65",
        DocumentKind.PLAN,
        "65-KH/TU",
        datetime.date(2013, 2, 19),
        "TU-LD",
        "Kế hoạch của Tỉnh ủy Lâm Đồng về phát triển khoa học và công nghệ phục vụ sự nghiệp công "
        "nghiệp hóa, hiện đại hóa",
    ),
    (
        "101",
        DocumentKind.PLAN,
        "101-KH/TU",
        datetime.date(2019, 9, 3),
        "TU-LD",
        "Kế hoạch của Tỉnh ủy Lâm Đồng thực hiện Kết luận số 50-KL/TW của Ban Bí thư",
    ),
    (
        "2556",
        DocumentKind.DECISION,
        "2556/QĐ-UBND",
        datetime.date(2014, 11, 24),
        "UBND-LD",
        "Quyết định của UBND tỉnh Lâm Đồng về chính sách hỗ trợ xác lập và bảo vệ quyền sở hữu trí "
        "tuệ đối với sản phẩm đặc trưng",
    ),
    (
        "225",
        DocumentKind.DECISION,
        "225/QĐ-UBND",
        datetime.date(2016, 2, 4),
        "UBND-LD",
        "Quyết định của UBND tỉnh Lâm Đồng về dự án nâng cao năng suất và chất lượng sản phẩm, "
        "hàng "
        "hóa của doanh nghiệp",
    ),
]
SEED_RECIPIENTS = [
    "Thường trực Tỉnh ủy (b/c)",
    "Ban Tuyên giáo Tỉnh ủy",
    "Thường trực Thành ủy, HĐND, lãnh đạo UBND TP",
    "Các đ/c thành ủy viên",
    "Các Ban xây dựng Đảng Thành ủy",
    "Mặt trận và các đoàn thể thành phố",
    "Các TCCS Đảng trực thuộc",
    "Các phòng, ban, đơn vị của thành phố",
    "Lưu VT-TH",
]


def seed_text() -> str:
    """The seed plan's text when shared/ is beside the project; the demo works without it."""
    shared = Path(os.environ.get("KHCN_SHARED_DIR", settings.BASE_DIR.parent / "shared"))
    path = shared / "seed" / "001_502e5f425bf228fa.txt"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def load(units: dict[str, OrgUnit]) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for key, kind, number, date, issuer, title in CITED:
        doc = Document(
            kind=kind,
            number_symbol=number,
            issued_on=date,
            issuer=units[issuer],
            issuer_name=units[issuer].name,
            title=title,
            is_published=True,
        )
        doc.save()
        docs[key] = doc
    seed = Document(
        kind=DocumentKind.PLAN,
        number_symbol="",
        issued_on=None,
        issuer=units["BTV-TU-DL"],
        issuer_name="Ban Thường vụ Thành ủy Đà Lạt",
        place="Đà Lạt",
        title=SEED_TITLE,
        text=seed_text(),
        recipients=SEED_RECIPIENTS,
        is_published=True,
    )
    seed.save()
    docs["seed"] = seed
    links = [
        ("seed", "101", ReferenceRelation.IMPLEMENTS),
        ("seed", "50", ReferenceRelation.IMPLEMENTS),
        ("seed", "20", ReferenceRelation.CITES),
        ("seed", "65", ReferenceRelation.CITES),
        ("seed", "2556", ReferenceRelation.CITES),
        ("seed", "225", ReferenceRelation.CITES),
        ("101", "50", ReferenceRelation.IMPLEMENTS),
        ("50", "20", ReferenceRelation.IMPLEMENTS),
        ("65", "20", ReferenceRelation.IMPLEMENTS),
    ]
    for source, target, relation in links:
        DocumentReference.objects.create(
            source=docs[source], target=docs[target], relation=relation
        )
    return docs
