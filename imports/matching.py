"""Turning a parsed document into a reviewable draft: units and cited documents matched to the
registry, deadlines and frequencies mapped to the plan models. Reads only; writes nothing."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from core.scoping import scope_for
from docparse.text import fold
from documents.models import Document
from imports.draft import Draft, Mention
from imports.unitmatch import UnitMatcher, registry_records
from orgunits.models import OrgUnit
from plans.models import Frequency

__all__ = ["UnitMatcher", "build_draft", "registry_records", "rematch_units", "units_outside"]

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


def default_owner(
    user: User | AnonymousUser,
    issuer: OrgUnit | None,
    units: dict[str, OrgUnit],
    day: datetime.date,
) -> str | None:
    """The plan's owner until the reviewer picks one: the issuer when the user may plan for it,
    else the user's own unit when there is exactly one they may plan for that existed on the
    document's day (the importing owner)."""
    from plans.actions import can_create_plan_for

    if issuer is not None and can_create_plan_for(user, issuer):
        return str(issuer.pk)
    own = [
        units[str(pk)]
        for pk in scope_for(user).unit_ids
        if str(pk) in units
        and units[str(pk)].is_active_on(day)
        and can_create_plan_for(user, units[str(pk)])
    ]
    return str(own[0].pk) if len(own) == 1 else None


def build_draft(parsed: dict[str, Any], user: User | AnonymousUser) -> Draft:
    """The reviewable draft: the parsed structure plus matches, ids and defaults."""
    draft = Draft.from_json(parsed)
    matcher = UnitMatcher()
    found = matcher.match_issuer(draft.issuer, draft.place)
    draft.issuer_id, draft.issuer_status = found.unit_id, found.status
    draft.issuer_note = found.note
    issuer = matcher.units.get(found.unit_id or "")
    matcher.reference_day = reference_day(parsed, issuer)
    draft.owner_id = default_owner(user, issuer, matcher.units, matcher.reference_day)
    for task in draft.tasks:
        task.frequency = map_frequency(task.frequency)
        task.include = True
    _match_mentions(draft, matcher)

    found_docs = find_documents(user, [r.number_symbol or "" for r in draft.references])
    for ref in draft.references:
        doc = found_docs.get(normalise_number(ref.number_symbol))
        ref.target_id = str(doc.pk) if doc else None
        ref.relation = implements_relation(ref.number_symbol, draft.title)
        ref.include = True
    draft.new_units = []
    draft.plan_title = draft.title
    return draft


def _match_mentions(
    draft: Draft, matcher: UnitMatcher, keep: list[Mention] | None = None
) -> dict[str, list[str]]:
    """Match every unit named in the tasks (keeping the reviewer's own choices in ``keep``) and
    give each task the union of its mentions' units, plus the units the reviewer added to the
    task by hand. Returns the previous units of each mention."""
    before = {m.mention: list(m.unit_ids) for m in draft.mentions}
    kept = {m.mention: m for m in keep or [] if m.chosen}
    names: list[str] = []
    for task in draft.tasks:
        for name in [*task.lead, *task.cooperating]:
            if name not in names:
                names.append(name)
    fresh = matcher.match(
        [n for n in names if n not in kept],
        owner_id=draft.owner_id,
        external_document=draft.issuer_external,
        source=draft.issuer or "",
    )
    by_name = {**{m.mention: m for m in fresh}, **kept}
    draft.mentions = [by_name[n] for n in names]
    for task in draft.tasks:
        old = set(_union(before.get(n, []) for n in [*task.lead, *task.cooperating]))
        lead_by_hand = [u for u in task.lead_ids if u not in old]
        coop_by_hand = [u for u in task.cooperating_ids if u not in old]
        task.lead_ids = _union([*(by_name[n].unit_ids for n in task.lead), lead_by_hand])
        task.cooperating_ids = [
            i
            for i in _union([*(by_name[n].unit_ids for n in task.cooperating), coop_by_hand])
            if i not in task.lead_ids
        ]
    return before


def rematch_units(draft: Draft) -> None:
    """After the owner changed: groups expand inside the new owner's area. The reviewer's own
    choices (a unit picked for a mention, a unit added to a task) are kept."""
    matcher = UnitMatcher()
    issuer = matcher.units.get(draft.issuer_id or "")
    matcher.reference_day = reference_day({"date": draft.date}, issuer)
    _match_mentions(draft, matcher, keep=draft.mentions)


def units_outside(draft: Draft) -> list[OrgUnit]:
    """Registry units the included tasks would be assigned to that lie outside the owner's
    area: confirming that needs an explicit second yes."""
    matcher = UnitMatcher()
    area = matcher.area(draft.owner_id)
    outside: list[OrgUnit] = []
    for task in draft.included_tasks():
        for token in [*task.lead_ids, *task.cooperating_ids]:
            if token.startswith("new:"):
                index = int(token[4:]) if token[4:].isdigit() else -1
                spec = draft.new_units[index] if 0 <= index < len(draft.new_units) else None
                token = (spec.parent_id or "") if spec else ""
            unit = matcher.units.get(token)
            if unit is not None and token not in area and unit not in outside:
                outside.append(unit)
    return outside


def _union(lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for ids in lists:
        for i in ids:
            if i not in out:
                out.append(i)
    return out
