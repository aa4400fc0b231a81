"""Duplicate warnings before an organisation is saved (cảnh báo trùng).

The same tax code is refused outright by a unique constraint. Names are fuzzier: "Công ty TNHH
Hoa Cao Nguyên Xanh" and "Cong ty TNHH Hoa Cao Nguyen Xanh." are the same enterprise typed
twice, "Công ty Hoa Cao Nguyên" may be too. Such near-identical names are shown to the user, who
confirms before the second record is created; nothing is refused, since two real organisations
may bear close names.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from django.db.models import QuerySet

from core.text import text_key
from organisations.models import Organisation

# Words of the legal form, which say nothing about which organisation it is.
_LEGAL_FORM = frozenset(
    "cong ty tnhh co phan trach nhiem huu han mot thanh vien mtv cp hop tac xa htx "
    "doanh nghiep tu nhan dntn".split()
)
SIMILARITY = 0.85  # ratio of the distinctive parts of the names at which a warning is shown


def _core(name: str) -> str:
    return " ".join(w for w in text_key(name).split() if w not in _LEGAL_FORM)


def similar_organisations(
    name: str, queryset: QuerySet, exclude_pk: Any = None, limit: int = 10
) -> list[Organisation]:
    """Organisations of ``queryset`` whose name is the same as ``name`` or nearly so."""
    core = _core(name)
    words = sorted(core.split(), key=len, reverse=True)
    if not words:
        return []
    # One distinctive word narrows the candidates in SQL; the ratio then decides.
    candidates = queryset.filter(search_text__contains=words[0])
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found = []
    for org in candidates.only("pk", "name", "short_name", "tax_code", "kind")[:500]:
        other = _core(org.name)
        if other == core or SequenceMatcher(None, core, other).ratio() >= SIMILARITY:
            found.append(org)
            if len(found) >= limit:
                break
    return found
