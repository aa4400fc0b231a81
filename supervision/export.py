"""The supervision report (báo cáo kết quả giám sát) as an editable DOCX.

The Front's documents follow the State layout of Nghị định 30/2020/NĐ-CP (motto header, A4,
Times New Roman 14 pt): the header and signature tables are the ones the review exports draw
(``reviews.exports.docx``), given a small object that carries what they read from a review.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from core.text import fold, text_key
from reviews.exports.docx import (
    BODY_SIZE,
    FONT,
    MARGINS,
    _header_table,
    _para,
    _signature_table,
)
from reviews.models import Layout
from supervision.models import Recommendation, Supervision

FRONT = "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"


@dataclass
class _Heading:
    """What the shared header and signature tables read (a review's fields)."""

    issuer_name: str
    superior_name: str
    created_at: datetime
    place: str = ""
    number_symbol: str = "Số:      /BC-MTTQ-BTT"
    layout: str = Layout.STATE
    recipients: list[str] = field(default_factory=list)
    signer_title: str = "TM. BAN THƯỜNG TRỰC"
    signer_role: str = "PHÓ CHỦ TỊCH"
    signer_name: str = ""


def issuer_name(supervision: Supervision) -> str:
    """The Front's committee named in full ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM THÀNH PHỐ …")."""
    name = supervision.programme.organiser.name
    folded = fold(name)
    if "mat tran" in folded:
        tail = name.split("Tổ quốc", 1)[-1].replace("Việt Nam", "").strip()
        return f"{FRONT} {tail}".strip()
    return name


def heading(supervision: Supervision) -> _Heading:
    units = [u.name for u in supervision.supervised_units.all()]
    return _Heading(
        issuer_name=issuer_name(supervision),
        superior_name="",
        created_at=timezone.localtime(),
        recipients=[*units, "Lưu: VT"],
    )


def _recommendation_lines(rec: Recommendation, index: int) -> list[str]:
    lines = [
        f"{index}. Gửi {rec.unit.name} (hạn trả lời {rec.due_date.strftime('%d/%m/%Y')}): "
        + rec.text,
        f"Phát hiện: {rec.finding}",
    ]
    if rec.response:
        lines.append(f"Trả lời ({rec.get_response_kind_display()}): {rec.response}")
    lines.append(f"Tình trạng: {rec.get_status_display()}")
    return lines


def build_docx(supervision: Supervision) -> bytes:
    doc = new_document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    head = heading(supervision)
    _header_table(doc, head)  # type: ignore[arg-type]  # duck-typed: the fields it reads
    _para(doc, "", after=6)
    _para(doc, "BÁO CÁO", size=Pt(15), bold=True)
    _para(doc, f"Kết quả giám sát {supervision.subject}", size=Pt(14), bold=True)
    _para(doc, "-----", size=Pt(14), after=12)
    body: list[tuple[str, bool]] = [
        ("I. CĂN CỨ, NỘI DUNG VÀ HÌNH THỨC GIÁM SÁT", True),
        (supervision.legal_basis or "", False),
        (f"Hình thức: {supervision.get_form_display()}.", False),
        (
            f"Thời gian: từ {supervision.period_start.strftime('%d/%m/%Y')} "
            f"đến {supervision.period_end.strftime('%d/%m/%Y')}.",
            False,
        ),
        (
            "Đơn vị chịu sự giám sát: "
            + "; ".join(u.name for u in supervision.supervised_units.all())
            + ".",
            False,
        ),
        (
            "Thành viên đoàn giám sát: " + "; ".join(str(u) for u in supervision.team.all()) + ".",
            False,
        ),
        ("II. KẾT QUẢ GIÁM SÁT", True),
        (supervision.conclusion or "(Chưa có kết luận.)", False),
        ("III. KIẾN NGHỊ", True),
    ]
    recs = supervision.recommendations.select_related("unit").order_by("created_at")
    for index, rec in enumerate(recs, start=1):
        body += [(line, False) for line in _recommendation_lines(rec, index)]
    for text, bold in body:
        for line in (text or "").splitlines() or [""]:
            _para(
                doc,
                line,
                size=BODY_SIZE,
                bold=bold,
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                after=6,
                first_indent=Cm(1),
            )
    _signature_table(doc, head)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def export_docx(supervision: Supervision) -> bytes:
    return build_docx(supervision)


def filename(supervision: Supervision) -> str:
    slug = text_key(supervision.subject).replace(" ", "-")[:60] or "giam-sat"
    return f"bao-cao-giam-sat-{slug}.docx"
