"""Document writes: each registers its audit row, refuses who may not write, and leaves
nothing behind when it, or the transaction it runs in, fails."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.log import history_for
from audit.models import AuditEntry
from core.errors import NotAllowed
from documents.actions import NewReference, add_references, create_document
from documents.models import Document, DocumentKind, DocumentReference, ReferenceRelation

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Document.objects.count(), DocumentReference.objects.count(), AuditEntry.objects.count()


def test_create_document_saves_and_writes_its_audit_row(demo: Any) -> None:
    actor = demo.user("manager")
    document = create_document(
        actor,
        kind=DocumentKind.PLAN,
        number_symbol="77-KH/UBND",
        issuer=demo.unit("UBND-DL"),
        issued_on=datetime.date(2025, 4, 1),
        title="Kế hoạch thử nghiệm",
        audit_changes={"import": [None, "lượt nhập 1"]},
    )
    document.refresh_from_db()
    assert document.created_by == actor and document.search_text  # saved through save()
    entry = history_for(document).get()
    assert entry.action == "document.create" and entry.actor == actor
    assert entry.changes["number_symbol"] == [None, "77-KH/UBND"]
    assert entry.changes["issued_on"] == [None, "2025-04-01"]
    assert entry.changes["import"] == [None, "lượt nhập 1"]
    assert "is_published" not in entry.changes  # False/empty values are not listed


def test_invalid_document_changes_nothing(demo: Any) -> None:
    before = _counts()
    with pytest.raises(ValidationError):
        create_document(demo.user("manager"), kind=DocumentKind.PLAN, title="")
    assert _counts() == before


def test_readers_may_not_register_documents(demo: Any) -> None:
    before = _counts()
    with pytest.raises(NotAllowed):
        create_document(demo.user("supervisor"), kind=DocumentKind.PLAN, title="Không được")
    assert _counts() == before


def test_a_failure_in_the_callers_transaction_rolls_the_document_back(demo: Any) -> None:
    actor = demo.user("monitor")
    before = _counts()
    cited = Document.objects.get(number_symbol="101-KH/TU")
    with pytest.raises(RuntimeError), transaction.atomic():
        document = create_document(actor, kind=DocumentKind.PLAN, title="Sẽ bị hủy")
        add_references(actor, document, [NewReference(target=cited)])
        assert _counts() == (before[0] + 1, before[1] + 1, before[2] + 2)
        raise RuntimeError("lỗi sau đó")
    assert _counts() == before


def test_add_references_skips_self_and_repeats_and_writes_one_summary_row(demo: Any) -> None:
    actor = demo.user("monitor")
    document = create_document(actor, kind=DocumentKind.PLAN, title="Văn bản nguồn")
    cited = Document.objects.get(number_symbol="101-KH/TU")
    placeholder = create_document(
        actor, kind=DocumentKind.CONCLUSION, number_symbol="50-KL/TW", title="50-KL/TW"
    )
    created = add_references(
        actor,
        document,
        [
            NewReference(target=cited, relation=ReferenceRelation.IMPLEMENTS, text="Thực hiện"),
            NewReference(target=cited),  # named twice in the text
            NewReference(target=document),  # never itself
            NewReference(target=placeholder, relation="không rõ"),
        ],
    )
    assert [(r.target, r.relation) for r in created] == [
        (cited, "implements"),
        (placeholder, "cites"),  # an unknown relation is a plain citation
    ]
    assert add_references(actor, document, [NewReference(target=cited)]) == []  # already there
    rows = history_for(document).filter(action="document.references.add")
    assert rows.count() == 1
    assert len(rows.get().changes["references"][1]) == 2


def test_references_to_documents_the_actor_cannot_see_are_refused(demo: Any) -> None:
    hidden = Document.objects.create(
        kind=DocumentKind.REPORT,
        title="Báo cáo nội bộ Bảo Lộc",
        issuer=demo.unit("TTYT-BL"),
        created_by=demo.user("outsider"),
    )
    actor = demo.user("reporter")
    document = create_document(actor, kind=DocumentKind.PLAN, title="Văn bản của phường")
    before = _counts()
    with pytest.raises(NotAllowed):
        add_references(actor, document, [NewReference(target=hidden)])
    assert _counts() == before


def test_only_writers_of_a_document_add_its_references(demo: Any) -> None:
    document = create_document(demo.user("monitor"), kind=DocumentKind.PLAN, title="Của Ban")
    cited = Document.objects.get(number_symbol="101-KH/TU")
    with pytest.raises(NotAllowed):
        add_references(demo.user("outsider"), document, [NewReference(target=cited)])
