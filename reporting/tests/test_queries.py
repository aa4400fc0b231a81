"""List pages do not grow queries with the number of rows (no N+1)."""

from __future__ import annotations

from typing import Any

import pytest

from reporting.models import Issue, UnitReport
from reporting.tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/reporting/", "/reporting/?state=overdue", "/reporting/issues/", "/api/unit-reports/"],
)
def test_list_pages_use_a_fixed_number_of_queries(
    url: str, django_assert_max_num_queries: Any
) -> None:
    assert UnitReport.objects.count() > 50 and Issue.objects.exists()
    client = client_for("monitor")
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_calendar_and_round_pages_use_a_fixed_number_of_queries(
    demo: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("monitor")
    round_ = demo.seed_plan.rounds.order_by("-period_end").first()
    assert round_ is not None
    with django_assert_max_num_queries(20):
        assert client.get(f"/reporting/plans/{demo.seed_plan.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/reporting/rounds/{round_.pk}/").status_code == 200
