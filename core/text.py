"""Vietnamese-aware text folding for search and matching.

One implementation serves the whole project: the parser package's (``docparse`` has no Django
dependency, so the web apps import it from there). It lower-cases, strips diacritics and folds
đ/Đ → d explicitly (they are separate letters and do not decompose under NFD), so "Đà Lạt",
"ĐÀ LẠT" and "da lat" compare equal.
"""

from docparse.text import fold

__all__ = ["fold"]
