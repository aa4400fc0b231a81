"""Unit (organisation) names: splitting mention lists and matching to a registry.

Registry kinds used by the group rules (the Django side should use these codes
for ``UnitRecord.kind``):

* ``party_committee``  – cấp ủy (Thành ủy, Tỉnh ủy, Đảng ủy ...)
* ``party_agency``     – ban xây dựng Đảng (Ban Tuyên giáo, Ban Tổ chức ...)
* ``party_grassroots`` – tổ chức cơ sở đảng (TCCS đảng, chi bộ, đảng bộ cơ sở)
* ``people_council``   – HĐND; ``people_committee`` – UBND
* ``state_agency``     – sở, ban, ngành, phòng, cơ quan chuyên môn (the Django registry's
  ``government_agency`` is accepted as the same kind)
* ``front``            – Ủy ban MTTQ; ``mass_org`` – đoàn thể chính trị - xã hội
* ``enterprise``, ``other``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import gazetteer
from .text import collapse_ws, fold, nfc, normalize_tone_placement

# words that can start a unit name (folded, without the leading "cac")
_UNIT_HEADS = [
    "uy ban",
    "ubnd",
    "ub ",
    "hdnd",
    "hoi dong",
    "so ",
    "bo ",
    "ban ",
    "phong ",
    "cuc ",
    "chi cuc",
    "vu ",
    "van phong",
    "cong an",
    "bo chi huy",
    "bch ",
    "thanh uy",
    "tinh uy",
    "huyen uy",
    "quan uy",
    "thi uy",
    "dang uy",
    "dang doan",
    "ban can su",
    "mat tran",
    "mttq",
    "doan ",
    "doan thanh nien",
    "hoi ",
    "lien doan",
    "lien minh",
    "trung tam",
    "vien ",
    "truong ",
    "dai ",
    "bao ",
    "thong tan xa",
    "kho bac",
    "ngan hang",
    "thue ",
    "thanh tra",
    "toa an",
    "kiem toan",
    "chinh phu",
    "thu tuong",
    "quoc hoi",
    "tccs",
    "to chuc co so dang",
    "cap uy",
    "chi bo",
    "dang bo",
    "thuong truc",
    "btv",
    "ban thuong vu",
    "ban chi dao",
    "co quan",
    "don vi",
    "dia phuong",
    "doanh nghiep",
    "cong dong",
    "cong ty",
    "to chuc chinh tri",
    "to chuc",
    "thanh doan",
    "tinh doan",
    "nganh",
    "bo, ",
    "so, ",
    "ban, ",
    "phong, ",
    "doan the",
    "hoi dong nhan dan",
    "uy vien",
    "dai bieu",
    "cac bo",
    "cac so",
    "tong cuc",
    "tong cong ty",
    "tap doan",
    "hiep hoi",
    "lien hiep",
    "quy ",
    "ban quan ly",
    "bql",
    "hoc vien",
    "dai hoc",
    "bao hiem",
    "to dang",
    "chinh quyen",
    "chu dau tu",
    "nha dau tu",
    "hop tac xa",
    "co so giao duc",
    "cac co so",
]
_HEAD_RE = re.compile(
    r"^(?:cac |toan the )?(?:" + "|".join(re.escape(h.rstrip()) for h in _UNIT_HEADS) + r")\b"
)

# group phrases whose commas must not split
_GROUP_PHRASES = [
    "sở, ban, ngành",
    "bộ, ban, ngành",
    "ban, ngành, đoàn thể",
    "ban, ngành",
    "bộ, ngành",
    "sở, ngành",
    "cơ quan, đơn vị",
    "cơ quan, tổ chức",
    "phòng, ban",
    "phòng, ban, ngành",
    "cơ quan, đơn vị, địa phương",
    "tổ chức, cá nhân",
    "sở, ban",
    "tỉnh, thành phố",
    "quận, huyện",
    "huyện, thành phố",
    "xã, phường",
    "xã, phường, thị trấn",
    "phường, xã",
    "bộ, cơ quan ngang bộ",
    "ban, bộ, ngành",
    "đơn vị, địa phương",
    "ngành, địa phương",
    "sở, ban, ngành, địa phương",
    "bộ, ngành, cơ quan",
    "bộ, cơ quan",
    "sở, ngành, địa phương",
    "cấp, các ngành",
    "sở, ban ngành",
    "bộ, ban ngành",
    "sở, ngành, đơn vị",
    "ban, ngành, đơn vị",
    "phòng, ban, đơn vị",
    "khu, cụm công nghiệp",
    "khu, cụm",
]
# plus the gazetteer's names and group phrases that contain commas ("các bộ, ngành, địa
# phương", "Bộ Văn hóa, Thể thao và Du lịch", "Ủy ban Quốc phòng, An ninh và Đối ngoại")
_GROUP_RE = re.compile(
    "|".join(
        re.escape(p)
        for p in sorted({*_GROUP_PHRASES, *gazetteer.protected_phrases()}, key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_SEP = "\u0001"


_ROLE_RE = re.compile(
    r"^(?:cac )?(?:lanh dao|chu tich|pho chu tich|giam doc|thu truong|to truong|truong doan"
    r"|chu nhiem|"
    r"thanh vien|truong ban|truong phong|nguoi dung dau|cac dong chi|dong chi)\s+(.*)$"
)


# the same heads with diacritics: precise on normal text ("Sở" is not "số", "Ban" is not "bản")
_UNIT_HEADS_VI = [
    "ủy ban",
    "ubnd",
    "ub",
    "hđnd",
    "hội đồng",
    "sở",
    "bộ",
    "ban",
    "phòng",
    "cục",
    "chi cục",
    "vụ",
    "văn phòng",
    "vp",
    "công an",
    "bộ chỉ huy",
    "bch",
    "thành ủy",
    "tỉnh ủy",
    "huyện ủy",
    "quận ủy",
    "thị ủy",
    "đảng ủy",
    "đảng đoàn",
    "ban cán sự",
    "mặt trận",
    "mttq",
    "đoàn",
    "hội",
    "liên đoàn",
    "liên minh",
    "trung tâm",
    "viện",
    "trường",
    "đài",
    "báo",
    "thông tấn xã",
    "kho bạc",
    "ngân hàng",
    "thuế",
    "thanh tra",
    "tòa án",
    "kiểm toán",
    "chính phủ",
    "thủ tướng",
    "quốc hội",
    "tccs",
    "tổ chức",
    "cấp ủy",
    "chi bộ",
    "đảng bộ",
    "thường trực",
    "btv",
    "ban thường vụ",
    "ban chỉ đạo",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "doanh nghiệp",
    "công ty",
    "thành đoàn",
    "tỉnh đoàn",
    "ngành",
    "ủy viên",
    "đại biểu",
    "tổng cục",
    "tổng công ty",
    "tập đoàn",
    "hiệp hội",
    "liên hiệp",
    "quỹ",
    "bql",
    "học viện",
    "đại học",
    "bảo hiểm xã hội",
    "tổ đảng",
    "chính quyền",
    "chủ đầu tư",
    "nhà đầu tư",
    "hợp tác xã",
    "htx",
    "cơ sở",
    "đoàn thể",
    "kbnn",
    "lực lượng",
    "bộ phận",
    "tổ công tác",
    "cộng đồng",
    "các tỉnh",
    "các huyện",
    "các xã",
    "các quận",
    "các thành phố",
    "các phường",
    "tổ",
    "đội",
    "cảng vụ",
    "hạt kiểm lâm",
    "ubtvqh",
    "vpcp",
    "ttcp",
]
_NOT_UNIT_VI = re.compile(
    r"^(?:các |mọi )?(?:ban hành|hội nghị|hội thảo|hội nhập|trường hợp|đoàn kết"
    r"|tổ chức (?:thực hiện|triển khai|kiểm tra|"
    r"tuyên truyền|phổ biến|quán triệt|làm việc|huấn luyện)|cơ sở (?:dữ liệu|vật chất|hạ tầng"
    r"|pháp lý))\b"
)
_HEAD_VI_RE = re.compile(
    r"^(?:các |toàn thể )?(?:"
    + "|".join(re.escape(h) for h in sorted(_UNIT_HEADS_VI, key=len, reverse=True))
    + r")(?![\w])"
)
_ROLE_VI_RE = re.compile(
    r"^(?:các )?(?:lãnh đạo|chủ tịch|phó chủ tịch|giám đốc|thủ trưởng|tổ trưởng|trưởng đoàn"
    r"|chủ nhiệm|thành viên|"
    r"trưởng ban|trưởng phòng|người đứng đầu|các đồng chí|đồng chí|đ/c|chánh văn phòng|cục trưởng"
    r"|vụ trưởng)\s+(.*)$"
)


def looks_like_unit(s: str) -> bool:
    """True when ``s`` starts like an organisation name (a role word must be followed by one)."""
    first = re.split(r"[\s,;]", s.strip(), maxsplit=1)[0]
    if gazetteer.is_abbreviation(first):
        return True  # "VTV", "TTXVN, VOV", "VPCP"
    low = normalize_tone_placement(nfc(collapse_ws(s)).lower())
    if any(ord(ch) > 127 for ch in low):
        if _NOT_UNIT_VI.match(low):
            return False
        m = _ROLE_VI_RE.match(low)
        if m:
            return bool(_HEAD_VI_RE.match(m.group(1)))
        return bool(_HEAD_VI_RE.match(low))
    f = fold(s)
    m = _ROLE_RE.match(f)
    if m:
        return bool(_HEAD_RE.match(m.group(1) + " "))
    return bool(_HEAD_RE.match(f + " "))


def clean_unit(s: str) -> str:
    s = collapse_ws(s)
    s = re.sub(r"^(?:đề nghị|giao|yêu cầu|và|với)\s+", "", s, flags=re.IGNORECASE)
    s = s.strip(" ,;:.-–*+")
    s = re.sub(r"\s*\((?:[^()]{0,80})\)$", "", s) if s.endswith(")") and "(" in s[:-1] else s
    return s.strip(" ,;:.-–")


def split_units(text: str) -> list[str]:
    """Split "A, B và các C; D" into unit names, keeping group phrases intact.

    A piece after a separator starts a new unit only when it starts like a unit
    name ("Bộ Văn hóa, Thể thao và Du lịch" stays one unit).
    """
    text = collapse_ws(text)
    if not text:
        return []
    protected = _GROUP_RE.sub(lambda m: m.group(0).replace(",", _SEP), text)
    parts = re.split(r"(\s*[,;]\s*|\s+và\s+|\s+cùng\s+|\s*\+\s*)", protected)
    units: list[str] = []
    cur = ""
    for i in range(0, len(parts), 2):
        piece = parts[i]
        sep = parts[i - 1] if i > 0 else ""
        if not cur:
            cur = piece
        elif looks_like_unit(piece.replace(_SEP, ",")):
            units.append(cur)
            cur = piece
        else:
            cur = cur + sep + piece
    if cur:
        units.append(cur)
    out = []
    for unit in units:
        # two bodies in one table cell without a separator ("Sở Tài chính Sở Xây dựng")
        for u in gazetteer.split_adjacent(unit.replace(_SEP, ",")):
            u = clean_unit(u)
            if u and looks_like_unit(u) and len(u) <= 160:
                out.append(u)
    return out


# --------------------------------------------------------------------------------
# registry matching


@dataclass
class UnitRecord:
    id: int | str
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    kind: str = "other"
    parent_id: int | str | None = None


@dataclass
class UnitMatch:
    mention: str
    unit_ids: list[int | str]
    confidence: float
    reason: str


_ABBREV = [
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\buy ban mttq\b", "mat tran to quoc"),
    (r"\bub mttq\b", "mat tran to quoc"),
    (r"\bmttq\b", "mat tran to quoc"),
    (r"\buy ban mat tran to quoc\b", "mat tran to quoc"),
    (r"\bub\b", "uy ban"),
    (r"\btccs\b", "to chuc co so"),
    (r"\btp\b\.?", "thanh pho"),
    (r"\bbtv\b", "ban thuong vu"),
    (r"\bbch\b", "ban chap hanh"),
    (r"\bbtg\b", "ban tuyen giao"),
    (r"\bkh&cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\bviet nam\b", ""),
]


def canonical(s: str) -> str:
    """Folded, abbreviation-expanded form used for matching."""
    f = fold(s).replace("–", "-")
    f = re.sub(r"\([^)]*\)", " ", f)
    for pat, rep in _ABBREV:
        f = re.sub(pat, rep, f)
    f = re.sub(r"^(?:cac|moi|toan the)\s+", "", f.strip())
    f = re.sub(r"[^\w\s-]", " ", f)
    return collapse_ws(f)


# group rules: folded pattern -> registry kinds
_GROUP_RULES: list[tuple[re.Pattern[str], set[str], str]] = [
    (
        re.compile(r"\bto chuc co so dang\b|\bchi bo\b.*\bdang bo\b|\bdang bo co so\b"),
        {"party_grassroots"},
        "nhóm tổ chức cơ sở đảng",
    ),
    (re.compile(r"\bban xay dung dang\b"), {"party_agency"}, "nhóm ban xây dựng Đảng"),
    (
        re.compile(
            r"^(?:so ban nganh|ban nganh|phong ban|co quan don vi|bo nganh|so nganh"
            r"|phong ban don vi)\b"
        ),
        {"state_agency", "government_agency"},
        "nhóm sở, ban, ngành",
    ),
    (
        re.compile(r"\bmat tran\b.*\bdoan the\b|\bdoan the\b|\bto chuc chinh tri\s*-?\s*xa hoi\b"),
        {"front", "mass_org"},
        "nhóm Mặt trận và các đoàn thể",
    ),
    (re.compile(r"^cap uy\b"), {"party_committee"}, "nhóm cấp ủy"),
]


def _tokens(s: str) -> set[str]:
    return set(s.split())


def match_units(mentions: list[str], registry: list[UnitRecord]) -> list[UnitMatch]:
    """Match unit mentions (as found in tasks) to registry records.

    Exact canonical match (name/short name/alias) -> confidence 1.0; group
    mentions ("các ban, ngành thành phố") expand to every record of the matching
    kinds -> 0.7; containment -> 0.8; token overlap (Jaccard >= 0.6) -> 0.6.
    """
    index: list[tuple[UnitRecord, list[str]]] = []
    for rec in registry:
        names = [rec.name, rec.short_name, *rec.aliases]
        index.append((rec, [c for c in (canonical(n) for n in names if n) if c]))
    results: list[UnitMatch] = []
    for mention in mentions:
        cm = canonical(mention)
        if not cm:
            results.append(UnitMatch(mention, [], 0.0, "rỗng"))
            continue
        exact = [rec.id for rec, names in index if cm in names]
        if exact:
            results.append(UnitMatch(mention, exact, 1.0, "trùng tên/viết tắt"))
            continue
        group_done = False
        for pat, kinds, reason in _GROUP_RULES:
            if pat.search(cm):
                ids = [rec.id for rec, _ in index if rec.kind in kinds]
                if ids:
                    results.append(UnitMatch(mention, ids, 0.7, reason))
                    group_done = True
                    break
        if group_done:
            continue
        contained = [
            rec.id
            for rec, names in index
            if any(
                len(n) >= 6
                and (re.search(rf"\b{re.escape(n)}\b", cm) or re.search(rf"\b{re.escape(cm)}\b", n))
                for n in names
            )
        ]
        if len(contained) == 1:
            results.append(UnitMatch(mention, contained, 0.8, "tên chứa nhau"))
            continue
        mt = _tokens(cm)
        best: list[tuple[float, int | str]] = []
        for rec, names in index:
            score = max((len(mt & _tokens(n)) / len(mt | _tokens(n)) for n in names), default=0.0)
            if score >= 0.6:
                best.append((score, rec.id))
        if best:
            best.sort(key=lambda x: -x[0])
            top = best[0][0]
            results.append(
                UnitMatch(mention, [i for s, i in best if s == top], 0.6, "gần giống tên")
            )
        elif contained:
            results.append(UnitMatch(mention, contained, 0.5, "nhiều đơn vị chứa tên"))
        else:
            results.append(UnitMatch(mention, [], 0.0, "không tìm thấy"))
    return results
