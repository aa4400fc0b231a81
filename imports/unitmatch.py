"""Matching the bodies an imported document names to the local unit registry (đối chiếu đơn vị).

The rules (issue 16, "Import must never assign work to the wrong body"):

* **The issuer** (cơ quan ban hành) is matched only when the place agrees: "Ủy ban nhân dân tỉnh
  Lào Cai" is not "Ủy ban nhân dân tỉnh Lâm Đồng", a ministry is never a local body, a name
  whose place line ("Lào Cai, ngày…") is unknown to the registry is not guessed. An issuer that
  is not in the registry is recorded as an **external body** (``IssuerMatch.status ==
  "external"``; see ``imports.bodies`` for how it is kept) or left unmatched.
* **Generic words** ("các cơ quan", "chính quyền địa phương", "Giám đốc các Sở") never match a
  unit on their own.
* **Group phrases** ("các Sở, ban, ngành", "các TCCS đảng trực thuộc Thành ủy") expand only to
  units that were valid on the document's day and lie inside the importing owner's area
  (``UnitMatcher.area``). They expand by themselves (pre-checked) only in the local owner's own
  documents; in a document from another body the expansion is offered unchecked, for the
  reviewer to opt in. Either way the review page lists it with checkboxes to confirm or trim.
* In a document from another province or a ministry, a body named without a place ("Sở Khoa
  học và Công nghệ") is that issuer's body, not ours: it is marked external, never matched.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from docparse.text import fold
from docparse.units import UnitMatch, UnitRecord, canonical, match_units
from imports.bodies import RegistryPlaces, is_central, is_generic, place_line, places_in
from imports.draft import Mention
from orgunits.models import OrgUnit, UnitKind

# Owners that lead their locality (a Party committee and its agencies, a people's committee):
# a plan of theirs addresses every body of the same place, not only the units below them in
# the tree ("Ban Thường vụ Thành ủy Đà Lạt" assigns work to "UBND thành phố Đà Lạt").
TERRITORIAL_KINDS = {UnitKind.PARTY_COMMITTEE, UnitKind.PARTY_AGENCY, UnitKind.GOVERNMENT}
# Locality words that narrow a group mention ("các ban, ngành thành phố" → the city's units).
_LOCALITY_WORDS = ("thanh pho", "tinh", "huyen", "quan", "phuong", "xa", "thi xa")
# Below this a name match is a guess: it is offered to the reviewer, never applied.
SURE = 0.8

EXTERNAL_REASON = "cơ quan bên ngoài danh mục địa phương"
CENTRAL = "Trung ương"
OTHER_PLACE = "địa phương khác"


@dataclass
class IssuerMatch:
    """The issuer's registry unit, or why there is none ("external" | "unmatched")."""

    unit_id: str | None
    status: str  # "matched" | "external" | "unmatched" | "" (no issuer read)
    note: str = ""  # where the external body belongs, as shown to the reviewer


