"""The draft in order: introduction, then the four parts under their Roman-numbered headings.

The structure of a Vietnamese sơ kết/tổng kết report: I. results (leadership and reporting,
each plan section's tasks, indicators), II. limits and causes, III. lessons learnt, IV.
directions and proposals; then the annex tables.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import Plan
from reporting.models import PeriodKind
from reviews.drafting import difficulties, directions, indicators, lessons, proposals, results
from reviews.drafting.base import Draft, Para, Period
from reviews.drafting.gather import gather
from reviews.drafting.header import header_for, plan_reference
from reviews.drafting.text import fmt_date, lower_first, render
from reviews.models import ParagraphKind

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
# Which opening sentence the introduction takes: a sơ kết, a tổng kết, or a periodic report.
INTRO_KINDS: dict[str, str] = {
    PeriodKind.INTERIM_REVIEW: "interim",
    PeriodKind.FINAL_REVIEW: "final",
}


def _intro(plan: Plan, period: Period, issuer_name: str) -> Para:
    # The period is named by its dates, not by its label: a label such as "Sơ kết 5 năm …"
    # inside "… báo cáo sơ kết …" made the opening sentence say the same thing twice.
    text = render(
        "intro.txt",
        kind=INTRO_KINDS.get(period.kind, ""),
        plan=plan_reference(plan),
        issuer=issuer_name,
        period=lower_first(period.label),
        start=fmt_date(period.start),
        end=fmt_date(period.end),
        start_year=period.start.year,
        end_year=period.end.year,
    )
    return Para("intro", text)


def draft(plan: Plan, period: Period) -> Draft:
    """Draft the compiled report of ``plan`` for ``period`` from its accepted unit reports."""
    header = header_for(plan, period)
    sources = gather(plan, period)
    completeness = results.completeness_rows(sources)
    task_rows = results.task_rows(sources)
    indicator_rows, indicator_sources = indicators.indicator_rows(sources)
    number = iter(ROMAN)

    def heading(part: str, title: str) -> Para:
        return Para(part, f"{next(number)}. {title}", ParagraphKind.HEADING)

    def subheading(part: str, title: str) -> Para:
        return Para(part, title, ParagraphKind.SUBHEADING)

    paras = [
        _intro(plan, period, header["issuer_name"]),
        heading("results", _("KẾT QUẢ THỰC HIỆN")),
        subheading("results", "1. " + _("Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện")),
        results.completeness_paragraph(completeness, sources.accepted, period),
        results.status_paragraph(task_rows, sources.task_reports),
        subheading("results", "2. " + _("Kết quả thực hiện các nhiệm vụ")),
        *results.result_paragraphs(sources),
    ]
    if indicator_rows:
        paras.append(subheading("results", "3. " + _("Kết quả thực hiện các chỉ tiêu")))
        paras.extend(indicators.indicator_paragraphs(indicator_rows, indicator_sources, period))
    paras.append(heading("difficulties", _("HẠN CHẾ, KHÓ KHĂN VÀ NGUYÊN NHÂN")))
    paras.extend(difficulties.difficulty_paragraphs(sources.task_reports, completeness))
    paras.append(heading("lessons", _("BÀI HỌC KINH NGHIỆM")))
    paras.extend(lessons.lesson_paragraphs(sources.task_reports))
    paras.append(heading("directions", _("PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ ĐỀ XUẤT, KIẾN NGHỊ")))
    paras.append(subheading("directions", "1. " + _("Phương hướng, nhiệm vụ thời gian tới")))
    paras.extend(directions.direction_paragraphs(sources, task_rows))
    paras.append(subheading("proposals", "2. " + _("Đề xuất, kiến nghị")))
    paras.extend(proposals.proposal_paragraphs(sources.task_reports))
    annexes = {
        "completeness": completeness,
        "tasks": task_rows,
        "indicators": indicator_rows,
        "compiled_on": fmt_date(timezone.localdate()),
        "accepted_reports": len(sources.accepted),
    }
    return Draft(header=header, paragraphs=paras, annexes=annexes)
