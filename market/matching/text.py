"""Vietnamese text for matching: syllables, diacritic folding, filler words.

Vietnamese words are one or more syllables separated by spaces ("bảo quản", "nuôi cấy mô"),
so a word segmenter is approximated by syllables plus adjacent syllable pairs. Two forms of
every syllable are kept: the accented one and the folded one (no diacritics, đ -> d). When a
query is typed with diacritics its syllables match accented forms, which keeps "sâu" (pest)
apart from "sau" (after, as in "sau thu hoạch"); a query typed without diacritics matches folded
forms.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[0-9a-zA-Z\u00C0-\u1EF9]+(?:[-.][0-9a-zA-Z\u00C0-\u1EF9]+)*")
_COMBINING_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def fold(text: str) -> str:
    """Lower-case, strip every diacritic, đ -> d (đ does not decompose in Unicode)."""
    s = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", s)


def has_diacritics(text: str) -> bool:
    """True when the text carries Vietnamese marks (then accented matching is meaningful)."""
    return fold(text) != text.lower()


def syllables(text: str) -> list[str]:
    """Lower-cased NFC syllables; hyphenated codes ("TR4", "LK92-11") stay whole."""
    return [m.group(0) for m in _WORD.finditer(unicodedata.normalize("NFC", text.lower()))]


# Words that say how a need is asked, not what it is about. Folded, so they apply to both forms.
FILLER = frozenset(
    fold(w)
    for w in """
    tôi em anh chị nhà mình chúng bọn ta ai gì nào sao thế vậy làm_sao cách có không được bị
    muốn cần tìm hỏi xin giúp đang đã sẽ rồi mà thì là và với hay hoặc của cho để nên vì nếu khi
    lúc này kia đó ở tại trong ngoài trên dưới ra vào lên xuống các những mỗi mọi nhiều ít rất quá
    lắm hơn nhất cũng vẫn còn chỉ cứ hoài mấy một hai ba năm tháng ngày người loại cái con chiếc
    việc điều ạ nhé nha ơi thôi đâu hết luôn bao giờ như kiểu nào thấy biết nghe nói làm
    """.replace("_", " ").split()
)
