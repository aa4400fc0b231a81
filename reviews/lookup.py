"""Find a plan and a reporting round from what a person types (command line)."""

from __future__ import annotations

import re
import uuid

from django.db.models import Q
from django.utils.translation import gettext as _

from core.errors import ActionError
from core.text import fold
from plans.models import Plan
from reporting.models import ReportingRound


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def find_plan(term: str) -> Plan:
    """A plan by uuid, document number/symbol (e.g. "101-KH/TU") or a fragment of its title."""
    term = (term or "").strip()
    if not term:
        raise ActionError(_("Hãy nhập kế hoạch (mã, số ký hiệu hoặc một phần tên)."))
    try:
        plan = Plan.objects.filter(pk=uuid.UUID(term)).first()
    except ValueError:
        plan = None
    if plan is not None:
        return plan
    matches = list(Plan.objects.filter(document__number_symbol__iexact=term)[:5])
    if not matches:
        matches = list(
            Plan.objects.filter(search_text__contains=fold(term)).order_by("created_at")[:6]
        )
    if not matches:
        raise ActionError(_("Không tìm thấy kế hoạch “%(term)s”.") % {"term": term})
    if len(matches) > 1:
        # A fragment naming a top-level plan and its sub-plans: prefer the top-level one.
        top = [p for p in matches if p.parent_id is None]
        if len(top) == 1:
            return top[0]
        names = "; ".join(f"{p.pk} — {str(p.title)[:80]}" for p in matches[:5])
        raise ActionError(
            _("“%(term)s” khớp với nhiều kế hoạch, hãy ghi rõ hơn hoặc dùng mã: %(names)s")
            % {"term": term, "names": names}
        )
    return matches[0]


def find_round(plan: Plan, term: str) -> ReportingRound:
    """A round of ``plan`` by uuid or label: every word typed must appear in the label
    ("Sơ kết 2020-2025", "2024"); among several, the longest period, then the latest."""
    term = (term or "").strip()
    rounds = ReportingRound.objects.filter(plan=plan)
    try:
        found = rounds.filter(pk=uuid.UUID(term)).first()
    except ValueError:
        found = None
    if found is not None:
        return found
    wanted = _words(term)
    candidates = [
        r
        for r in rounds
        if wanted and (fold(r.label) == fold(term) or set(wanted) <= set(_words(r.label)))
    ]
    if not candidates:
        labels = ", ".join(
            f"“{r.label}”" for r in rounds.filter(~Q(kind="month")).order_by("-period_end")[:12]
        )
        raise ActionError(
            _("Kế hoạch không có kỳ báo cáo “%(term)s”. Các kỳ hiện có: %(labels)s")
            % {"term": term, "labels": labels or _("chưa có kỳ nào")}
        )
    exact = [r for r in candidates if fold(r.label) == fold(term)]
    if exact:
        return exact[0]
    return max(candidates, key=lambda r: (r.period_end - r.period_start, r.period_end))
