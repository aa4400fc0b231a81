"""Matching needs to technology offers (ghép nối cung – cầu công nghệ).

A plain-Python library, like ``docparse``: no Django, so the benchmark and the app share it.
``Index`` ranks documents for a free-text query written the way a farmer or a small firm
writes it, and says why each result matched.
"""

from market.matching.index import Document, Index, Match

__all__ = ["Document", "Index", "Match"]
