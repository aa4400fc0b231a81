"""Part III of the report, lessons learnt (bài học kinh nghiệm).

Units seldom write a lessons section of their own; what they do write reads "Kinh nghiệm cho
thấy …", "Bài học …" or "cần …" inside their results and difficulties. Those sentences are
gathered (alike ones merged, naming the units); when there are none, the paragraph says so and
asks the drafter to complete it — a lesson is never invented.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.text import fold
from reporting.models import TaskReport
from reviews.drafting.base import Para
from reviews.drafting.grouping import grouped
from reviews.drafting.text import sentences

# Folded words that mark a sentence as a lesson.
LESSON_MARKERS = ("bai hoc", "kinh nghiem", "rut ra")


def _is_lesson(sentence: str) -> bool:
    folded = fold(sentence)
    return any(marker in folded for marker in LESSON_MARKERS)


def lesson_paragraphs(task_reports: list[TaskReport]) -> list[Para]:
    items = [
        (item, tr)
        for tr in task_reports
        for text in (tr.results, tr.difficulties, tr.proposals)
        for item in sentences(text)
        if _is_lesson(item)
    ]
    paras = grouped("lessons", items)
    if not paras:
        paras.append(
            Para(
                "lessons",
                _(
                    "Các báo cáo được tiếp nhận chưa nêu bài học kinh nghiệm; cơ quan tổng hợp "
                    "bổ sung khi hoàn thiện báo cáo."
                ),
            )
        )
    return paras