def registry_records(units: list[OrgUnit]) -> list[UnitRecord]:
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
    """Matches names against the whole registry, loaded once (one query)."""

    def __init__(self, reference_day: datetime.date | None = None) -> None:
        units = list(OrgUnit.objects.all().order_by("path"))
        self.units = {str(u.pk): u for u in units}
        self.records = registry_records(units)
        self.local_records = [r for r in self.records if r.kind != UnitKind.CENTRAL]
        self.central_records = [r for r in self.records if r.kind == UnitKind.CENTRAL]
        self.places = _places(
            [(str(u.pk), u.name, str(u.parent_id) if u.parent_id else None, u.path) for u in units]
        )
        self.reference_day = reference_day or timezone.localdate()

    # ------------------------------------------------------------------------------ issuer

    def match_issuer(self, issuer: str | None, place: str | None = None) -> IssuerMatch:
        if not issuer or not issuer.strip():
            return IssuerMatch(None, "")
        if is_central(issuer):
            found = match_units([issuer], self.central_records)[0]
            if found.confidence >= 1.0 and len(found.unit_ids) == 1:
                return IssuerMatch(str(found.unit_ids[0]), "matched")
            return IssuerMatch(None, "external", CENTRAL)
        if is_generic(issuer):
            return IssuerMatch(None, "unmatched")
        named = places_in(issuer)
        line = set() if named else place_line(place)
        unknown_line = bool(line) and not line & self.places.known
        if named - self.places.known or unknown_line:
            return IssuerMatch(None, "external", OTHER_PLACE)
        found = match_units([issuer], self.local_records)[0]
        ids = self._agreeing(found, named)
        if line:
            # A known place line only disambiguates: a provincial body writes from its seat.
            ids = [i for i in ids if self.places.near(i, line)] or ids
        if len(ids) > 1:
            ids = self._prefer_active(ids)
        if len(ids) == 1 and found.confidence >= SURE:
            return IssuerMatch(ids[0], "matched")
        if found.unit_ids and not ids and named:
            # The words matched a local unit but the place does not: another place's body.
            return IssuerMatch(None, "external", OTHER_PLACE)
        return IssuerMatch(None, "unmatched")

    # ------------------------------------------------------------------------------- area

    def area(self, owner_id: str | None) -> set[str]:
        """The importing owner's area (phạm vi): its subtree, and for a body that leads its
        locality every unit of the same place. Empty without an owner."""
        owner = self.units.get(owner_id or "")
        if owner is None:
            return set()
        inside = {i for i, u in self.units.items() if u.path.startswith(owner.path)}
        own = self.places.own.get(owner_id or "", set())
        if own and owner.kind in TERRITORIAL_KINDS:
            inside |= {i for i in self.units if self.places.agrees(i, own)}
        return inside

    # ---------------------------------------------------------------------------- mentions

    def match(
        self,
        mentions: list[str],
        *,
        owner_id: str | None = None,
        external_document: bool = False,
        source: str = "",
    ) -> list[Mention]:
        """Match the units named in the tasks. ``external_document``: the issuer is an external
        body (``source`` says whose), so unplaced names are that body's, not ours."""
        area = self.area(owner_id)
        return [
            self._match_one(found, area, owner_id, external_document, source)
            for found in match_units(mentions, self.records)
        ]

    def _match_one(
        self,
        found: UnitMatch,
        area: set[str],
        owner_id: str | None,
        external_document: bool,
        source: str,
    ) -> Mention:
        mention = found.mention
        group = found.reason.startswith("nhóm")
        named = places_in(mention)
        if named - self.places.known:
            return _external(mention, OTHER_PLACE)
        if group:
            return self._group(found, area, owner_id, external_document)
        if is_generic(mention):
            return Mention(mention=mention, reason="từ chung, không tự gán đơn vị")
        if is_central(mention):
            exact = match_units([mention], self.central_records)[0]
            if exact.confidence >= 1.0 and exact.unit_ids:
                ids = [str(i) for i in exact.unit_ids]
                return Mention(mention=mention, unit_ids=ids, confidence=1.0, reason=exact.reason)
            return _external(mention, CENTRAL)
        if external_document and not named:
            return _external(mention, source)
        ids = self._agreeing(found, named)
        ids = [i for i in ids if self.units[i].kind != UnitKind.CENTRAL]
        if len(ids) > 1:
            ids = [i for i in ids if i in area] or ids
            ids = self._prefer_active(ids)
        if not ids:
            return Mention(mention=mention, reason="không tìm thấy")
        if found.reason == "gần giống tên":
            ids = self._near_in_area(mention, area) or ids
        if found.confidence < SURE or len(ids) > 1:
            # A guess: shown unchecked for the reviewer, never applied by itself.
            return Mention(
                mention=mention,
                candidates=ids,
                confidence=found.confidence,
                reason="gần giống, hãy chọn",
            )
        return Mention(
            mention=mention, unit_ids=ids, confidence=found.confidence, reason=found.reason
        )

    def _group(
        self, found: UnitMatch, area: set[str], owner_id: str | None, external_document: bool
    ) -> Mention:
        mention = found.mention
        if not owner_id:
            return Mention(
                mention=mention, group=True, reason="nhóm: chọn đơn vị chủ quản để mở rộng"
            )
        ids = [str(i) for i in found.unit_ids]
        ids = [i for i in ids if self.units[i].is_active_on(self.reference_day)]
        ids = [i for i in self._narrow_group(mention, ids, area) if i in area and i != owner_id]
        reason = found.reason
        if external_document:
            # Not the owner's own document: the reviewer opts in, unit by unit.
            return Mention(
                mention=mention,
                candidates=ids,
                group=True,
                confidence=0.0,
                reason=reason + " (văn bản của cơ quan khác: hãy chọn nếu cần)",
            )
        return Mention(
            mention=mention,
            unit_ids=ids,
            candidates=ids,
            group=True,
            confidence=found.confidence if ids else 0.0,
            reason=reason if ids else "không có đơn vị phù hợp trong phạm vi",
        )

    # ----------------------------------------------------------------------------- helpers

    def _agreeing(self, found: UnitMatch, named: set[str]) -> list[str]:
        """Candidates whose place agrees and that are the body named, not a body inside
        ("Đảng ủy Ủy ban nhân dân tỉnh" is not "Ủy ban nhân dân tỉnh")."""
        ids = [str(i) for i in found.unit_ids]
        if named:
            ids = [i for i in ids if self.places.agrees(i, named)]
        if found.reason in ("tên chứa nhau", "nhiều đơn vị chứa tên"):
            ids = [i for i in ids if self._names_it(found.mention, i)]
        return ids

    def _names_it(self, mention: str, unit_id: str) -> bool:
        unit = self.units[unit_id]
        said = canonical(mention)
        names = [canonical(n) for n in (unit.name, unit.short_name, *(unit.aliases or [])) if n]
        if any(re.search(rf"\b{re.escape(said)}\b", n) for n in names if n):
            return True  # "Phòng Kinh tế thành phố" within "Phòng Kinh tế thành phố Đà Lạt"
        place_words = {w for p in self.places.lineage.get(unit_id, set()) for w in p.split()}
        level_words = {"tinh", "thanh", "pho", "huyen", "quan", "phuong", "xa", "uy"}
        for name in names:
            if name and re.search(rf"\b{re.escape(name)}\b", said):
                rest = set(re.sub(rf"\b{re.escape(name)}\b", " ", said).split())
                if rest <= place_words | level_words:
                    return True  # only the place was added: "Sở X" + "tỉnh Lâm Đồng"
        return False

    def _near_in_area(self, mention: str, area: set[str]) -> list[str]:
        """Units of the owner's area whose names share most words with the mention, best
        first: a guess to offer ("Ủy ban Mặt trận Tổ quốc" in a city plan → the city's)."""
        said = set(canonical(mention).split())
        scored: list[tuple[float, str]] = []
        for unit_id in area:
            unit = self.units[unit_id]
            if not unit.is_active_on(self.reference_day):
                continue
            names = [canonical(n) for n in (unit.name, unit.short_name, *(unit.aliases or [])) if n]
            score = max(
                (len(said & set(n.split())) / len(said | set(n.split())) for n in names if n),
                default=0.0,
            )
            if score >= 0.6:
                scored.append((score, unit_id))
        return [unit_id for _score, unit_id in sorted(scored, key=lambda s: -s[0])]

    def _prefer_active(self, ids: list[str]) -> list[str]:
        active = [i for i in ids if self.units[i].is_active_on(self.reference_day)]
        return active or ids

    def _narrow_group(self, mention: str, ids: list[str], area: set[str]) -> list[str]:
        """Inside the named parent ("trực thuộc X") or the named locality when there is one."""
        parts = re.split(r"\btrực thuộc\b|\btruc thuoc\b", mention, maxsplit=1, flags=re.I)
        if len(parts) == 2 and parts[1].strip():
            parent = match_units([parts[1].strip()], self.local_records)[0]
            parent_ids = [str(i) for i in parent.unit_ids]
            parent_ids = [i for i in parent_ids if i in area] or parent_ids
            parent_ids = self._prefer_active(parent_ids)
            if parent.confidence >= SURE and len(parent_ids) == 1:
                path = self.units[parent_ids[0]].path
                return [
                    i for i in ids if self.units[i].path.startswith(path) and i != parent_ids[0]
                ]
        word = _locality(parts[0])
        if word:
            local = [i for i in ids if re.search(rf"\b{word}\b", fold(self.units[i].name))]
            if local:
                return local
        return ids


# The last registry seen by place, by the rows it was built from: the review, the confirm page
# and the confirm action each need it, and the registry rarely changes between them.
_PLACES_CACHE: dict[int, RegistryPlaces] = {}


def _places(rows: list[tuple[str, str, str | None, str]]) -> RegistryPlaces:
    key = hash(tuple(rows))
    if key not in _PLACES_CACHE:
        _PLACES_CACHE.clear()
        _PLACES_CACHE[key] = RegistryPlaces.build(rows)
    return _PLACES_CACHE[key]


def _external(mention: str, where: str) -> Mention:
    reason = EXTERNAL_REASON + (f" ({where})" if where else "")
    return Mention(mention=mention, external=True, reason=reason)
