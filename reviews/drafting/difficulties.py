"""Part II of the report, limits and causes (hạn chế, khó khăn và nguyên nhân).

Each sentence the units wrote under difficulties is filed as a cause when it reads like one
("Do …", "Vì …", "Nguyên nhân …"), else as a limit; alike sentences from several units become
one paragraph naming them. Late or missing reports are a limit of their own.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.text import fold
from reporting.models import TaskReport
from reviews.drafting.base import Para
from reviews.drafting.grouping import grouped
from reviews.drafting.text import names, sentences
from reviews.models import ParagraphKind

# Folded openings of a sentence that gives a cause.
CAUSE_PREFIXES = ("do ", "vi ", "nguyen nhan", "bởi", "boi ")


def _is_cause(sentence: str) -> bool:
    folded = fold(sentence)
    return folded.startswith(CAUSE_PREFIXES) or "nguyen nhan" in folded


def difficulty_paragraphs(
    task_reports: list[TaskReport], completeness: list[dict[str, Any]]
) -> list[Para]:
    limits: list[tuple[str, TaskReport]] = []
    causes: list[tuple[str, TaskReport]] = []
    for tr in task_reports:
        for item in sentences(tr.difficulties):
            (causes if _is_cause(item) else limits).append((item, tr))
    paras = [Para("difficulties", "1. " + _("Hạn chế, khó khăn"), ParagraphKind.SUBHEADING)]
    late = [r["unit"] for r in completeness if not r["on_time"]]
    if late:
        text = _(
            "Công tác báo cáo chưa kịp thời: %(late)s/%(total)s đơn vị nộp báo cáo muộn hoặc "
            "chưa nộp (%(units)s)."
        ) % {"late": len(late), "total": len(completeness), "units": names(late)}
        paras.append(Para("difficulties", text))
    paras.extend(grouped("difficulties", limits))
    if not limits and not late:
        paras.append(Para("difficulties", _("Các đơn vị không nêu khó khăn, vướng mắc trong kỳ.")))
    paras.append(Para("difficulties", "2. " + _("Nguyên nhân"), ParagraphKind.SUBHEADING))
    paras.extend(grouped("difficulties", causes))
    if not causes:
        text = _(
            "Các báo cáo được tiếp nhận chưa phân tích nguyên nhân của hạn chế, khó khăn; "
            "cần bổ sung khi hoàn thiện báo cáo."
        )
        paras.append(Para("difficulties", text))
    return paras
