from __future__ import annotations

from typing import Any

import pytest

from audit.models import AuditEntry
from core.errors import ActionError, EditConflict, NotAllowed
from reviews import actions
from reviews.drafting import Period
from reviews.drafting.grouping import group_similar
from reviews.drafting.text import fmt_number, quote
from reviews.models import ParagraphKind, Review, ReviewStatus
from reviews.tests.factories import known_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def compiled(demo: Any) -> dict[str, Any]:
    data = known_round(demo)
    data["review"] = actions.compile_review(
        demo.user("monitor"), demo.seed_plan, Period.of_round(data["round"])
    )
    return data


def _texts(review: Review) -> list[str]:
    return [p.text for p in review.paragraphs.order_by("order")]


def test_compile_uses_only_accepted_reports(compiled: dict[str, Any]) -> None:
    review = compiled["review"]
    body = "\n".join(_texts(review))
    assert "Tổ chức 12 hội nghị quán triệt cho 1.500 lượt cán bộ, đảng viên" in body
    assert "Ban Tuyên giáo Thành ủy Đà Lạt: Tổ chức 12 hội nghị" in body
    assert "Phòng Kinh tế" in body and "Chuyển giao 5 quy trình" in body
    assert "BẢN NHÁP" not in body and "BỊ TRẢ LẠI" not in body
    # Counts: five units have a report record; BTG and PKT were on time, MTTQ late, HND's
    # returned report was submitted on time but is not accepted.
    summary = next(t for t in _texts(review) if "đơn vị đã nộp báo cáo đúng hạn" in t)
    total = len(review.annexes["completeness"])
    assert f"3/{total} đơn vị đã nộp báo cáo đúng hạn" in summary
    assert "tổng hợp 3 báo cáo" in summary
    assert review.status == ReviewStatus.DRAFT and review.layout == "party"
    assert review.title.startswith("Sơ kết giai đoạn 2030 - 2030")
    assert AuditEntry.objects.filter(action="review.compile", target_id=str(review.pk)).exists()
    assert review.versions.count() == 1


def test_sections_and_parts_in_order(compiled: dict[str, Any]) -> None:
    review = compiled["review"]
    headings = [p.text for p in review.paragraphs.filter(kind=ParagraphKind.HEADING)]
    # The structure of a sơ kết/tổng kết report: I results, II limits and causes, III lessons,
    # IV directions and proposals.
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    subs = [p.text for p in review.paragraphs.filter(kind=ParagraphKind.SUBHEADING)]
    # Plan sections are numbered inside part I and name the plan's own label: a heading
    # "II.1. …" under "I. KẾT QUẢ" read as the report's part II.
    assert not any(s.startswith(("II.", "III.")) for s in subs)
    assert any(s.startswith("2.1. Tuyên truyền") and "(mục II.1 của kế hoạch)" in s for s in subs)
    assert any("(mục II.3 của kế hoạch)" in s for s in subs)
    assert any("(mục III.1 của kế hoạch)" in s for s in subs)


def test_difficulties_grouped_and_proposals_deduplicated(compiled: dict[str, Any]) -> None:
    review = compiled["review"]
    difficulties = [p for p in review.paragraphs.filter(part="difficulties", kind="text")]
    funding = [p for p in difficulties if "inh phí" in p.text and "tuyên truyền" in p.text]
    assert len(funding) == 1  # BTG's and MTTQ's near-identical sentences are one paragraph
    assert "2 đơn vị nêu" in funding[0].text
    assert {r.unit.code for r in funding[0].source_reports.all()} == {"BTG-TU-DL", "MTTQ-DL"}
    causes = [p.text for p in difficulties if p.text.startswith("Do nguồn ngân sách")]
    assert causes, "a sentence starting with 'Do …' is filed under causes"
    texts = _texts(review)
    cause_heading = texts.index("2. Nguyên nhân")
    assert texts.index(next(t for t in texts if t.startswith("Do nguồn ngân sách"))) > cause_heading
    proposals = [p.text for p in review.paragraphs.filter(part="proposals", kind="text")]
    assert sum("bổ sung kinh phí tuyên truyền" in t for t in proposals) == 1
    assert any("VietGAP" in t for t in proposals)


def test_every_content_paragraph_links_to_its_sources(compiled: dict[str, Any]) -> None:
    review, trs = compiled["review"], compiled["task_reports"]
    para = review.paragraphs.get(text__startswith="Nhiệm vụ II.1 ")
    assert set(para.source_task_reports.all()) == {trs["btg"], trs["mttq"]}
    assert {r.pk for r in para.source_reports.all()} == {
        compiled["reports"]["btg"].pk,
        compiled["reports"]["mttq"].pk,
    }
    draft_report = compiled["reports"]["draft"]
    assert not review.paragraphs.filter(source_reports=draft_report).exists()
    assert not review.paragraphs.filter(source_reports=compiled["reports"]["returned"]).exists()


