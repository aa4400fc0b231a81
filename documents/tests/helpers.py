"""Documents the demo lacks: every demo document is published, so the scoping tests add drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from documents.models import Document, DocumentKind

if TYPE_CHECKING:
    from accounts.models import User


def ward_draft(demo: Any, **fields: Any) -> Document:
    """An unpublished plan issued by Đảng bộ Phường 1 (the reporter's unit)."""
    values: dict[str, Any] = {
        "kind": DocumentKind.PLAN,
        "number_symbol": "12-KH/ĐU",
        "issuer": demo.unit("DB-phuong-1"),
        "title": "Kế hoạch đổi mới sáng tạo của Đảng bộ Phường 1 (dự thảo)",
        "is_published": False,
    }
    values.update(fields)
    return Document.objects.create(**values)


def own_draft(user: User, **fields: Any) -> Document:
    """An unpublished document with no issuing unit, visible through its author only."""
    values: dict[str, Any] = {
        "kind": DocumentKind.OFFICIAL_LETTER,
        "number_symbol": "07/CV-TTYT",
        "issuer_name": "Trung tâm Y tế khu vực Bảo Lộc",
        "title": "Công văn về báo cáo số liệu nghiên cứu",
        "is_published": False,
        "created_by": user,
    }
    values.update(fields)
    return Document.objects.create(**values)
