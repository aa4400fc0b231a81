"""The dashboard page and its JSON endpoint: filters, drill-down, scoping, query count."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from monitoring.tests.fixtures import World, add_units, build


@pytest.fixture
def world(db: Any) -> World:
    return build()


def unit_client(w: World) -> Client:
    client = Client()
    client.force_login(w.unit_user)
    return client


def test_the_monitor_sees_the_heatmap_with_legend_and_text(world: World, as_persona: Any) -> None:
    response = as_persona("monitor").get(f"/monitoring/?plan={world.plan.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="heatmap"' in body
    assert body.count('data-testid="heatmap-row"') == 3
    assert 'data-kind="late"' in body and 'data-kind="missing"' in body
    # rows in tree order, indented by their level: A1 sits under A
    assert 'data-unit="Đơn vị A1"><th scope="row" class="fw-normal text-nowrap hm-level-2">' in body
    # colour is never the only signal: each cell carries its status as text
    assert '<span class="visually-hidden">Chưa nộp, quá hạn</span>' in body
    assert "Theo dõi" in body  # menu entry
    assert "chart.umd.js" in body and "monitoring/dashboard.js" in body


def test_drill_down_shows_breadcrumbs_and_the_subtree_only(world: World, as_persona: Any) -> None:
    response = as_persona("monitor").get(
        f"/monitoring/?plan={world.plan.pk}&unit={world.units['A'].pk}"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('data-testid="heatmap-row"') == 2
    assert 'data-unit="Đơn vị B"' not in body
    assert f"unit={world.units['R'].pk}" in body  # breadcrumb back up the tree
    crumbs = body.split('data-testid="breadcrumbs"')[1].split("</ol>")[0]
    assert "Đơn vị R" in crumbs and "Đơn vị A" in crumbs


def test_the_json_summary_matches_the_page(world: World, as_persona: Any) -> None:
    data = as_persona("monitor").get(f"/monitoring/api/summary/?plan={world.plan.pk}").json()
    assert data["totals"]["completeness"] == 62.5
    assert [r["label"] for r in data["by_round"]] == ["Quý 1/2024", "Quý 2/2024", "Quý 3/2024"]
    assert data["filters"]["plan"] == str(world.plan.pk)


def test_a_unit_user_is_kept_inside_its_subtree(world: World) -> None:
    client = unit_client(world)
    body = client.get(f"/monitoring/?plan={world.plan.pk}").content.decode()
    assert body.count('data-testid="heatmap-row"') == 2
    assert "Đơn vị B" not in body
    assert (
        client.get(f"/monitoring/?plan={world.plan.pk}&unit={world.units['B'].pk}").status_code
        == 404
    )
    assert (
        client.get(f"/monitoring/?plan={world.plan.pk}&unit={world.units['R'].pk}").status_code
        == 404
    )
    assert client.get(f"/monitoring/api/summary/?unit={world.units['B'].pk}").status_code == 404
    data = client.get(f"/monitoring/api/summary/?plan={world.plan.pk}").json()
    assert {row["unit"] for row in data["heatmap"]["rows"]} == {"Đơn vị A", "Đơn vị A1"}


def test_a_user_of_two_separate_subtrees_switches_between_them(world: World) -> None:
    from accounts.models import Membership, Role

    Membership.objects.create(user=world.unit_user, unit=world.units["B"], role=Role.REPORTER)
    client = unit_client(world)
    body = client.get(f"/monitoring/?plan={world.plan.pk}").content.decode()
    links = body.split('data-testid="scope-units"')[1].split("</p>")[0]
    # the dashboard opens on one of them (in bold) and links the other
    shown, other = ("A", "B") if "<strong>Đơn vị A</strong>" in links else ("B", "A")
    assert f"<strong>Đơn vị {shown}</strong>" in links
    assert f"unit={world.units[other].pk}" in links
    assert f'data-unit="Đơn vị {other}"' not in body  # one subtree at a time
    switched = client.get(f"/monitoring/?plan={world.plan.pk}&unit={world.units[other].pk}")
    assert switched.status_code == 200
    assert f'data-unit="Đơn vị {other}"' in switched.content.decode()
    # the common parent is still outside this user's scope
    assert (
        client.get(f"/monitoring/?plan={world.plan.pk}&unit={world.units['R'].pk}").status_code
        == 404
    )
    # a single subtree needs no switch
    assert (
        'data-testid="scope-units"'
        not in unit_client(build_other(world))
        .get(f"/monitoring/?plan={world.plan.pk}")
        .content.decode()
    )


def build_other(w: World) -> Any:
    from accounts.models import Membership, Role, User

    user = User.objects.create_user(username="mon-a1", password="x-Monitoring-2024")
    Membership.objects.create(user=user, unit=w.units["A1"], role=Role.REPORTER)
    return World(units=w.units, plan=w.plan, unit_user=user)


def test_the_outsider_gets_nothing(world: World, as_persona: Any) -> None:
    client = as_persona("outsider")
    data = client.get(f"/monitoring/api/summary/?plan={world.plan.pk}").json()
    assert data["heatmap"]["rows"] == [] and data["totals"]["expected"] == 0
    assert data["issues"]["count"] == 0
    body = client.get(f"/monitoring/?plan={world.plan.pk}").content.decode()
    assert "Đơn vị A1" not in body and "Vướng mắc của A" not in body
    assert (
        client.get(f"/monitoring/?plan={world.plan.pk}&unit={world.units['A'].pk}").status_code
        == 404
    )


def test_bad_filters_answer_404(world: World, as_persona: Any) -> None:
    client = as_persona("monitor")
    assert client.get(f"/monitoring/?plan={uuid.uuid4()}").status_code == 404
    assert client.get("/monitoring/?plan=nonsense").status_code == 404
    assert client.get(f"/monitoring/?plan={world.plan.pk}&year=abc").status_code == 404
    assert client.get(f"/monitoring/?plan={world.plan.pk}&unit={uuid.uuid4()}").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(anonymous: Any) -> None:
    for url in ("/monitoring/", "/monitoring/api/summary/"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_page_query_count_is_constant(world: World, as_persona: Any) -> None:
    client = as_persona("monitor")
    url = f"/monitoring/?plan={world.plan.pk}&unit={world.units['R'].pk}"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    add_units(world, 8)
    assert count() == before


@pytest.mark.parametrize("persona", ["monitor", "reporter", "outsider", "supervisor"])
def test_every_persona_opens_the_default_dashboard(persona: str, as_persona: Any) -> None:
    assert as_persona(persona).get("/monitoring/").status_code == 200


def test_the_year_defaults_to_the_latest_and_can_be_cleared(world: World, as_persona: Any) -> None:
    import datetime

    from monitoring.queries import default_year

    assert default_year([2026, 2025, 2024], datetime.date(2025, 5, 1)) == 2025
    assert default_year([2027], datetime.date(2025, 5, 1)) == 2027
    assert default_year([], datetime.date(2025, 5, 1)) is None
    client = as_persona("monitor")
    assert (
        client.get(f"/monitoring/api/summary/?plan={world.plan.pk}").json()["filters"]["year"]
        == 2024
    )
    data = client.get(f"/monitoring/api/summary/?plan={world.plan.pk}&year=").json()
    assert data["filters"]["year"] is None and len(data["rounds"]) == 3
    assert (
        client.get(f"/monitoring/api/summary/?plan={world.plan.pk}&year=2023").json()["rounds"]
        == []
    )


def test_a_round_without_sent_reports_says_so_instead_of_empty_charts(
    world: World, as_persona: Any
) -> None:
    from reporting.models import ReportStatus, UnitReport

    client = as_persona("monitor")
    url = f"/monitoring/?plan={world.plan.pk}&year=2024"
    body = client.get(url).content.decode()
    assert 'id="chart-groups"' in body and 'data-testid="no-progress"' not in body
    UnitReport.objects.filter(round__plan=world.plan).update(status=ReportStatus.DRAFT)
    body = client.get(url).content.decode()
    assert 'id="chart-groups"' not in body and 'id="chart-units"' not in body
    assert body.count('data-testid="no-progress"') == 2
    assert 'id="chart-rounds"' in body  # the submission chart still has its rounds
