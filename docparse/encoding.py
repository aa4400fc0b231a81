"""Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) -> Unicode NFC.

Texts typed with the old ``.VnTime`` (TCVN3) or ``VNI-Times`` fonts arrive as
Latin-1 look-alike characters ("ViÖt Nam", "Vieät Nam").  ``fix_legacy_vietnamese``
detects them and converts them; normal Unicode Vietnamese is never touched
(the conversion is only applied when it makes the text *more* Vietnamese).
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3 (ABC) -----------------------------------------------------------
# legacy char -> Unicode char.  Capital toned letters do not exist in TCVN3
# (they are written with the lower-case codes in an all-caps font).
TCVN3_TO_UNICODE: dict[str, str] = {
    "\u00b5": "à",
    "\u00b6": "ả",
    "\u00b7": "ã",
    "\u00b8": "á",
    "\u00b9": "ạ",
    "\u00a8": "ă",
    "\u00bb": "ằ",
    "\u00bc": "ẳ",
    "\u00bd": "ẵ",
    "\u00be": "ắ",
    "\u00c6": "ặ",
    "\u00a9": "â",
    "\u00c7": "ầ",
    "\u00c8": "ẩ",
    "\u00c9": "ẫ",
    "\u00ca": "ấ",
    "\u00cb": "ậ",
    "\u00ae": "đ",
    "\u00cc": "è",
    "\u00ce": "ẻ",
    "\u00cf": "ẽ",
    "\u00d0": "é",
    "\u00d1": "ẹ",
    "\u00aa": "ê",
    "\u00d2": "ề",
    "\u00d3": "ể",
    "\u00d4": "ễ",
    "\u00d5": "ế",
    "\u00d6": "ệ",
    "\u00d7": "ì",
    "\u00d8": "ỉ",
    "\u00dc": "ĩ",
    "\u00dd": "í",
    "\u00de": "ị",
    "\u00df": "ò",
    "\u00e1": "ỏ",
    "\u00e2": "õ",
    "\u00e3": "ó",
    "\u00e4": "ọ",
    "\u00ab": "ô",
    "\u00e5": "ồ",
    "\u00e6": "ổ",
    "\u00e7": "ỗ",
    "\u00e8": "ố",
    "\u00e9": "ộ",
    "\u00ac": "ơ",
    "\u00ea": "ờ",
    "\u00eb": "ở",
    "\u00ec": "ỡ",
    "\u00ed": "ớ",
    "\u00ee": "ợ",
    "\u00ef": "ù",
    "\u00f1": "ủ",
    "\u00f2": "ũ",
    "\u00f3": "ú",
    "\u00f4": "ụ",
    "\u00ad": "ư",
    "\u00f5": "ừ",
    "\u00f6": "ử",
    "\u00f7": "ữ",
    "\u00f8": "ứ",
    "\u00f9": "ự",
    "\u00fa": "ỳ",
    "\u00fb": "ỷ",
    "\u00fc": "ỹ",
    "\u00fd": "ý",
    "\u00fe": "ỵ",
    "\u00a1": "Ă",
    "\u00a2": "Â",
    "\u00a7": "Đ",
    "\u00a3": "Ê",
    "\u00a4": "Ô",
    "\u00a5": "Ơ",
    "\u00a6": "Ư",
}
UNICODE_TO_TCVN3: dict[str, str] = {v: k for k, v in TCVN3_TO_UNICODE.items()}

# --- VNI-Windows -------------------------------------------------------------
# A VNI letter is a base ASCII letter followed by one mark character.
_VNI_TONES_LOWER = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_TONES_UPPER = {"Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
# circumflex + tone, breve + tone
_VNI_CIRC_LOWER = {
    "â": "",
    "á": "\u0301",
    "à": "\u0300",
    "å": "\u0309",
    "ã": "\u0303",
    "ä": "\u0323",
}
_VNI_CIRC_UPPER = {
    "Â": "",
    "Á": "\u0301",
    "À": "\u0300",
    "Å": "\u0309",
    "Ã": "\u0303",
    "Ä": "\u0323",
}
_VNI_BREVE_LOWER = {
    "ê": "",
    "é": "\u0301",
    "è": "\u0300",
    "ú": "\u0309",
    "ü": "\u0303",
    "ë": "\u0323",
}
_VNI_BREVE_UPPER = {
    "Ê": "",
    "É": "\u0301",
    "È": "\u0300",
    "Ú": "\u0309",
    "Ü": "\u0303",
    "Ë": "\u0323",
}


def _c(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _build_vni() -> dict[str, str]:
    m: dict[str, str] = {}
    for upper in (False, True):
        tones = _VNI_TONES_UPPER if upper else _VNI_TONES_LOWER
        circ = _VNI_CIRC_UPPER if upper else _VNI_CIRC_LOWER
        breve = _VNI_BREVE_UPPER if upper else _VNI_BREVE_LOWER
        vowels = "AEOUY" if upper else "aeouy"
        for v in vowels:
            for mark, comb in tones.items():
                m[v + mark] = _c(v + comb)
        for v in ("A", "E", "O") if upper else ("a", "e", "o"):
            for mark, comb in circ.items():
                m[v + mark] = _c(v + "\u0302" + comb)
        a = "A" if upper else "a"
        for mark, comb in breve.items():
            m[a + mark] = _c(a + "\u0306" + comb)
        # horn letters: ơ = "ô", ư = "ö" (+ tone)
        o_horn, u_horn = ("Ô", "Ö") if upper else ("ô", "ö")
        m[o_horn] = _c(("O" if upper else "o") + "\u031b")
        m[u_horn] = _c(("U" if upper else "u") + "\u031b")
        for mark, comb in tones.items():
            m[o_horn + mark] = _c(("O" if upper else "o") + "\u031b" + comb)
            m[u_horn + mark] = _c(("U" if upper else "u") + "\u031b" + comb)
    # i with tones are single characters; đ; ỵ
    m.update(
        {
            "í": "í",
            "ì": "ì",
            "æ": "ỉ",
            "ó": "ĩ",
            "ò": "ị",
            "Í": "Í",
            "Ì": "Ì",
            "Æ": "Ỉ",
            "Ó": "Ĩ",
            "Ò": "Ị",
            "ñ": "đ",
            "Ñ": "Đ",
            "î": "ỵ",
            "Î": "Ỵ",
        }
    )
    return m


VNI_TO_UNICODE: dict[str, str] = _build_vni()
UNICODE_TO_VNI: dict[str, str] = {}
for _k, _v in sorted(VNI_TO_UNICODE.items(), key=lambda kv: len(kv[0])):
    # prefer the canonical spelling for í/ì (single chars map to themselves)
    UNICODE_TO_VNI.setdefault(_v, _k)

_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))
_TCVN3_RE = re.compile("[" + re.escape("".join(TCVN3_TO_UNICODE)) + "]")

# characters that never occur in Unicode Vietnamese but are typical of legacy text
_TCVN3_STRONG = set("µ¶·¸¹¨»¼½¾Æ©ÇËÎÏÐÑª×ØÜÝÞß«åæçëîïñö÷øûüþ¡¢§£¤¥¦¬") | {"\u00ad"}
_VNI_STRONG = set("øûïäåëüæñöØÛÏÄÅËÜÆÑÖ")
_VIET_UNICODE_RE = re.compile("[\u1ea0-\u1ef9ăđơưĂĐƠƯ]")

_COMMON_WORDS = frozenset(
    "của và các được những trong không người năm nhân thực hiện việc theo này cho với đã để "
    "công tác quản lý nhà nước tỉnh thành phố về có là một kế hoạch số ngày tháng quyết định "
    "chủ trì phối hợp đơn vị cơ quan trên địa bàn xã hội phát triển".split()
)
_WORD_RE = re.compile(r"\w+")


def viet_score(text: str) -> int:
    """Number of very common (correctly encoded) Vietnamese words in ``text``."""
    return sum(1 for w in _WORD_RE.findall(text.lower()) if w in _COMMON_WORDS)


def tcvn3_to_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", _TCVN3_RE.sub(lambda m: TCVN3_TO_UNICODE[m.group(0)], text))


def vni_to_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text))


def unicode_to_tcvn3(text: str) -> str:
    """Encoder used by the tests (round-trip).  Capital toned letters become lower-case codes."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch])
        elif ch.lower() in UNICODE_TO_TCVN3 and ch.lower() != ch:
            out.append(UNICODE_TO_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def unicode_to_vni(text: str) -> str:
    """Encoder used by the tests (round-trip)."""
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def detect_legacy(text: str) -> str | None:
    """Return "TCVN3", "VNI" or None."""
    sample = text[:200_000]
    strong_t = sum(1 for ch in sample if ch in _TCVN3_STRONG)
    strong_v = sum(1 for ch in sample if ch in _VNI_STRONG)
    if strong_t < 3 and strong_v < 3:
        return None
    base = viet_score(sample)
    best: tuple[int, str | None] = (base, None)
    if strong_t >= 3:
        s = viet_score(tcvn3_to_unicode(sample))
        if s > best[0]:
            best = (s, "TCVN3")
    if strong_v >= 3:
        s = viet_score(vni_to_unicode(sample))
        if s > best[0]:
            best = (s, "VNI")
    if best[1] is None:
        return None
    # the conversion must clearly improve the text
    if best[0] < max(3, int(base * 1.5) + 1):
        return None
    return best[1]


def fix_legacy_vietnamese(text: str) -> tuple[str, str | None]:
    """Detect TCVN3/VNI text and convert it to Unicode; always returns NFC text.

    Returns ``(text, detected)`` where ``detected`` is "TCVN3", "VNI" or None.
    """
    text = unicodedata.normalize("NFC", text)
    kind = detect_legacy(text)
    if kind == "TCVN3":
        return tcvn3_to_unicode(text), kind
    if kind == "VNI":
        return vni_to_unicode(text), kind
    return text, None


LEGACY_WARNINGS = {
    "TCVN3": "Đã chuyển mã từ TCVN3 (ABC) sang Unicode",
    "VNI": "Đã chuyển mã từ VNI-Windows sang Unicode",
}
