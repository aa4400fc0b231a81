"""Indicators computed from the registry: the figure, its drill-down, and no typing twice."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from core.errors import ActionError
from indicators import computed, rollup
from indicators.models import Indicator
from projects import actions, counts
from projects.models import Application, BudgetLine, Project, Status
from projects.tests.helpers import proposal, walk_to

YEAR = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


@pytest.mark.django_db
def test_accepted_count_matches_the_registry_and_the_drilldown_lists_them(
    demo: Any, as_persona: Any
) -> None:
    root = demo.unit("UBND-LD")
    start, end = datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)
    expected = Project.objects.filter(
        status__in=[Status.ACCEPTED, Status.REGISTERED], accepted_on__year=2019
    )
    assert expected.count() > 0
    indicator = Indicator.objects.get(code="NV-NT")
    assert rollup.rollup(indicator, root, start, end) == Decimal(expected.count())
    url = computed.drilldown("projects.accepted", root, start, end)
    body = as_persona("monitor").get(url).content.decode()
    for project in expected:
        assert project.title[:60] in body
    others = Project.objects.filter(status=Status.ACCEPTED).exclude(accepted_on__year=2019)
    assert all(p.title[:60] not in body for p in others)


@pytest.mark.django_db
def test_recording_an_application_moves_the_applied_figure(demo: Any) -> None:
    root = demo.unit("UBND-LD")
    indicator = Indicator.objects.get(code="NV-UD")
    before = rollup.rollup(indicator, root, *YEAR)
    assert before is not None
    project = Project.objects.filter(status=Status.ACCEPTED, applications__isnull=True).first()
    assert project is not None
    actions.record_application(
        demo.user("monitor"),
        project,
        expected_version=project.version,
        applier="HTX Hoa Vạn Thành",
        place="Phường 5, Đà Lạt",
        year=2024,
        area_ha=Decimal("3.5"),
        households=12,
        is_replication=True,
    )
    assert rollup.rollup(indicator, root, *YEAR) == before + 1
    replicated = counts.counted("projects.replicated", root, *YEAR)
    assert replicated is not None and replicated.filter(pk=project.pk).exists()


@pytest.mark.django_db
def test_budget_by_source_is_summed_in_million_vnd(demo: Any) -> None:
    root = demo.unit("UBND-LD")
    state = BudgetLine.objects.filter(
        source__in=["state_central", "state_province", "state_district"], year=2024
    ).exclude(project__status=Status.DRAFT)
    total = sum(b.amount for b in state)
    assert total > 0
    figure = computed.figure("projects.budget.state", root, *YEAR)
    assert figure == Decimal(total) / 1_000_000


@pytest.mark.django_db
def test_a_unit_counts_only_its_subtree(demo: Any) -> None:
    city, province = demo.unit("UBND-DL"), demo.unit("UBND-LD")
    project = walk_to(demo, proposal(demo), "in_progress")
    city_count = computed.figure("projects.under_way", city, *YEAR)
    assert city_count is not None and city_count >= 1
    outsider_unit = demo.unit("TTYT-BL")
    assert computed.figure("projects.under_way", outsider_unit, *YEAR) == 0
    province_count = computed.figure("projects.under_way", province, *YEAR)
    assert province_count is not None and province_count >= city_count
    counted = counts.counted("projects.under_way", city, *YEAR)
    assert counted is not None and counted.filter(pk=project.pk).exists()


@pytest.mark.django_db
def test_a_computed_indicator_cannot_be_typed(demo: Any) -> None:
    from indicators import actions as indicator_actions
    from reporting.models import UnitReport

    indicator = Indicator.objects.get(code="NV-NT")
    assert indicator not in indicator_actions.entry_indicators()
    reporter = demo.user("reporter")
    reports = UnitReport.objects.filter(unit__code="DB-phuong-1").select_related("round", "unit")
    report = next(r for r in reports if indicator_actions.can_enter_values(reporter, r))
    with pytest.raises(ActionError, match="tính tự động"):
        indicator_actions.save_report_values(reporter, report, {indicator: "5"})


@pytest.mark.django_db
def test_the_indicator_table_links_each_computed_figure_to_its_list(
    demo: Any, as_persona: Any
) -> None:
    root = demo.unit("UBND-LD")
    body = as_persona("monitor").get(f"/indicators/units/{root.pk}/?year=2021").content.decode()
    assert "counted=projects.accepted" in body
    assert Application.objects.exists()
