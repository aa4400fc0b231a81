"""Vietnamese-aware text folding for search and matching.

One implementation serves the whole project: the parser package's (``docparse`` has no Django
dependency, so the web apps import it from there). It lower-cases, strips diacritics and folds
đ/Đ → d explicitly (they are separate letters and do not decompose under NFD), so "Đà Lạt",
"ĐÀ LẠT" and "da lat" compare equal.
"""

import re

from docparse.text import fold

__all__ = ["fold", "text_key"]

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def text_key(text: str) -> str:
    """Folded text without punctuation: what two free texts must share to count as the same
    ("Thiếu kinh phí." and "THIẾU KINH PHÍ" do; stored where SQL must group such texts)."""
    return " ".join(_PUNCT.sub(" ", fold(text)).split())
