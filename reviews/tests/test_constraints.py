"""A compiled report's period cannot end before it starts (the database refuses it)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from reviews.models import Review

pytestmark = pytest.mark.django_db


def test_a_review_period_cannot_end_before_it_starts(db: Any) -> None:
    review = Review.objects.order_by("created_at").first()
    assert review is not None
    rows = Review.objects.filter(pk=review.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(period_end=review.period_start.replace(year=review.period_start.year - 1))
    rows.update(period_end=review.period_start)
