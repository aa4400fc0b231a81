"""Gazetteer of Vietnamese public bodies (danh mục cơ quan, tổ chức): data shipped with docparse.

``data/bodies.tsv`` lists, one body a line, central Party bodies, National Assembly bodies,
ministries and ministerial agencies after the 2025 reorganisation (with their former names),
Government agencies, provinces after 07/2025 (with the former ones merged into them), generic
department and Party-committee names, mass organisations, national media, their abbreviations
(VTV, VOV, TTXVN ...) and the *group phrases* that name many bodies at once ("các bộ, ngành, địa
phương"). The parser uses it alongside the unit registry:

- ``protected_phrases``: names whose commas do not separate bodies ("Bộ Văn hóa, Thể thao và Du
  lịch", "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ");
- ``is_abbreviation`` / ``is_known``: a list piece that is a known body or abbreviation starts a
  new unit ("VTV, VOV, TTXVN" are three bodies);
- ``split_adjacent``: two bodies written one after the other in a table cell with no separator;
- ``issuer_of_line``: the issuing body of a header line that carries the parent body too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import fold, normalize_tone_placement

DATA = Path(__file__).with_name("data") / "bodies.tsv"


@dataclass(frozen=True)
class Body:
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.former)


def _key(s: str) -> str:
    k = fold(normalize_tone_placement(s)).replace("–", "-")
    k = re.sub(r"\s*-\s*", " - ", k)
    return re.sub(r"^(?:cac|moi)\s+", "", k).strip(" .;:,")


@lru_cache(maxsize=1)
def bodies() -> tuple[Body, ...]:
    """All entries of the data file (read once)."""
    out: list[Body] = []
    for raw in DATA.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t") + ["", "", ""]
        split = lambda c: tuple(x.strip() for x in c.split(";") if x.strip())  # noqa: E731
        out.append(Body(cols[0].strip(), cols[1].strip(), split(cols[2]), split(cols[3])))
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Body], frozenset[str], tuple[str, ...]]:
    by_key: dict[str, Body] = {}
    abbreviations: set[str] = set()
    for b in bodies():
        for n in b.names():
            by_key.setdefault(_key(n), b)
            if re.fullmatch(r"[A-ZĐ][A-ZĐ&.\-]{2,}", n):
                abbreviations.add(n)
    # longest first, so that "các sở, ban, ngành, địa phương" wins over "các sở, ban, ngành"
    keys = tuple(sorted(by_key, key=len, reverse=True))
    return by_key, frozenset(abbreviations), keys


def lookup(s: str) -> Body | None:
    """The body named exactly by ``s`` (any case, accents, old tone placement, leading "các")."""
    return _index()[0].get(_key(s))


def is_known(s: str) -> bool:
    return lookup(s) is not None


def is_abbreviation(s: str) -> bool:
    """A known abbreviation written in capitals (VTV, VOV, TTXVN, VPCP, NHNN ...)."""
    return s.strip(" .;:,") in _index()[1]


@lru_cache(maxsize=1)
def protected_phrases() -> tuple[str, ...]:
    """Names and group phrases that contain a comma: their commas never split a unit list."""
    out = {n for b in bodies() for n in b.names() if "," in n}
    # the group phrases also occur without their leading "các" ("Bộ, cơ quan ngang bộ, ...")
    out |= {re.sub(r"^các\s+", "", n) for n in out}
    return tuple(sorted(out, key=len, reverse=True))


# heads that open a new body inside a run of text ("Sở Tài chính Sở Xây dựng")
_HEAD_RE = re.compile(
    r"\s(?=(?:Sở|Bộ|Cục|Chi cục|Ủy ban|Uỷ ban|UBND|Ban|Văn phòng|Công an|Thanh tra|Kho bạc"
    r"|Trung tâm|Viện|Đài|Báo|Đảng ủy|Tỉnh ủy|Thành ủy|Hội|Liên đoàn|Ngân hàng|Vụ|Tổng cục)\s)"
)


def split_adjacent(s: str) -> list[str]:
    """Cut a cell that names several bodies without separators where the text before a new head
    is itself a known body: "Sở Tài chính Sở Xây dựng" → ["Sở Tài chính", "Sở Xây dựng"]."""
    parts: list[str] = []
    rest = s.strip()
    while True:
        cut = None
        for m in _HEAD_RE.finditer(rest):
            before = rest[: m.start()]
            # a bare generic name ("Đảng ủy", "Tỉnh ủy") composes with what follows: "Đảng ủy
            # Ủy ban nhân dân tỉnh" is one body
            if len(before.split()) >= 3 and is_known(before):
                cut = m.start()
                break
        if cut is None:
            break
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    parts.append(rest)
    return [p for p in parts if p]


_ISSUER_HEAD_RE = re.compile(
    r"\s(?=(?:SỞ|CỤC|CHI CỤC|BAN|VĂN PHÒNG|ĐẢNG ỦY|ĐẢNG UỶ|ĐẢNG ĐOÀN|BAN CÁN SỰ|TRUNG TÂM|VỤ"
    r"|ĐOÀN|PHÒNG|THANH TRA|TỔNG CỤC|VIỆN|HỘI ĐỒNG|ỦY BAN|UỶ BAN|BỘ CHỈ HUY|CÔNG AN)\b)"
)
_PARENT_RE = re.compile(
    r"^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ"
    r"|PHƯỜNG|ĐẶC KHU)\s+\S.*$|^(?:TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|HUYỆN ỦY|HUYỆN UỶ)\s+\S.*$"
    r"|^ĐẢNG BỘ\s+(?:TỈNH|THÀNH PHỐ|KHỐI|XÃ|PHƯỜNG)\s+\S.*$"
)


def issuer_of_line(s: str) -> str:
    """The issuing body of a header line that also carries its parent body ("UBND TỈNH LÀO CAI
    SỞ CÔNG THƯƠNG" → "SỞ CÔNG THƯƠNG"; "BỘ CÔNG THƯƠNG CỤC HÓA CHẤT" → "CỤC HÓA CHẤT").

    The cut is made only where the part before it is a known body or a local People's Committee
    / Party committee, so "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" stays whole.
    """
    for m in _ISSUER_HEAD_RE.finditer(s):
        before = s[: m.start()].strip(" -")
        if is_known(before) or _PARENT_RE.match(before):
            return s[m.end() :].strip()
    return s


def _words(s: str) -> list[str]:
    return re.sub(r"\s*[-–]\s*", "-", fold(s)).split()


def _nospace(s: str) -> str:
    return re.sub(r"[\s\-–]", "", fold(normalize_tone_placement(s)))


@lru_cache(maxsize=1)
def _spacing_index() -> dict[str, str]:
    """Spacing-free key → the name as written, for every body and for the People's Committee,
    People's Council and Party committee of every province (current and former)."""
    out: dict[str, str] = {}
    for b in bodies():
        for n in b.names():
            out.setdefault(_nospace(n), n)
        if b.kind in ("province", "former_province"):
            for n in (b.name, *b.former):
                place = n if n.startswith("Thành phố") else f"tỉnh {n}"
                short = n.removeprefix("Thành phố ")
                committee = "Thành ủy" if n.startswith("Thành phố") else "Tỉnh ủy"
                for full in (
                    f"Ủy ban nhân dân {place}",
                    f"Hội đồng nhân dân {place}",
                    f"{committee} {short}",
                    f"UBND {place}",
                ):
                    out.setdefault(_nospace(full), full)
    return out


def respace(name: str) -> str:
    """A known name whose word spacing OCR broke ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I
    NH") written with its real spacing, in capitals when it was in capitals; else unchanged."""
    known = _spacing_index().get(_nospace(name))
    if known is None or _words(known) == _words(name):
        return name
    letters = [c for c in name if c.isalpha()]
    upper = letters and sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    return known.upper() if upper else known
