"""The prose of a drafted report, sentence by sentence, in Vietnamese and in English.

The Vietnamese texts are pinned exactly: moving them into templates and gettext must not change
a character of an official document. The English run checks that every fragment is translated.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import translation

from documents.models import Document, DocumentKind
from plans import actions as plan_actions
from plans.models import Plan, Task
from reporting.models import PeriodKind
from reviews import actions
from reviews.drafting import Draft, Period, draft
from reviews.drafting.difficulties import difficulty_paragraphs
from reviews.drafting.directions import direction_paragraphs
from reviews.drafting.gather import gather
from reviews.drafting.header import title_for
from reviews.drafting.indicators import indicator_paragraphs
from reviews.drafting.proposals import proposal_paragraphs
from reviews.drafting.text import fmt_date, fmt_number, lower_first, names
from reviews.tests.factories import known_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(demo: Any) -> dict[str, Any]:
    data = known_round(demo)
    data["period"] = Period.of_round(data["round"])
    data["draft"] = draft(demo.seed_plan, data["period"])
    return data


def _texts(result: Draft) -> list[str]:
    return [p.text for p in result.paragraphs]


def _one(result: Draft, start: str) -> str:
    found = [t for t in _texts(result) if t.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def test_header_of_a_party_report(known: dict[str, Any], demo: Any) -> None:
    header = known["draft"].header
    assert {k: header[k] for k in ("layout", "issuer_name", "superior_name", "place")} == {
        "layout": "party",
        "issuer_name": "Thành ủy Đà Lạt",
        "superior_name": "Đảng bộ tỉnh Lâm Đồng",
        "place": "Đà Lạt",
    }
    assert header["number_symbol"] == "Số      -BC/TU"
    assert (header["signer_title"], header["signer_role"]) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    plan_title = lower_first(str(demo.seed_plan.title))
    assert header["title"] == f"Sơ kết giai đoạn 2030 - 2030 thực hiện {plan_title}"


def test_header_of_a_state_report(demo: Any) -> None:
    plan = plan_actions.create_plan(
        demo.user("monitor"), title="Kế hoạch thử của UBND thành phố", owner=demo.unit("UBND-DL")
    )
    period = Period("Năm 2030", datetime.date(2030, 1, 1), datetime.date(2030, 12, 31))
    header = draft(plan, period).header
    assert header["number_symbol"] == "Số:      /BC-UBND"
    assert (header["signer_title"], header["signer_role"]) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert header["recipients"] == ["Như trên", "Lưu: VT"]
    assert header["title"] == "Kết quả thực hiện kế hoạch thử của UBND thành phố (năm 2030)"


def test_title_names_the_document_and_the_kind_of_review() -> None:
    document = Document(kind=DocumentKind.PLAN, number_symbol="101-KH/TU")
    plan = Plan(title="Kế hoạch X", document=document)
    day = datetime.date
    final = Period("Tổng kết", day(2020, 1, 1), day(2025, 12, 31), kind=PeriodKind.FINAL_REVIEW)
    assert title_for(plan, final) == "Tổng kết thực hiện kế hoạch số 101-KH/TU"
    interim = Period("Sơ kết", day(2020, 1, 1), day(2022, 12, 31), kind=PeriodKind.INTERIM_REVIEW)
    expected = "Sơ kết giai đoạn 2020 - 2022 thực hiện kế hoạch số 101-KH/TU"
    assert title_for(plan, interim) == expected
    with translation.override("en"):
        assert title_for(plan, final) == "Final review of the implementation of plan No. 101-KH/TU"


def test_part_one_sentences(known: dict[str, Any], demo: Any) -> None:
    result = known["draft"]
    plan_title = lower_first(str(demo.seed_plan.title))
    assert _texts(result)[0] == (
        f"Thực hiện {plan_title}, Thành ủy Đà Lạt báo cáo sơ kết giai đoạn 2030 - 2030 "
        "(từ ngày 01/01/2030 đến ngày 30/06/2030) như sau:"
    )
    rows = result.annexes["completeness"]
    missing = [r["unit"] for r in rows if not r["submitted_on"]]
    assert _one(result, "Trong kỳ") == (
        f"Trong kỳ sơ kết thử nghiệm 2030, 3/{len(rows)} đơn vị đã nộp báo cáo đúng hạn; 1 đơn "
        f"vị nộp muộn; {len(missing)} đơn vị chưa nộp báo cáo. Cơ quan theo dõi đã tiếp nhận "
        f"và tổng hợp 3 báo cáo. Các đơn vị chưa nộp: {', '.join(missing)}."
    )
    tasks = result.annexes["tasks"]
    assert _one(result, "Kế hoạch có") == (
        f"Kế hoạch có {len(tasks)} nhiệm vụ, trong đó 2 nhiệm vụ có báo cáo kết quả được tiếp "
        "nhận trong kỳ. Tình hình thực hiện: 2 nhiệm vụ chưa triển khai; 18 nhiệm vụ đang thực "
        "hiện; 1 nhiệm vụ hoàn thành."
    )
    task = demo.task("II.3.a")
    assert _one(result, "Nhiệm vụ II.3.a ") == (
        f"Nhiệm vụ II.3.a ({lower_first(task.title)}): Phòng Kinh tế thành phố Đà Lạt: Chuyển "
        "giao 5 quy trình sản xuất rau an toàn cho hợp tác xã Xuân Hương. Tiến độ chung đạt "
        "khoảng 100%."
    )
    task = demo.task("II.2.a")
    assert _one(result, "Nhiệm vụ II.2.a ") == (
        f"Nhiệm vụ II.2.a ({lower_first(task.title)}): chưa có báo cáo kết quả được tiếp nhận."
    )
    # A stock at 30/06/2030 is compared with the level set for the end of 2030, and says
    # whose figure it is.
    assert _one(result, "Trường Đại học Đà Lạt — Nhà khoa học có trình độ tiến sĩ") == (
        "Trường Đại học Đà Lạt — Nhà khoa học có trình độ tiến sĩ (tại ngày 30/06/2030): chưa "
        "có số liệu trong kỳ; mục tiêu năm 2030: 130 người."
    )


def test_indicator_sentence_with_figure_target_and_rate() -> None:
    row = {
        "code": "DT",
        "name": "Diện tích ứng dụng công nghệ cao",
        "measure_unit": "ha",
        "value_type": "decimal",
        "basis": "stock",
        "unit": "Ủy ban nhân dân thành phố Đà Lạt",
        "level": "area",
        "target_label": "năm 2025",
        "target": "13500",
        "value": "14033.10",
        "percent": 103.9,
    }
    ward = {**row, "unit": "Đảng bộ Phường 1", "level": "local", "target": None}
    ward["percent"] = None
    texts = [p.text for p in indicator_paragraphs([row, ward], {"DT": {1}})]
    assert texts[0] == (
        "Ủy ban nhân dân thành phố Đà Lạt — Diện tích ứng dụng công nghệ cao: đạt 14.033,1 ha; "
        "mục tiêu năm 2025: 13.500 ha, bằng 103,9% mục tiêu."
    )
    # One ward's figure never reads as the city's: it comes under its own lead-in, named.
    assert "số liệu riêng của từng đơn vị" in texts[1]
    assert texts[2].startswith("Đảng bộ Phường 1 — Diện tích")


def test_parts_two_to_four_sentences(known: dict[str, Any]) -> None:
    result = known["draft"]
    rows = result.annexes["completeness"]
    late = [r["unit"] for r in rows if not r["on_time"]]
    assert _one(result, "Công tác báo cáo chưa kịp thời") == (
        f"Công tác báo cáo chưa kịp thời: {len(late)}/{len(rows)} đơn vị nộp báo cáo muộn hoặc "
        f"chưa nộp ({names(late)})."
    )
    assert _one(result, "Thiếu cán bộ kỹ thuật") == (
        "Thiếu cán bộ kỹ thuật ở cơ sở (nêu tại báo cáo của: Phòng Kinh tế thành phố Đà Lạt)."
    )
    assert _one(result, "Về tuyên truyền") == (
        "Về tuyên truyền, quán triệt Nghị quyết 20-NQ/TW, Kết luận 50-KL/TW: tiếp tục triển "
        "khai, phấn đấu hoàn thành các nhiệm vụ II.1 (đạt 80%, Ban Tuyên giáo Thành ủy Đà Lạt "
        "chủ trì)."
    )
    assert _one(result, "Duy trì") == (
        "Duy trì, nhân rộng kết quả của 1 nhiệm vụ đã hoàn thành; rà soát, điều chỉnh lộ trình "
        "sau ngày 30/06/2030 cho phù hợp tình hình mới."
    )
    issues = _one(result, "Tập trung tháo gỡ các vướng mắc còn tồn đọng: ")
    assert issues.endswith(" xử lý).")


def test_fallback_sentences_when_nothing_was_reported() -> None:
    texts = [p.text for p in difficulty_paragraphs([], [])]
    assert texts == [
        "1. Hạn chế, khó khăn",
        "Các đơn vị không nêu khó khăn, vướng mắc trong kỳ.",
        "2. Nguyên nhân",
        "Các báo cáo được tiếp nhận chưa phân tích nguyên nhân của hạn chế, khó khăn; cần bổ "
        "sung khi hoàn thiện báo cáo.",
    ]
    assert [p.text for p in proposal_paragraphs([])] == [
        "Các đơn vị không có đề xuất, kiến nghị trong kỳ."
    ]


def test_direction_for_tasks_outside_any_section(demo: Any) -> None:
    period = Period("Năm 2030", datetime.date(2030, 1, 1), datetime.date(2030, 12, 31))
    sources = gather(demo.seed_plan, period)
    sources.tasks = [Task(code="", title="Nhiệm vụ phát sinh", section=None)]
    row = {"status_code": "in_progress", "progress": 20, "leads": ""}
    assert direction_paragraphs(sources, [row])[0].text == (
        "Các nhiệm vụ khác: tiếp tục triển khai, phấn đấu hoàn thành các nhiệm vụ Nhiệm vụ phát "
        "sinh (đạt 20%)."
    )


def test_helpers_format_through_django_formats() -> None:
    assert fmt_date(datetime.date(2030, 7, 5)) == "05/07/2030"
    assert fmt_date(None) == ""
    assert fmt_number("99.999") == "100"
    assert fmt_number(-1234.5) == "-1.234,5"
    assert fmt_number(None) == "—"
    many = [f"Đơn vị {i}" for i in range(1, 11)]
    assert names(many) == ", ".join(many[:8]) + " và 2 đơn vị khác"
    with translation.override("en"):
        assert names(many) == ", ".join(many[:8]) + " and 2 more"
        assert fmt_date(datetime.date(2030, 7, 5)) == "05/07/2030"


# Vietnamese words of the generated prose that never occur in the units' own data here.
VIETNAMESE_PROSE = (
    "Thực hiện",
    "KẾT QUẢ",
    "đơn vị đã nộp",
    "Kế hoạch có",
    "chưa có báo cáo kết quả",
    "Tiến độ chung",
    "mục tiêu",
    "nêu tại báo cáo",
    "đơn vị nêu",
    "tiếp tục triển khai",
    "Duy trì",
    "Tập trung tháo gỡ",
    "ĐỀ XUẤT",
)


def test_compiled_with_english_active_the_prose_is_english(demo: Any) -> None:
    data = known_round(demo)
    with translation.override("en"):
        review = actions.compile_review(
            demo.user("monitor"), demo.seed_plan, Period.of_round(data["round"])
        )
    texts = [p.text for p in review.paragraphs.order_by("order")]
    assert texts[0].startswith("Pursuant to ")
    assert texts[0].endswith(
        "Thành ủy Đà Lạt reports on the interim review of the period 2030 - 2030 (from "
        "01/01/2030 to 30/06/2030) as follows:"
    )
    headings = [p.text for p in review.paragraphs.filter(kind="heading").order_by("order")]
    assert headings == [
        "I. RESULTS",
        "II. LIMITATIONS, DIFFICULTIES AND CAUSES",
        "III. LESSONS LEARNT",
        "IV. DIRECTIONS, TASKS, PROPOSALS AND RECOMMENDATIONS",
    ]
    body = "\n".join(texts)
    assert "Reports accepted and compiled by the monitoring office: 3." in body
    assert "Overall progress is about 80%." in body
    assert "(raised by 2 units: Ban Tuyên giáo Thành ủy Đà Lạt," in body
    assert "no accepted report on its results yet." in body
    assert "Focus on resolving the outstanding obstacles: " in body
    for fragment in VIETNAMESE_PROSE:
        assert fragment not in body, fragment
    assert review.title.startswith("Interim review 2030 - 2030 of the implementation of ")
    assert (review.signer_title, review.number_symbol) == (
        "ON BEHALF OF THE STANDING COMMITTEE",
        "No.      -BC/TU",
    )
    statuses = {r["status"] for r in review.annexes["completeness"]}
    assert "No report yet" in statuses
