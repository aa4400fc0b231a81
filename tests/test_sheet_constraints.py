"""The registry import evaluates simple check constraints in Python (core.sheets._holds) so a
large sheet does not query the database per row and constraint: the verdict must be the
database's own, for every check constraint of the registries that import sheets."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from cooperation.models import Agreement
from core.sheets import _holds, _Unsupported
from events.models import Event
from experts.models import Expert
from ip.models import AuthorisedUser, IpTitle, Product

D = datetime.date
VALUES: dict[str, list[Any]] = {
    "starts_on": [D(2024, 5, 1)],
    "ends_on": [D(2024, 4, 1), D(2024, 5, 1), D(2024, 6, 1)],
    "participants": [0, 2_000_000],
    "organiser_id": [None],
    "organiser_name": ["", "Trạm"],
    "signed_on": [None, D(2024, 5, 1)],
    "valid_until": [None, D(2024, 1, 1), D(2030, 1, 1)],
    "status": ["negotiating", "active"],
    "birth_year": [1850, 1980],
    "consent_on": [None, D(2025, 1, 1)],
    "consent_profile": [False, True],
    "is_anonymised": [False, True],
    "email": ["", "a@b.vn"],
    "ocop_stars": [None, 2, 4],
    "number": ["", "123"],
    "grant_date": [None, D(2020, 1, 1)],
    "filing_date": [None, D(2021, 1, 1)],
    "valid_from": [D(2024, 1, 1)],
    "valid_to": [None, D(2023, 1, 1), D(2025, 1, 1)],
    "volume_tonnes": [None, Decimal("-1"), Decimal("5")],
}


def _variants(model: type[models.Model]) -> list[models.Model]:
    names = [n for n in VALUES if any(f.attname == n for f in model._meta.concrete_fields)]
    out = []
    for combo in itertools.product(*(VALUES[n] for n in names)):
        instance = model()
        for name, value in zip(names, combo, strict=True):
            setattr(instance, name, value)
        out.append(instance)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Event, Agreement, Expert, Product, IpTitle, AuthorisedUser])
def test_python_verdicts_match_the_database(model: type[models.Model]) -> None:
    checked = 0
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        for instance in _variants(model):
            try:
                mine = _holds(constraint.condition, instance) is not False
            except _Unsupported:
                continue
            try:
                constraint.validate(model, instance)
                database = True
            except ValidationError:
                database = False
            assert mine == database, (constraint.name, vars(instance))
            checked += 1
    assert checked > 0
