"""Turning a parsed document into a reviewable draft: units and cited documents matched to the
registry, deadlines and frequencies mapped to the plan models. Reads only; writes nothing."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from docparse.text import fold
from docparse.units import UnitRecord, match_units
from documents.models import Document
from imports.draft import Draft, Mention
from orgunits.models import OrgUnit
from plans.models import Frequency

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


FREQUENCY_MAP = {
    "monthly": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY,
    "half-yearly": Frequency.HALF_YEARLY,
    "half_yearly": Frequency.HALF_YEARLY,
    "yearly": Frequency.YEARLY,
    "periodic": Frequency.PERIODIC,
    "continuous": Frequency.CONTINUOUS,
    "once": Frequency.ONCE,
}

# Locality words that narrow a group mention ("các ban, ngành thành phố" → the city's units).
_LOCALITY_WORDS = ("thanh pho", "tinh", "huyen", "quan", "phuong", "xa", "thi xa")


def map_frequency(value: str | None) -> str:
    if not value:
        return Frequency.YEARLY
    return FREQUENCY_MAP.get(value, value if value in Frequency.values else Frequency.YEARLY)


def parse_deadline(value: str | None) -> datetime.date | None:
    """ "31/12/2025", "2025-12-31", "2030", "2021-2025", "Quý II/2025" → a date (end of period).

    Returns None for what names no day ("Hằng năm", "15/06" without a year); raises ValueError
    for a date that does not exist.
    """
    if not value:
        return None
    text = value.strip()
    m = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
    if m:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(?:\d{4}\s*[-–]\s*)?(\d{4})", text)
    if m:
        return datetime.date(int(m.group(1)), 12, 31)
    m = re.fullmatch(r"Qu[ýy]\s*([IV]+)(?:\s*,\s*([IV]+))*\s*/\s*(\d{4})", text, re.IGNORECASE)
    if m:
        quarters = {"I": 1, "II": 2, "III": 3, "IV": 4}
        last = re.findall(r"[IV]+", text.upper().split("/")[0])
        quarter = max(quarters.get(q, 4) for q in last) if last else 4
        month = quarter * 3
        end = datetime.date(int(m.group(3)), month % 12 + 1, 1) if month < 12 else None
        return end - datetime.timedelta(days=1) if end else datetime.date(int(m.group(3)), 12, 31)
    return None


def parse_iso_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------- units


def registry_records(units: Iterable[OrgUnit]) -> list[UnitRecord]:
    return [
        UnitRecord(
            id=str(u.pk),
            name=u.name,
            short_name=u.short_name,
            aliases=list(u.aliases or []),
            kind=u.kind,
            parent_id=str(u.parent_id) if u.parent_id else None,
        )
        for u in units
    ]


def _locality(mention: str) -> str | None:
    folded = " " + re.sub(r"[^\w\s]", " ", fold(mention)).strip()
    for word in sorted(_LOCALITY_WORDS, key=len, reverse=True):
        if folded.endswith(" " + word):
            return word
    return None


class UnitMatcher:
    """Matches unit mentions against the whole registry, loaded once (one query)."""

    def __init__(self, reference_day: datetime.date | None = None) -> None:
        self.units = {str(u.pk): u for u in OrgUnit.objects.all().order_by("path")}
        self.records = registry_records(self.units.values())
        self.reference_day = reference_day or timezone.localdate()

    def match_one(self, mention: str) -> Mention:
        return self.match([mention])[0]

    def match(self, mentions: list[str]) -> list[Mention]:
        results = []
        for found in match_units(mentions, self.records):
            ids = [str(i) for i in found.unit_ids]
            group = found.reason.startswith("nhóm")
            if group:
                ids = self._narrow_group(found.mention, ids)
            elif len(ids) > 1:
                ids = self._prefer_active(ids)
            results.append(
                Mention(
                    mention=found.mention,
                    unit_ids=ids,
                    confidence=found.confidence if ids else 0.0,
                    reason=found.reason if ids else "không tìm thấy",
                    group=group,
                )
            )
        return results

    def _prefer_active(self, ids: list[str]) -> list[str]:
        active = [i for i in ids if self.units[i].is_active_on(self.reference_day)]
        return active or ids

    def _narrow_group(self, mention: str, ids: list[str]) -> list[str]:
        """A group ("các TCCS đảng trực thuộc Thành ủy", "các ban, ngành thành phố") expands to
        the registry units of its kind that existed on the document's day, inside the named
        parent ("trực thuộc X") or the named locality when there is one."""
        ids = self._prefer_active(ids)
        parts = re.split(r"\btrực thuộc\b|\btruc thuoc\b", mention, maxsplit=1, flags=re.I)
        if len(parts) == 2 and parts[1].strip():
            parent = match_units([parts[1].strip()], self.records)[0]
            parent_ids = self._prefer_active([str(i) for i in parent.unit_ids])
            if parent.confidence >= 0.8 and len(parent_ids) == 1:
                path = self.units[parent_ids[0]].path
                inside = [
                    i for i in ids if self.units[i].path.startswith(path) and i != parent_ids[0]
                ]
                if inside:
                    return inside
        word = _locality(parts[0])
        if word:
            local = [i for i in ids if re.search(rf"\b{word}\b", fold(self.units[i].name))]
            if local:
                return local
        return ids


def reference_day(parsed: dict[str, Any], issuer: OrgUnit | None) -> datetime.date:
    day = parse_iso_date(parsed.get("date"))
    if day:
        return day
    if issuer is not None and issuer.valid_to:
        return issuer.valid_to
    return timezone.localdate()


# ---------------------------------------------------------------------------- documents


def normalise_number(value: str | None) -> str:
    """ "101-KH/TU", "101 - KH/TU", "số 101-kh/tu" compare equal; Đ folds to D."""
    folded = fold(value or "").upper().replace("–", "-").replace("—", "-")
    folded = re.sub(r"^SO\s+", "", folded.strip())
    return re.sub(r"\s+", "", folded)


def find_documents(
    user: User | AnonymousUser, number_symbols: Iterable[str]
) -> dict[str, Document]:
    """Registry documents (visible to ``user``) by normalised number/symbol."""
    wanted = {normalise_number(n): n for n in number_symbols if n}
    if not wanted:
        return {}
    leads = {m.group(0) for n in wanted for m in [re.match(r"\d+", n)] if m}
    queryset = Document.objects.all() if user is None else Document.objects.visible_to(user)
    found: dict[str, Document] = {}
    candidates = queryset.exclude(number_symbol="")
    if leads:
        from functools import reduce
        from operator import or_

        from django.db.models import Q

        candidates = candidates.filter(
            reduce(or_, (Q(number_symbol__startswith=lead) for lead in leads))
        )
    for doc in candidates.order_by("is_placeholder", "-issued_on"):
        key = normalise_number(doc.number_symbol)
        if key in wanted and key not in found:
            found[key] = doc
    return found


def implements_relation(number_symbol: str | None, title: str | None) -> str:
    """The documents named in the title ("Triển khai thực hiện Kế hoạch số 101-KH/TU …") are
    carried out by this one; every other reference is a citation."""
    number = normalise_number(number_symbol)
    return "implements" if number and number in normalise_number(title or "") else "cites"


# -------------------------------------------------------------------------------- draft


def build_draft(parsed: dict[str, Any], user: User | AnonymousUser) -> Draft:
    """The reviewable draft: the parsed structure plus matches, ids and defaults."""
    draft = Draft.from_json(parsed)
    issuer_match = None
    probe = UnitMatcher()
    if draft.issuer:
        issuer_match = probe.match_one(draft.issuer)
    issuer_id = (
        issuer_match.unit_ids[0]
        if issuer_match and len(issuer_match.unit_ids) == 1 and issuer_match.confidence >= 0.8
        else None
    )
    issuer = probe.units.get(issuer_id) if issuer_id else None
    matcher = probe
    matcher.reference_day = reference_day(parsed, issuer)

    mention_names: list[str] = []
    for task in draft.tasks:
        for name in [*task.lead, *task.cooperating]:
            if name not in mention_names:
                mention_names.append(name)
    mentions = matcher.match(mention_names)
    by_name = {m.mention: m for m in mentions}

    for task in draft.tasks:
        task.frequency = map_frequency(task.frequency)
        task.lead_ids = _union(by_name[n].unit_ids for n in task.lead)
        task.cooperating_ids = [
            i
            for i in _union(by_name[n].unit_ids for n in task.cooperating)
            if i not in task.lead_ids
        ]
        task.include = True
    draft.mentions = mentions

    found = find_documents(user, [r.number_symbol or "" for r in draft.references])
    for ref in draft.references:
        doc = found.get(normalise_number(ref.number_symbol))
        ref.target_id = str(doc.pk) if doc else None
        ref.relation = implements_relation(ref.number_symbol, draft.title)
        ref.include = True
    draft.issuer_id = issuer_id
    draft.owner_id = issuer_id
    draft.new_units = []
    draft.plan_title = draft.title
    return draft


def _union(lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for ids in lists:
        for i in ids:
            if i not in out:
                out.append(i)
    return out
