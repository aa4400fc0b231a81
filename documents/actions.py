"""Named, transactional writes for the document registry (sổ văn bản) and its citation graph.

Every other app that registers a document or records a citation (the document import, later the
registries) goes through these: each checks who may write, saves, and writes its own audit row.

Audit convention (the same as ``plans.actions`` and ``reporting.actions.derive_reports``): one
row per object a person would look up on its own page — each document created gets its
``document.create`` row — while rows that only exist as part of a parent (the citations of a
document) get one summary row on that parent per call (``document.references.add``).

They compose: inside a caller's ``transaction.atomic`` block each runs in a savepoint, so a
failure later in the caller rolls back the documents and their audit rows with everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from audit.log import record, snapshot
from core.errors import NotAllowed
from core.permissions import REGISTER_DOCUMENT
from core.scoping import scope_for
from documents.models import Document, DocumentReference, ReferenceRelation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

DOCUMENT_FIELDS = (
    "kind",
    "number_symbol",
    "issuer",
    "issuer_name",
    "place",
    "issued_on",
    "title",
    "signer_title",
    "signer_name",
    "recipients",
    "is_published",
    "is_placeholder",
)


def can_create_document(user: User | AnonymousUser) -> bool:
    """May ``user`` add documents to the registry (văn bản, văn bản tham chiếu)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    return scope_for(user).can(REGISTER_DOCUMENT)


def can_edit_document(user: User | AnonymousUser, document: Document) -> bool:
    """Who registered the document, the monitoring office, or a writer over its issuer."""
    if not getattr(user, "is_authenticated", False):
        return False
    if document.created_by_id is not None and document.created_by_id == user.pk:
        return True
    issuer = document.issuer
    # Without an issuer in the tree only those who hold the capability everywhere may edit.
    return scope_for(user).can(REGISTER_DOCUMENT, issuer.path if issuer is not None else "")


@transaction.atomic
def create_document(
    actor: User, *, audit_changes: dict[str, Any] | None = None, **fields: Any
) -> Document:
    """Register one document; ``fields`` are model fields (``file`` may be a stored name, which
    is then shared, not copied). ``audit_changes`` adds entries to the audit row, e.g. the
    import that produced the document."""
    if not can_create_document(actor):
        raise NotAllowed()
    document = Document(created_by=actor, **fields)
    document.full_clean()
    document.save()
    changes: dict[str, Any] = {
        k: [None, v]
        for k, v in snapshot(document, DOCUMENT_FIELDS).items()
        if v not in (None, "", [], False)
    }
    changes.update(audit_changes or {})
    record(actor, "document.create", document, changes)
    return document


@dataclass(frozen=True)
class NewReference:
    """A citation to record (căn cứ, dẫn chiếu): the cited document, how, and the quoted text."""

    target: Document
    relation: str = ReferenceRelation.CITES
    text: str = ""


@transaction.atomic
def add_references(
    actor: User, document: Document, references: Sequence[NewReference]
) -> list[DocumentReference]:
    """Record that ``document`` cites each target. A document never cites itself and cites a
    document once: those are skipped, not refused (a parsed text names the same document
    twice). An unknown relation falls back to a plain citation. Every target must be visible
    to the actor, so nobody learns of or links to a document they cannot see."""
    if not can_edit_document(actor, document):
        raise NotAllowed()
    wanted = {ref.target.pk for ref in references}
    visible = set(
        Document.objects.visible_to(actor).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if wanted - visible:
        raise NotAllowed()
    seen = set(document.references.values_list("target_id", flat=True)) | {document.pk}
    created: list[DocumentReference] = []
    for ref in references:
        if ref.target.pk in seen:
            continue
        seen.add(ref.target.pk)
        relation = ref.relation if ref.relation in ReferenceRelation.values else None
        created.append(
            DocumentReference(
                source=document,
                target=ref.target,
                relation=relation or ReferenceRelation.CITES,
                text=ref.text or "",
            )
        )
    if not created:
        return []
    DocumentReference.objects.bulk_create(created)
    record(
        actor,
        "document.references.add",
        document,
        {"references": [None, [f"{r.get_relation_display()}: {r.target}" for r in created]]},
    )
    return created
