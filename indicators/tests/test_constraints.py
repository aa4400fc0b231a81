"""Indicators guard themselves: the database refuses a maximum below the minimum and a value
whose period ends before it starts; the admin's form says why."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def refused(write: Callable[[], Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_the_maximum_is_not_below_the_minimum(db: Any) -> None:
    indicator = Indicator.objects.order_by("code").first()
    assert indicator is not None
    rows = Indicator.objects.filter(pk=indicator.pk)
    refused(lambda: rows.update(min_value=Decimal(10), max_value=Decimal(5)))
    rows.update(min_value=Decimal(5), max_value=Decimal(5))
    rows.update(min_value=None, max_value=Decimal(-1))


def test_a_value_cannot_end_before_it_starts(db: Any) -> None:
    value = IndicatorValue.objects.order_by("period_start").first()
    assert value is not None
    rows = IndicatorValue.objects.filter(pk=value.pk)
    refused(lambda: rows.update(period_end=value.period_start - datetime.timedelta(days=1)))


def test_a_model_form_shows_the_constraint_message(db: Any) -> None:
    form_class = modelform_factory(
        Indicator, fields=["code", "name", "value_type", "aggregation", "min_value", "max_value"]
    )
    form = form_class(
        data={
            "code": "T-1",
            "name": "Chỉ tiêu thử",
            "value_type": "integer",
            "aggregation": "sum",
            "min_value": "10",
            "max_value": "5",
        }
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["Giá trị tối đa không được nhỏ hơn giá trị tối thiểu."]
