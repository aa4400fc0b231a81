"""Every detail read of a supervised unit's record through a supervision grant is audited
(who, what, when, under which supervision) and listed for the office running the
supervision; list pages, the unit's own people and the monitoring office leave no trace."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import client_for
from core.scoping import forget_scope, note_granted_read, scope_for
from reporting.models import ReportStatus, UnitReport
from supervision.models import GrantRead
from supervision.tests.test_supervision import END, START, front, frozen, plan_supervision

pytestmark = pytest.mark.django_db
__all__ = ["front"]  # the fixture, shared with the supervision tests


@pytest.fixture
def report(demo: Any) -> UnitReport:
    found = UnitReport.objects.filter(unit=demo.unit("UBND-DL"), status=ReportStatus.ACCEPTED)
    first = found.select_related("unit").first()
    assert first is not None
    return first


def test_a_detail_read_through_the_grant_is_recorded_with_its_supervision(
    demo: Any, front: Any, report: UnitReport
) -> None:
    supervision = plan_supervision(demo, front, ["UBND-DL"])
    url = reverse("reporting:report_detail", kwargs={"pk": report.pk})
    with frozen(START + datetime.timedelta(days=3)):
        assert client_for("supervisor").get(url).status_code == 200
        # List pages are not audited: the supervision page lists the reports it may open.
        page = client_for("supervisor").get(reverse("supervision:detail", args=[supervision.pk]))
        assert page.status_code == 200 and url in page.content.decode()
        # Neither are the unit's own people nor the monitoring office (no grant needed).
        assert client_for("monitor").get(url).status_code == 200
        assert client_for("manager").get(url).status_code == 200
    (read,) = GrantRead.objects.all()
    assert read.supervision == supervision and read.user == front
    assert read.unit == report.unit and read.object_id == str(report.pk)
    assert read.object_type.model == "unitreport" and str(report) == read.object_repr
    assert read.read_at.date() == START + datetime.timedelta(days=3)
    # After the period the grant is gone: 404, and nothing is recorded.
    with frozen(END + datetime.timedelta(days=1)):
        assert client_for("supervisor").get(url).status_code == 404
    assert GrantRead.objects.count() == 1


def test_the_managing_office_sees_the_reads_the_unit_does_not(
    demo: Any, front: Any, report: UnitReport
) -> None:
    supervision = plan_supervision(demo, front, ["UBND-DL"])
    with frozen(START):
        client_for("supervisor").get(reverse("reporting:report_detail", args=[report.pk]))
        page = client_for("supervisor").get(reverse("supervision:detail", args=[supervision.pk]))
    body = page.content.decode()
    assert 'data-testid="grant-reads"' in body and str(report) in body
    assert page.context["read_count"] == 1
    # The supervised unit sees its supervision, not the Front's log of reads.
    unit_page = client_for("manager").get(reverse("supervision:detail", args=[supervision.pk]))
    assert unit_page.status_code == 200 and "grant-reads" not in unit_page.content.decode()
    assert not GrantRead.objects.visible_to(demo.user("manager")).exists()
    assert not GrantRead.objects.visible_to(demo.user("outsider")).exists()


def test_the_check_costs_no_query_without_a_grant(
    demo: Any, report: UnitReport, django_assert_num_queries: Any
) -> None:
    for persona in ("monitor", "manager", "outsider"):
        user = demo.user(persona)
        forget_scope(user)
        scope_for(user)  # the per-request scope, built once by the page's own lookups
        with django_assert_num_queries(0):
            note_granted_read(user, report)
    anonymous = Client()
    assert anonymous.get(reverse("reporting:report_detail", args=[report.pk])).status_code == 302
    assert GrantRead.objects.count() == 0
