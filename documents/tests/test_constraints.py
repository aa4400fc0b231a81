"""A document cannot cite itself (the database refuses it; the import already skips it)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from documents.models import DocumentReference

pytestmark = pytest.mark.django_db


def test_a_document_cannot_cite_itself(db: Any) -> None:
    reference = DocumentReference.objects.order_by("created_at").first()
    assert reference is not None
    rows = DocumentReference.objects.filter(pk=reference.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(target=reference.source)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentReference.objects.create(source=reference.source, target=reference.source)
