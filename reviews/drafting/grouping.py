"""Grouping what several units wrote alike (difficulties, proposals) into one paragraph each."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from core.text import fold
from reporting.models import TaskReport
from reviews.drafting.base import Para
from reviews.drafting.text import names, upper_first

# Words too common to tell two difficulties apart.
STOPWORDS = frozenset(
    "va cua cac cho con chua da dang duoc la co mot nhung trong khi de voi tu nay do tai the "
    "nhieu it van bi se theo ve thi ma nen o ra vao lai".split()
)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    common = len(a & b)
    return common / len(a | b) >= 0.5 or common / min(len(a), len(b)) >= 0.8


def group_similar(
    items: list[tuple[str, Any]], similar: bool = True
) -> list[tuple[str, list[Any]]]:
    """Greedy grouping of (text, source) by folded word overlap; first text represents.

    With ``similar=False`` only texts equal after folding are merged (deduplication)."""
    groups: list[tuple[frozenset[str], str, list[Any]]] = []
    exact: dict[str, int] = {}
    for text, source in items:
        key = fold(text)
        if key in exact:
            groups[exact[key]][2].append(source)
            continue
        tokens = frozenset(w for w in re.findall(r"\w+", key) if w not in STOPWORDS)
        for index, (rep, _text, sources) in enumerate(groups):
            if similar and _similar(tokens, rep):
                sources.append(source)
                exact[key] = index
                break
        else:
            exact[key] = len(groups)
            groups.append((tokens, text, [source]))
    return [(text, sources) for _tokens_, text, sources in groups]


def grouped(part: str, items: list[tuple[str, TaskReport]], similar: bool = True) -> list[Para]:
    """One paragraph per group, naming the units that wrote it."""
    paras = []
    for text, sources in group_similar(items, similar=similar):
        units = [tr.unit_report.unit.name for tr in sources]
        count = len(set(units))
        values = {"text": upper_first(text), "count": count, "units": names(units)}
        if count > 1:
            sentence = _("%(text)s (%(count)s đơn vị nêu: %(units)s).") % values
        else:
            sentence = _("%(text)s (nêu tại báo cáo của: %(units)s).") % values
        paras.append(
            Para(
                part,
                sentence,
                reports={tr.unit_report_id for tr in sources},
                task_reports={tr.pk for tr in sources},
            )
        )
    return paras
