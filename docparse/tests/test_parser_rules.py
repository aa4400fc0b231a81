"""Small synthetic documents exercising individual parser rules."""

from __future__ import annotations

from docparse import parse_text
from docparse.parser import heading_of

STATE_HEADER = """ỦY BAN NHÂN DÂN                             CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
     TỈNH LÀO CAI                                         Độc lập - Tự do - Hạnh phúc

     Số: 5973 /UBND-KT                                Lào Cai, ngày 11 tháng 6 năm 2026
V/v tăng cường công tác quản
 lý khoáng sản

                       Kính gửi: Các sở, ban, ngành.

Thực hiện Văn bản số 4250/BNNMT-ĐCKS ngày 29/4/2026 của Bộ Nông nghiệp và Môi trường.
1. Sở Công Thương
- Chủ trì, phối hợp với Công an tỉnh kiểm tra.
Nơi nhận:                                               KT. CHỦ TỊCH
- Như trên;                                              PHÓ CHỦ TỊCH
- Lưu: VT, KT.

                                                      Nguyễn Văn A
"""


def test_state_header_layout() -> None:
    d = parse_text(STATE_HEADER)
    assert d.kind == "Công văn"
    assert d.number_symbol == "5973/UBND-KT"
    assert d.issuer == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
    assert d.place == "Lào Cai"
    assert d.date == "2026-06-11"
    assert d.title == "tăng cường công tác quản lý khoáng sản"
    assert [r.number_symbol for r in d.references] == ["4250/BNNMT-ĐCKS"]
    assert d.references[0].date == "2026-04-29"
    assert d.recipients == ["Như trên", "Lưu: VT, KT"]
    assert d.signer.title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert d.signer.name == "Nguyễn Văn A"


def test_two_level_state_issuer_and_blank_number() -> None:
    text = (
        "UBND TỈNH LÀO CAI |  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ CÔNG THƯƠNG |  | Độc lập - Tự do - Hạnh phúc\n"
        "Số:           /KH-SCT |  |    Lào Cai,  ngày       tháng 5 năm 2026\n"
        "KẾ HOẠCH\nKiểm tra an toàn\n\nI. MỤC ĐÍCH\n1. Mục đích\n"
    )
    d = parse_text(text)
    assert d.issuer == "SỞ CÔNG THƯƠNG"
    assert d.number_symbol == "/KH-SCT"
    assert d.date is None
    assert d.kind == "Kế hoạch"
    assert d.title == "Kiểm tra an toàn"


def test_party_header_and_markdown() -> None:
    text = (
        "## ĐẢNG CỘNG SẢN VIỆT NAM\n\n**BAN CHẤP HÀNH TRUNG ƯƠNG**\n**ĐẢNG ĐOÀN QUỐC HỘI**\n\n"
        "Số 3260-KH/ĐĐQH15\n\nHà Nội, ngày 10 tháng 01 năm 2025\n\n**KẾ HOẠCH**\n\n**thực hiện"
        " Nghị quyết số 57-NQ/TW**\n\n"
        "**I. MỤC ĐÍCH, YÊU CẦU**\n\n**1. Mục đích**\n\n*   Quán triệt.\n"
    )
    d = parse_text(text)
    assert d.issuer == "ĐẢNG ĐOÀN QUỐC HỘI"
    assert d.number_symbol == "3260-KH/ĐĐQH15"
    assert d.date == "2025-01-10"
    assert d.sections[0].heading == "MỤC ĐÍCH, YÊU CẦU"
    assert d.sections[0].children[0].heading == "Mục đích"


def test_quyet_dinh_ban_hanh_ke_hoach_is_quyet_dinh() -> None:
    d = parse_text(
        "QUYẾT ĐỊNH\n\nBAN HÀNH KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 14-CT/TW\n\nĐiều 1. Ban hành.\n"
    )
    assert d.kind == "Quyết định"
    assert d.sections[0].label == "Điều 1"


def test_number_symbol_normalisation() -> None:
    assert (
        parse_text("| Số: 3210/QĐ - UBND | Hà Nội, ngày 1 tháng 2 năm 2014 |").number_symbol
        == "3210/QĐ-UBND"
    )
    assert (
        parse_text("Số: II /2026/QĐ-UBND Lào Cai, ngày 29 tháng 01 năm 2026").number_symbol
        == "11/2026/QĐ-UBND"
    )