def test_annexes(compiled: dict[str, Any]) -> None:
    annexes = compiled["review"].annexes
    rows = {r["unit"]: r for r in annexes["completeness"]}
    assert rows["Ban Tuyên giáo Thành ủy Đà Lạt"]["on_time"] is True
    assert rows["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Lạt"]["on_time"] is False
    tasks = {r["code"]: r for r in annexes["tasks"]}
    assert tasks["II.3.a"]["status_code"] == "completed" and tasks["II.3.a"]["progress"] == 100
    assert tasks["II.1"]["reports"] == 2 and tasks["II.1"]["progress"] == 80


def test_edit_versions_and_conflict(compiled: dict[str, Any], demo: Any) -> None:
    review = compiled["review"]
    monitor = demo.user("monitor")
    para = review.paragraphs.filter(kind="text").first()
    actions.update_paragraph(monitor, para, "Đoạn đã sửa.", expected_version=review.version)
    para.refresh_from_db()
    assert para.text == "Đoạn đã sửa." and para.is_edited
    assert review.versions.count() == 2
    latest = review.versions.order_by("-number").first()
    assert latest.texts()[str(para.pk)] == "Đoạn đã sửa."
    with pytest.raises(EditConflict):  # based on the stale version
        actions.update_paragraph(monitor, para, "Ghi đè", expected_version=review.version)
    para.refresh_from_db()
    assert para.text == "Đoạn đã sửa."
    with pytest.raises(ActionError):
        actions.update_paragraph(monitor, para, "   ", expected_version=review.version + 1)


def test_approve_gate_and_permissions(compiled: dict[str, Any], demo: Any) -> None:
    from reviews.exports import export

    review = compiled["review"]
    with pytest.raises(ActionError, match="chưa được duyệt"):
        export(review, "docx", final=True)
    # Approval is a leader's capability: neither a reporter nor the monitoring officer who
    # compiled the draft approves it.
    for persona in ("reporter", "monitor"):
        with pytest.raises(ActionError, match="lãnh đạo"):
            actions.approve_review(demo.user(persona), review, expected_version=review.version)
    leader = demo.user("lanhdao")
    actions.approve_review(leader, review, expected_version=review.version)
    review.refresh_from_db()
    assert review.is_approved and review.approved_by == leader
    assert review.signer_name == "Đặng Quang Vinh"
    assert export(review, "docx", final=True)[:2] == b"PK"
    para = review.paragraphs.filter(kind="text").first()
    with pytest.raises(ActionError, match="đã được duyệt"):
        actions.update_paragraph(demo.user("monitor"), para, "x", expected_version=review.version)


def test_compile_refused_for_a_unit_that_does_not_own_the_plan(demo: Any) -> None:
    data = known_round(demo)
    with pytest.raises(NotAllowed):
        actions.compile_review(
            demo.user("reporter"), demo.seed_plan, Period.of_round(data["round"])
        )
    assert not Review.objects.filter(round=data["round"]).exists()


def test_helpers() -> None:
    assert fmt_number("1234.50") == "1.234,5"
    assert fmt_number(12) == "12"
    assert quote("Một. Hai.") == "Một; Hai"
    groups = group_similar(
        [("Thiếu kinh phí", 1), ("thieu kinh phi", 2), ("Thiếu nhân lực kỹ thuật", 3)]
    )
    assert [g[1] for g in groups] == [[1, 2], [3]]


def test_same_person_compiles_and_approves_only_with_both_roles(demo: Any) -> None:
    from accounts.models import Membership
    from core.permissions import Role
    from core.scoping import forget_scope

    data = known_round(demo)
    leader = demo.user("lanhdao")
    # A leader compiles (a leader may) but may not approve the draft they compiled...
    review = actions.compile_review(leader, demo.seed_plan, Period.of_round(data["round"]))
    with pytest.raises(ActionError, match="không tự duyệt"):
        actions.approve_review(leader, review, expected_version=review.version)
    assert not review.can_approve(leader)
    # ...unless holding a compiling role explicitly as well (here: the monitoring role).
    Membership.objects.create(user=leader, unit=demo.unit("BTG-TU-DL"), role=Role.MONITOR)
    forget_scope(leader)
    assert review.can_approve(leader)
    actions.approve_review(leader, review, expected_version=review.version)
    review.refresh_from_db()
    assert review.is_approved
