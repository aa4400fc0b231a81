"""Keeps the holder's name in the IP titles' search columns (tên chủ văn bằng).

``IpTitle.search_text`` and ``public_search_text`` include the holder organisation's name;
``organisations`` calls ``core.renames.notify_renamed`` on a rename and this listener
(registered in ``IpConfig.ready``) rewrites the holder's titles in bounded batches, in the
same transaction as the rename.
"""

from __future__ import annotations

from typing import Any

from core.renames import refresh_in_batches
from ip.models import IpTitle


def _columns(title: IpTitle) -> dict[str, str]:
    return {
        "search_text": title.build_search_text(),
        "public_search_text": title.build_public_search_text(),
    }


def refresh_holder_names(organisation: Any) -> int:
    return refresh_in_batches(
        IpTitle.objects.filter(holder=organisation),
        ["search_text", "public_search_text"],
        _columns,
        related=["holder"],
    )