def test_heading_rule() -> None:
    assert heading_of("Bộ Kế hoạch và Đầu tư:") == "Bộ Kế hoạch và Đầu tư"
    assert (
        heading_of("Mức chi 2.220.000 đồng/người/lần, bao gồm: a")
        == "Mức chi 2.220.000 đồng/người/lần, bao gồm"
    )
    assert (
        heading_of("Ông. Hoàng Văn A - Trưởng đoàn: Phụ trách chung")
        == "Ông. Hoàng Văn A - Trưởng đoàn"
    )
    assert len(heading_of("x " * 300)) <= 200


def test_sequence_validation_rejects_stray_numbers() -> None:
    d = parse_text("1. Mục một\nnăm\n2026. Không phải mục\n2. Mục hai\n")
    assert [s.label for s in d.sections] == ["1", "2"]


def test_quoted_law_is_not_structure() -> None:
    d = parse_text(
        'Khoản 1 Điều 4 Luật quy định:\n"1. Nhà nước quản lý.\n2. Bảo đảm.\n3. Khác."\n1. Nội'
        " dung thật\n"
    )
    assert [s.heading for s in d.sections] == ["Nội dung thật"]


def test_table_tasks() -> None:
    text = (
        "KẾ HOẠCH\nThử\n\n"
        "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian"
        " |\n|---|---|---|---|---|\n"
        "| 1 | Rà soát quy hoạch | Sở Xây dựng | Sở Tài chính, UBND các xã, phường | Quý II/2026"
        " |\n"
        "| 2 | Báo cáo | Sở Công Thương | Các sở, ban, ngành | Hằng năm |\n"
        "| 3 | Tổng kết | Văn phòng UBND tỉnh | | trước ngày 15/12/2025 |\n"
    )
    tasks = {t.path: t for t in parse_text(text).tasks}
    assert tasks["T1.1"].lead == ["Sở Xây dựng"]
    assert tasks["T1.1"].cooperating == ["Sở Tài chính", "UBND các xã, phường"]
    assert tasks["T1.1"].deadline == "Quý II/2026"
    assert tasks["T1.2"].cooperating == ["Các sở, ban, ngành"]
    assert tasks["T1.2"].frequency == "yearly"
    assert tasks["T1.3"].deadline == "2025-12-15"


def test_tcth_subject_and_inheritance() -> None:
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Bộ Kế hoạch và Đầu tư:\n"
        "a) Chủ trì, phối hợp với Bộ Tài chính, Bộ Văn hóa, Thể thao và Du lịch rà soát.\n"
        "b) Hằng quý báo cáo Thủ tướng.\n"
        "2. Đề nghị Ủy ban MTTQ và các đoàn thể tuyên truyền thường xuyên.\n"
    )
    tasks = {t.path: t for t in parse_text(text).tasks}
    assert tasks["III.1.a"].lead == ["Bộ Kế hoạch và Đầu tư"]
    assert tasks["III.1.a"].cooperating == ["Bộ Tài chính", "Bộ Văn hóa, Thể thao và Du lịch"]
    assert tasks["III.1.b"].lead == ["Bộ Kế hoạch và Đầu tư"]
    assert tasks["III.1.b"].frequency == "quarterly"
    assert tasks["III.2"].lead == ["Ủy ban MTTQ", "các đoàn thể"]
    assert tasks["III.2"].frequency == "continuous"


def test_own_number_excluded_and_dedup() -> None:
    text = (
        "Số: 12/KH-UBND\nKẾ HOẠCH\nThử\n\n"
        "Thực hiện Nghị quyết 20-NQ/TW và Nghị quyết số 20-NQ/TW; Kế hoạch 12/KH-UBND.\n"
    )
    d = parse_text(text)
    assert [r.number_symbol for r in d.references] == ["20-NQ/TW"]


def test_empty_and_whitespace() -> None:
    assert parse_text("").to_dict()["sections"] == []
    assert parse_text("   \n\n ").kind is None


def test_capital_letter_parts() -> None:
    text = (
        "A. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nB. NỘI DUNG, NHIỆM VỤ\n"
        "I. CÔNG TÁC QUÁN TRIỆT\n1. Nội dung\n"
    )
    d = parse_text(text)
    assert [s.label for s in d.sections] == ["A", "B"]
    assert d.sections[1].children[0].label == "I"
    assert parse_text("A. Nguyễn Văn B đã ký\n").sections == []


def test_unclosed_quote_does_not_swallow_structure() -> None:
    text = (
        "I. MỞ ĐẦU\n1. Một\n2. Hai quy định:\n“c) Khu vực khoáng sản (trích, thiếu dấu đóng)\n"
        "3. Ba\nII. TIẾP THEO\n1. Một\n"
    )
    d = parse_text(text)
    assert [s.label for s in d.sections] == ["I", "II"]
    assert [c.label for c in d.sections[0].children] == ["1", "2", "3"]
