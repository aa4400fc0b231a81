"""Roll-up: each method, the unit tree, successors (merge and split), and the table."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from indicators import rollup
from indicators.models import Aggregation, Indicator, IndicatorValue, ValueType

Y2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
Q = [
    (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)),
    (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)),
    (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30)),
]


def make(code: str, aggregation: str, **extra: Any) -> Indicator:
    return Indicator.objects.create(
        code=code, name=code, aggregation=aggregation, value_type=ValueType.DECIMAL, **extra
    )


def put(ind: Indicator, unit: Any, period: tuple[datetime.date, datetime.date], v: str) -> None:
    IndicatorValue.objects.create(
        indicator=ind, unit=unit, period_start=period[0], period_end=period[1], value=Decimal(v)
    )


@pytest.fixture
def tree(demo: Any) -> dict[str, Any]:
    return {c: demo.unit(c) for c in ("UBND-DL", "PKT-DL", "PNV-DL", "DB-phuong-1")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [
        (Aggregation.SUM, Decimal("21.00")),  # 1+2+4 (PKT) + 10+4 (PNV)
        (Aggregation.AVERAGE, Decimal("4.20")),
        (Aggregation.MAXIMUM, Decimal("10.00")),
        (Aggregation.LATEST, Decimal("8.00")),  # Q3: PKT 4 + PNV 4 (PNV's Q1 value is older)
    ],
)
def test_each_method_over_the_tree(
    tree: dict[str, Any], aggregation: str, expected: Decimal
) -> None:
    ind = make("T-" + aggregation, aggregation)
    for period, v in zip(Q, ("1", "2", "4"), strict=True):
        put(ind, tree["PKT-DL"], period, v)
    put(ind, tree["PNV-DL"], Q[0], "10")
    put(ind, tree["PNV-DL"], Q[2], "4")
    put(ind, tree["DB-phuong-1"], Q[0], "1000")  # another branch: never counted for UBND-DL
    assert rollup.rollup(ind, tree["UBND-DL"], *Y2024) == expected
    # A leaf gives its own figure; a period with no values gives None.
    assert rollup.rollup(ind, tree["PNV-DL"], *Q[0]) == Decimal("10.00")
    assert (
        rollup.rollup(ind, tree["UBND-DL"], datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))
        is None
    )


@pytest.mark.django_db
def test_values_outside_the_period_do_not_count(tree: dict[str, Any]) -> None:
    ind = make("T-PERIOD", Aggregation.SUM)
    put(ind, tree["PKT-DL"], Q[0], "5")
    put(ind, tree["PKT-DL"], (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)), "7")
    assert rollup.rollup(ind, tree["PKT-DL"], *Q[0]) == Decimal("5.00")
    assert rollup.rollup(ind, tree["PKT-DL"], *Y2024) == Decimal("12.00")


@pytest.mark.django_db
def test_ratio_of_two_rolled_up_indicators(tree: dict[str, Any]) -> None:
    spend = make("T-SPEND", Aggregation.SUM)
    budget = make("T-BUDGET", Aggregation.SUM)
    share = make("T-SHARE", Aggregation.RATIO, numerator=spend, denominator=budget)
    put(spend, tree["PKT-DL"], Q[0], "3")
    put(spend, tree["PNV-DL"], Q[1], "1")
    put(budget, tree["PKT-DL"], Q[0], "150")
    put(budget, tree["PNV-DL"], Q[1], "50")
    # (3 + 1) / (150 + 50) × 100 — the ratio of the sums, not the mean of the ratios.
    assert rollup.rollup(share, tree["UBND-DL"], *Y2024) == Decimal("2.00")
    assert rollup.rollup(share, tree["PKT-DL"], *Y2024) == Decimal("2.00")
    assert rollup.rollup(share, tree["PNV-DL"], *Y2024) == Decimal("2.00")
    put(spend, tree["DB-phuong-1"], Q[0], "9")  # no budget there: no ratio, not a division by 0
    assert rollup.rollup(share, tree["DB-phuong-1"], *Y2024) is None


@pytest.mark.django_db
def test_merged_units_history_counts_toward_the_successor(demo: Any) -> None:
    ind = make("T-MERGE", Aggregation.SUM)
    successor = demo.unit("DU-xuan-huong")  # DB-phuong-1, 2 and 10 merged into it
    put(ind, demo.unit("DB-phuong-1"), Q[0], "3")
    put(ind, demo.unit("DB-phuong-2"), Q[0], "4")
    put(ind, demo.unit("DB-phuong-3"), Q[0], "100")  # merged into Cam Ly, not Xuân Hương
    put(ind, successor, (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)), "5")
    whole = (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
    assert rollup.rollup(ind, successor, *whole) == Decimal("12.00")
    # The common parent of old and new units counts every row once.
    common = _common_ancestor(demo.unit("DB-phuong-1"), successor)
    assert common is not None
    assert rollup.rollup(ind, common, *whole) == Decimal("112.00")


def _common_ancestor(a: Any, b: Any) -> Any:
    from orgunits.models import OrgUnit

    best = None
    for unit in OrgUnit.objects.all():
        if a.path.startswith(unit.path) and b.path.startswith(unit.path):
            if best is None or unit.depth > best.depth:
                best = unit
    return best


@pytest.mark.django_db
def test_split_history_goes_to_the_common_parent_only(demo: Any) -> None:
    ind = make("T-SPLIT", Aggregation.SUM)
    old_city = demo.unit("UBND-DL")  # split into the five new wards' people's committees
    ward = demo.unit("UBND-xuan-huong")
    put(ind, old_city, Q[0], "50")
    put(ind, ward, (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)), "5")
    whole = (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
    # One part alone does not inherit the whole city's figure …
    assert rollup.rollup(ind, ward, *whole) == Decimal("5.00")
    # … a unit holding all the parts does, once.
    province = demo.unit("UBND-LD")
    assert rollup.rollup(ind, province, *whole) == Decimal("55.00")


@pytest.mark.django_db
def test_predecessor_included_when_all_successors_are_inside() -> None:
    from orgunits.models import OrgUnit, SuccessionKind, UnitKind, UnitSuccession

    root = OrgUnit.objects.create(code="T-ROOT", name="Gốc", kind=UnitKind.OTHER)
    other = OrgUnit.objects.create(code="T-OTHER", name="Khác", kind=UnitKind.OTHER)
    old = OrgUnit.objects.create(
        code="T-OLD",
        name="Cũ",
        kind=UnitKind.OTHER,
        parent=other,
        valid_to=datetime.date(2024, 12, 31),
    )
    a = OrgUnit.objects.create(code="T-A", name="A", kind=UnitKind.OTHER, parent=root)
    b = OrgUnit.objects.create(code="T-B", name="B", kind=UnitKind.OTHER, parent=root)
    for new in (a, b):
        UnitSuccession.objects.create(
            predecessor=old,
            successor=new,
            kind=SuccessionKind.SPLIT,
            effective_date=datetime.date(2025, 1, 1),
        )
    assert rollup.included_predecessor_ids(root) == {old.pk}
    assert rollup.included_predecessor_ids(a) == set()
    ind = make("T-SPLIT2", Aggregation.SUM)
    put(ind, old, Q[0], "8")
    put(ind, a, Q[1], "1")
    assert rollup.rollup(ind, root, *Y2024) == Decimal("9.00")
    assert rollup.rollup(ind, a, *Y2024) == Decimal("1.00")


@pytest.mark.django_db
def test_table_agrees_with_rollup_on_the_demo_catalogue(
    demo: Any, django_assert_max_num_queries: Any
) -> None:
    indicators = list(
        Indicator.objects.filter(is_active=True).select_related("numerator", "denominator")
    )
    assert len(indicators) > 20
    units = [demo.unit(c) for c in ("UBND-DL", "PKT-DL", "DU-xuan-huong", "DHDL")]
    # A computed indicator is one query of its registry per unit (indicators.computed).
    computed = sum(1 for i in indicators if i.is_computed)
    with django_assert_max_num_queries((4 + computed) * len(units) + 2):
        rows = rollup.table(indicators, units, Y2024)
    for row in rows:
        for cell in row.cells:
            assert cell.value == rollup.rollup(row.indicator, cell.unit, *Y2024), row.indicator.code
    ratio = next(r for r in rows if r.indicator.code == "TL-NS-KHCN")
    assert ratio.cells[0].value is not None and Decimal("0.3") < ratio.cells[0].value < Decimal("3")


def test_target_year_is_the_next_milestone() -> None:
    assert rollup.target_year(datetime.date(2020, 12, 31)) == 2020
    assert rollup.target_year(datetime.date(2021, 3, 31)) == 2025
    assert rollup.target_year(datetime.date(2025, 12, 31)) == 2025
    assert rollup.target_year(datetime.date(2026, 6, 30)) == 2030
