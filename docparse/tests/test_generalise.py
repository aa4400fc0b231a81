"""Classes of failure seen on unseen documents (issue 17): header repair, flattened Word tables,
task tables, restarted letter lists, unique task paths."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docparse import parse_text

# ----------------------------------------------------------------------------- header


def test_issuer_over_three_header_lines() -> None:
    d = parse_text(
        "BAN CHỈ ĐẠO\nPHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ,\nĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ\n"
        "Số: 05-KH/BCĐ    Hà Nội, ngày 3 tháng 2 năm 2026\n\nKẾ HOẠCH\nTriển khai X\n\n"
        "I. MỤC ĐÍCH\n"
    )
    assert d.issuer == (
        "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ"
    )
    assert d.kind == "Kế hoạch" and d.date == "2026-02-03"


def test_two_level_header_keeps_the_lower_body() -> None:
    d = parse_text(
        "BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\nSố: 597/HC-QLHC\nV/v cấp giấy phép\n\nKính gửi: A\n"
    )
    assert d.issuer == "CỤC HÓA CHẤT"
    one_line = parse_text("UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG\nSố: 12/SCT-CN\nV/v kiểm tra\n\nA.\n")
    assert one_line.issuer == "SỞ CÔNG THƯƠNG"


def test_cong_dien_and_urgency_marks_are_not_the_issuer() -> None:
    d = parse_text(
        "THỦ TƯỚNG CHÍNH PHỦ\nHỎA TỐC\nSố: 12/CĐ-TTg     Hà Nội, ngày 3 tháng 2 năm 2026\n\n"
        "CÔNG ĐIỆN\nVề việc ứng phó bão\n\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n"
    )
    assert d.issuer == "THỦ TƯỚNG CHÍNH PHỦ"
    assert d.kind == "Công điện"
    assert d.title == "Về việc ứng phó bão"


def test_ocr_spaced_issuer_and_title() -> None:
    d = parse_text(
        "B Ộ T À I CHÍNH\nSố: 12/KH-BTC\n\nK Ế H O Ạ C H\nTriển khai chuyển đổi số\n\nI. MỤC ĐÍCH\n"
    )
    assert d.issuer == "BỘ TÀI CHÍNH"
    assert d.kind == "Kế hoạch" and d.title == "Triển khai chuyển đổi số"


# ----------------------------------------------------------------------------- tail

HEAD = "BỘ Y TẾ\nSố: 12/BYT-KH\nV/v kiểm tra\n\nNội dung.\n\n"


def test_flattened_word_table_recipients_with_and_without_leading_pipe() -> None:
    row = (
        "Nơi nhận: - Như trên; - Sở Y tế các tỉnh; - Lưu: VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG "
        "Nguyễn Văn An"
    )
    for line in (row, "| " + row, "| " + row + " |"):
        d = parse_text(HEAD + line + "\n")
        assert d.recipients == ["Như trên", "Sở Y tế các tỉnh", "Lưu: VT"], line
        assert d.signer.title == "KT. BỘ TRƯỞNG THỨ TRƯỞNG"
        assert d.signer.name == "Nguyễn Văn An"


SIGNED_HEAD = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/UBND-KT\nV/v kiểm tra\n\nNội dung./.\n\n"


@pytest.mark.parametrize(
    "tail",
    [
        "| Nơi nhận:<br>- Như trên;<br>- Sở Y tế;<br>- Lưu: VT. | KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH"
        "<br><br>Nguyễn Văn An |",
        "Nơi nhận:\n- Như trên;\n- Sở Y tế;\n- Lưu: VT. | KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
        "Nguyễn Văn An",
        "Nơi nhận: - Như trên; - Sở Y tế; - Lưu: VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An",
        "| Nơi nhận: | KT. CHỦ TỊCH |\n| - Như trên;<br>- Sở Y tế;<br>- Lưu: VT. | PHÓ CHỦ TỊCH"
        "<br>Nguyễn Văn An |",
        "Nơi nhận: | KT. CHỦ TỊCH\n- Như trên; | PHÓ CHỦ TỊCH\n- Sở Y tế;\n- Lưu: VT. | "
        "Nguyễn Văn An",
    ],
)
def test_flattened_signature_tables(tail: str) -> None:
    d = parse_text(SIGNED_HEAD + tail + "\n")
    assert d.recipients == ["Như trên", "Sở Y tế", "Lưu: VT"]
    assert (d.signer.title, d.signer.name) == ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Nguyễn Văn An")


# ----------------------------------------------------------------------------- tables

TABLE = """| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| I | NHÓM NHIỆM VỤ THỂ CHẾ | | | |
| 1 | Việc một | Sở Tài chính | Sở Xây dựng | 2026 |
| 2 | Việc hai | Sở Y tế Sở Nội vụ | VTV, VOV, TTXVN | 2026 |
| II | NHÓM HẠ TẦNG | Sở Khoa học và Công nghệ | | |
| 1 | Việc ba | Sở Công Thương | các bộ, ngành, địa phương | 2027 |
| 2 | Việc bốn có việc con | | | |
| a | Việc con một | Công an tỉnh | | |
| b | Việc con hai | Sở Tư pháp | | |
"""


def test_stt_restarting_under_group_rows_gives_unique_paths() -> None:
    tasks = {t.path: t for t in parse_text(TABLE).tasks}
    assert list(tasks) == ["T1.I.1", "T1.I.2", "T1.II", "T1.II.1", "T1.II.2.a", "T1.II.2.b"]
    assert tasks["T1.I.2"].lead == ["Sở Y tế", "Sở Nội vụ"]
    assert tasks["T1.I.2"].cooperating == ["VTV", "VOV", "TTXVN"]
    assert tasks["T1.II"].lead == ["Sở Khoa học và Công nghệ"]  # a group row naming a lead
    assert tasks["T1.II.1"].cooperating == ["các bộ, ngành, địa phương"]
    assert tasks["T1.II.1"].deadline == "2027"


def test_table_without_stt_column() -> None:
    text = (
        "| Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp |\n|---|---|---|\n"
        "| Xây dựng cơ sở dữ liệu | Sở Khoa học và Công nghệ | Sở Tài chính |\n"
        "| Bố trí kinh phí | Sở Tài chính | |\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.path, t.text, t.lead) for t in tasks] == [
        ("T1.r1", "Xây dựng cơ sở dữ liệu", ["Sở Khoa học và Công nghệ"]),
        ("T1.r2", "Bố trí kinh phí", ["Sở Tài chính"]),
    ]


# ----------------------------------------------------------------------------- body


def test_letter_list_restarting_after_a_dash_item_has_unique_task_paths() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Đối với các cấp\n- Cấp tỉnh:\na) Sở Tài chính bố trí kinh phí.\n"
        "b) Sở Y tế kiểm tra.\n- Cấp xã:\na) UBND các xã rà soát.\nb) UBND các phường báo cáo.\n"
    )
    d = parse_text(text)
    labels = [s.label for s in d.sections[0].children[0].children]
    assert labels == ["a", "b", "a", "b"]  # printed labels are kept
    assert [t.path for t in d.tasks] == ["II.1.a", "II.1.b", "II.1.a2", "II.1.b2"]
    assert d.tasks[2].lead == ["UBND các xã"]


def test_subject_after_an_adverbial_opener() -> None:
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, "
        "đơn vị báo cáo Bộ để xử lý.\n2. Sở Tài chính chủ trì.\n"
    )
    tasks = {t.path: t for t in parse_text(text).tasks}
    assert tasks["III.1"].lead == ["các cơ quan, đơn vị"]


# ----------------------------------------------------------------------------- unique paths


def _assert_unique_task_paths(text: str) -> None:
    paths = Counter(t.path for t in parse_text(text).tasks)
    assert not [p for p, n in paths.items() if n > 1], paths


def test_task_paths_are_unique_in_every_corpus_document(
    corpus_files: list[Path], seed_text: str
) -> None:
    for f in corpus_files:
        _assert_unique_task_paths(f.read_text(encoding="utf-8"))
    _assert_unique_task_paths(seed_text)


ROWS = st.sampled_from(
    [
        "| I | NHÓM | | |",
        "| II | NHÓM HAI | Sở Y tế | |",
        "| 1 | Việc | Sở Tài chính | Sở Xây dựng |",
        "| 2 | Việc | Sở Nội vụ | |",
        "| 1 | Việc lặp | Sở Tư pháp | |",
        "| a | Việc con | Công an tỉnh | |",
        "|  | Không số | Sở Công Thương | |",
        "| x | Lạ | Sở Y tế | |",
        "II. NHIỆM VỤ",
        "1. Sở Tài chính chủ trì.",
        "a) Sở Y tế thực hiện.",
        "- Cấp xã:",
        "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |",
        "",
    ]
)


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(ROWS, max_size=40))
def test_task_paths_are_unique_on_generated_documents(rows: list[str]) -> None:
    text = "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |\n" + "\n".join(rows)
    _assert_unique_task_paths(text)


def test_unclosed_quotation_ends_when_our_own_list_resumes() -> None:
    text = (
        "I. NỘI DUNG\n1. Khoáng sản\n1.1. Quy định hiện hành\nLuật quy định:\n"
        "“c) Khu vực khoáng sản đá vôi làm xi măng;\nNội dung này đề nghị Bộ hướng dẫn.\n"
        "1.2. Đánh giá\n1.2.1. Thực trạng\n1.2.2. Nguyên nhân\n2. Kiến nghị\n2.1. Với Bộ\n"
    )
    paths = [s.path for s in parse_text(text).iter_sections()]
    assert paths == ["I", "I.1", "I.1.1", "I.1.2", "I.1.2.1", "I.1.2.2", "I.2", "I.2.1"]


def test_two_row_table_header() -> None:
    text = (
        "II. NHIỆM VỤ\n| TT | Nội dung nhiệm vụ | Cơ quan thực hiện | | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n| | | Chủ trì | Phối hợp | |\n"
        "| 1 | Xây dựng cơ sở dữ liệu | Sở Khoa học và Công nghệ | Sở Tài chính | Quý II/2026 |\n"
        "| 2 | Bố trí kinh phí | Sở Tài chính | | 2026 |\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.path, t.text, t.lead, t.cooperating, t.deadline) for t in tasks] == [
        (
            "T1.1",
            "Xây dựng cơ sở dữ liệu",
            ["Sở Khoa học và Công nghệ"],
            ["Sở Tài chính"],
            "Quý II/2026",
        ),
        ("T1.2", "Bố trí kinh phí", ["Sở Tài chính"], [], "2026"),
    ]
