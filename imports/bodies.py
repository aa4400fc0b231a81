"""Who a name in an imported document can be: the place it names, whether it is a central
(national) body, whether it is only a generic word, and the local registry seen by place.

Why this exists: a document from another province or a ministry (a Lào Cai plan, a ministry's
decision) uses the same words as a local one — "Ủy ban nhân dân tỉnh", "các Sở, ngành", "các cơ
quan". Matched by words alone, such a document was assigned to local units. The rules here let
``imports.matching`` match a name only when the place agrees (Lào Cai ≠ Lâm Đồng), never match a
central body (cơ quan Trung ương: a ministry, the Government) to a local unit, and never match a
bare generic word ("các cơ quan", "địa phương") to anything.

**External bodies (cơ quan bên ngoài).** A body that is not in the local registry (another
province's people's committee, a ministry) is not a registry unit: the registry is the local
organisation tree that plans and reports. It is recorded by name, as written, with its kind of
place ("tỉnh Lào Cai", "Trung ương"): in the review draft (``Draft.issuer_status`` and
``Mention.external``) and, once confirmed, in ``Document.issuer_name`` with ``Document.issuer``
left empty. So it is outside the local tree by construction and can never own a plan or a task
unless the reviewer deliberately picks a registry unit for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from docparse.text import fold

# Words that introduce a place name (folded). "tinh uy X" and "thanh uy X" name the place of a
# Party committee; "khu vuc X", "dia ban X" the area a centre or a group of units serves.
_LEVELS = (
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "quan uy",
    "thi uy",
    "thanh pho",
    "thi xa",
    "thi tran",
    "khu vuc",
    "dia ban",
    "tinh",
    "tp",
    "huyen",
    "quan",
    "phuong",
    "xa",
)
# Words a place name never starts with: connectives, qualifiers, another level word.
_NEVER_FIRST = {
    "truc",
    "thuoc",
    "tren",
    "ve",
    "va",
    "lien",
    "co",
    "cac",
    "trong",
    "ngoai",
    "theo",
    "de",
    "nam",
    "khac",
    "duoc",
    "nay",
    "minh",
    "lan",
    "cap",
    "hoi",
    "nhan",
    "dan",
    "hien",
    "giai",
    "uy",
    "tinh",
    "huyen",
    "quan",
    "phuong",
    "xa",
    "tp",
    "thi",
    "khu",
    "dia",
    "noi",
    "chu",
    "tri",
    "phoi",
    "hop",
    "nganh",
    "thue",
    "doi",
    "voi",
    "tai",
    "den",
    "tu",
    "moi",
    "an",
    "thuc",
    "tien",
    "huong",
    "phap",
    "cham",
    "ly",
    "tam",
    "he",
    "su",
    "chung",
    "diem",
}
# Words that end a place name once it has begun: the next body's head word, a connective.
_STOP = _NEVER_FIRST - {
    "tinh",
    "hoi",
    "nam",
    "lan",
    "dan",
    "hien",
    "cap",
    "minh",
    "an",
    "thuc",
    "tien",
    "huong",
    "phap",
    "cham",
    "ly",
    "tam",
    "he",
    "su",
    "chung",
    "diem",
    "tai",
    "den",
    "tu",
} | {"so", "ban", "ubnd", "hdnd", "phong", "cuc", "vu", "doan", "toa", "dang", "mat", "bo"}
_AFTER = {"co quan", "dia phuong", "chinh quyen"}  # "cơ quan", "địa phương" are not levels


# Central (national) bodies: a ministry, the Government, the National Assembly, the Party's
# central organs, a department of a ministry (Cục, Tổng cục, Vụ). Folded prefixes.
_CENTRAL_RE = re.compile(
    r"^(?:cac\s+)?(?:bo\b(?!\s+chi huy|\s+phan)|chinh phu|thu tuong|pho thu tuong|quoc hoi"
    r"|uy ban thuong vu quoc hoi|ubtvqh|van phong chinh phu|vpcp|van phong quoc hoi"
    r"|van phong trung uong|van phong chu tich nuoc|chu tich nuoc|tong cuc|cuc\b|vu\b"
    r"|bo chinh tri|ban bi thu|ban chap hanh trung uong|trung uong|dang doan quoc hoi"
    r"|toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|kiem toan nha nuoc"
    r"|ngan hang nha nuoc|thong tan xa|dai truyen hinh viet nam|dai tieng noi viet nam"
    r"|ban chi dao quoc gia|uy ban trung uong|co quan trung uong|cac co quan trung uong)"
)
_CENTRAL_ANYWHERE = re.compile(r"\b(?:trung uong|quoc gia|chinh phu|quoc hoi|tw)\b")
_ROLE_PREFIX = re.compile(
    r"^(?:cac\s+)?(?:lanh dao|chu tich|pho chu tich|giam doc|thu truong|truong|pho truong"
    r"|chanh van phong|bi thu|cac dong chi|dong chi)\s+"
)

# Words that say nothing about which body is meant (folded): a mention made only of these
# is a generic word and is never matched to a unit by itself.
_GENERIC_WORDS = {
    "ban",
    "bo",
    "ca",
    "cac",
    "cap",
    "chinh",
    "chu",
    "chuc",
    "chuyen",
    "co",
    "cong",
    "cung",
    "dang",
    "dau",
    "dao",
    "dia",
    "doan",
    "doc",
    "don",
    "dong",
    "duoc",
    "dung",
    "giam",
    "giup",
    "hien",
    "ho",
    "hoat",
    "hoi",
    "hop",
    "huyen",
    "khac",
    "lanh",
    "lien",
    "moi",
    "mon",
    "muu",
    "nay",
    "nganh",
    "nguoi",
    "nha",
    "nhan",
    "nuoc",
    "phan",
    "pho",
    "phoi",
    "phong",
    "phuong",
    "quan",
    "quyen",
    "so",
    "tat",
    "tham",
    "thanh",
    "the",
    "thu",
    "thuc",
    "thuoc",
    "tinh",
    "to",
    "toan",
    "tren",
    "tri",
    "trong",
    "tro",
    "truc",
    "truong",
    "tuong",
    "ung",
    "uy",
    "va",
    "vi",
    "vien",
    "viec",
    "xa",
}


def _words(text: str) -> list[str]:
    return [w for w in _tokens(text) if w != "-"]


def _tokens(text: str) -> list[str]:
    """Folded words, with "-" kept as its own token (it joins "Xuân Hương - Đà Lạt")."""
    spaced = re.sub(r"\s*[-–—]\s*", " - ", fold(text).replace("đ", "d"))
    return re.sub(r"[^\w\s-]", " ", spaced).split()


# Level words by their first word, longest first: one dictionary look-up per word.
_LEVELS_BY_FIRST: dict[str, list[list[str]]] = {}
for _level in sorted(_LEVELS, key=lambda lv: -len(lv.split())):
    _LEVELS_BY_FIRST.setdefault(_level.split()[0], []).append(_level.split())


def _level_at(words: list[str], i: int) -> str | None:
    for level in _LEVELS_BY_FIRST.get(words[i], ()):
        if words[i : i + len(level)] == level:
            return " ".join(level)
    return None


def _may_start(words: list[str], i: int) -> bool:
    if words[i] in _NEVER_FIRST or words[i] == "-":
        return False
    return words[i : i + 2] != ["thanh", "pho"]  # "các tỉnh, thành phố": another level


def places_in(text: str | None) -> set[str]:
    """The place names a body's name or a place line names, folded ("lao cai", "phuong 1").

    "Ủy ban nhân dân tỉnh Lào Cai" → {"lao cai"}; "Đảng ủy phường Xuân Hương - Đà Lạt" →
    {"xuan huong", "da lat"}; "UBND tỉnh" (the document's own province) → set().
    """
    if not text:
        return set()
    words = _tokens(text)
    found: set[str] = set()
    i = 0
    while i < len(words):
        level = _level_at(words, i)
        before = " ".join(words[max(0, i - 1) : i + 1])
        if level is None or before in _AFTER:
            i += 1
            continue
        i += len(level.split())
        if i < len(words) and words[i].isdigit():  # "Phường 1": the number is no name alone
            found.add(f"{level} {words[i]}")
            i += 1
            continue
        while i < len(words) and _may_start(words, i):
            name: list[str] = []
            while i < len(words) and len(name) < 4 and words[i] != "-":
                if name and words[i] in _STOP:
                    break
                name.append(words[i])
                i += 1
            found.add(" ".join(name))
            # "Xuân Hương - Đà Lạt": the part after the dash is a place too.
            if i + 1 < len(words) and words[i] == "-" and _may_start(words, i + 1):
                i += 1
                continue
            break
    return found


def place_line(text: str | None) -> set[str]:
    """The place of a document's place line ("Lào Cai", "T hành phố Hồ Chí M inh")."""
    if not text:
        return set()
    named = places_in(text)
    if named:
        return named
    words = _words(text)
    return {" ".join(words)} if words else set()


def is_central(text: str | None) -> bool:
    """A central (national) body: a ministry, the Government, a central Party organ."""
    if not text:
        return False
    folded = " ".join(_words(text))
    folded = _ROLE_PREFIX.sub("", folded)
    if places_in(folded):
        return False
    return bool(_CENTRAL_RE.match(folded)) or (
        bool(_CENTRAL_ANYWHERE.search(folded)) and folded.startswith(("ban ", "uy ban", "hoi dong"))
    )


def is_generic(text: str | None) -> bool:
    """Only generic words ("các cơ quan", "chính quyền địa phương", "Giám đốc các Sở")."""
    words = _words(text or "")
    return all(w in _GENERIC_WORDS or w.isdigit() for w in words)


@dataclass
class RegistryPlaces:
    """The registry seen by place: each unit's own places and those of its ancestors.

    ``lineage[id]`` holds the places named by the unit and its ancestors ("Phòng Kinh tế thành
    phố Đà Lạt" under "Ủy ban nhân dân tỉnh Lâm Đồng" → {"da lat", "lam dong"}); ``known`` every
    place the registry names at all.
    """

    own: dict[str, set[str]] = field(default_factory=dict)
    lineage: dict[str, set[str]] = field(default_factory=dict)
    below: dict[str, set[str]] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, units: Iterable[tuple[str, str, str | None, str]]) -> RegistryPlaces:
        """``units``: (id, name, parent id, path), parents before children (path order)."""
        result = cls()
        rows = list(units)
        for unit_id, name, parent_id, _path in rows:
            own = places_in(name)
            result.own[unit_id] = own
            result.lineage[unit_id] = own | result.lineage.get(parent_id or "", set())
            result.known |= own
        by_path = {path: unit_id for unit_id, _n, _p, path in rows}
        for unit_id, *_rest in rows:
            result.below.setdefault(unit_id, set())
        # Every unit's places are also places "below" each of its ancestors (one pass).
        for unit_id, _name, _parent, path in rows:
            segments = [s for s in path.split("/") if s]
            for i in range(1, len(segments)):
                ancestor = by_path.get("/".join(segments[:i]) + "/")
                if ancestor is not None:
                    result.below[ancestor] |= result.own[unit_id]
        return result

    def agrees(self, unit_id: str, places: set[str]) -> bool:
        """The unit lies in every named place (its own name or an ancestor's names it)."""
        return places <= self.lineage.get(unit_id, set())

    def near(self, unit_id: str, places: set[str]) -> bool:
        """A document's place line agrees: the place is the unit's, an ancestor's or is below
        it (a provincial body writes "Đà Lạt, ngày…" from its seat)."""
        around = self.lineage.get(unit_id, set()) | self.below.get(unit_id, set())
        return bool(places & around)
