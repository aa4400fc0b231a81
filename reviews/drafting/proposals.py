"""Part IV of the report, proposals (đề xuất, kiến nghị): what the units asked for, deduplicated.

Proposals are merged only when they read the same after folding: two requests that merely look
alike may ask different bodies for different things.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reporting.models import TaskReport
from reviews.drafting.base import Para
from reviews.drafting.grouping import grouped
from reviews.drafting.text import sentences


def proposal_paragraphs(task_reports: list[TaskReport]) -> list[Para]:
    items = [(item, tr) for tr in task_reports for item in sentences(tr.proposals)]
    paras = grouped("proposals", items, similar=False)
    if not paras:
        paras.append(Para("proposals", _("Các đơn vị không có đề xuất, kiến nghị trong kỳ.")))
    return paras
