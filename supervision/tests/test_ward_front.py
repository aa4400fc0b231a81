"""The current Front persona (mttqphuong, Ủy ban MTTQ phường Xuân Hương - Đà Lạt, formed at
the 2025 reform): its running supervision opens the ward's received reports read-only, the ward
government answers its recommendation, and the dissolved city Front's persona sees neither."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import client_for
from reporting.models import RECEIVED_STATUSES, UnitReport
from supervision.models import Recommendation, Supervision

pytestmark = pytest.mark.django_db


def _running(demo: Any) -> Supervision:
    return Supervision.objects.get(
        programme__organiser=demo.unit("MTTQ-xuan-huong"), subject__startswith="Việc thực hiện"
    )


def test_the_ward_front_reads_the_ward_reports_through_its_running_supervision(demo: Any) -> None:
    supervision = _running(demo)
    received = (
        UnitReport.objects.filter(
            unit__code__in=["UBND-xuan-huong", "DU-xuan-huong"], status__in=RECEIVED_STATUSES
        )
        .order_by("round__due_date", "unit__code")
        .first()
    )
    assert received is not None
    url = reverse("reporting:report_detail", args=[received.pk])
    front = client_for("ward_supervisor")
    page = front.get(reverse("supervision:detail", args=[supervision.pk]))
    assert page.status_code == 200 and url in page.content.decode()
    assert front.get(url).status_code == 200
    # The dissolved city Front's member is not on this supervision's team.
    city_front = client_for("supervisor")
    assert city_front.get(reverse("supervision:detail", args=[supervision.pk])).status_code == 404
    assert city_front.get(url).status_code == 404


def test_the_ward_government_has_the_front_recommendation_to_answer(demo: Any) -> None:
    (item,) = Recommendation.objects.filter(unit=demo.unit("UBND-xuan-huong"))
    assert not item.answered_at
    answer = reverse("supervision:answer", args=[item.pk])
    assert client_for("ward_manager").get(answer).status_code == 200
    assert client_for("ward_reporter").get(answer).status_code == 404
