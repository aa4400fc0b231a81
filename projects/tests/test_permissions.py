"""Who sees and does what: drafts private to their proposer, the managing office acts, the
outsider sees only published results, and pages answer 404 for the rest."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import NotAllowed
from projects import actions
from projects.models import Project, Status
from projects.tests.helpers import proposal, walk_to


def _demo_draft() -> Project:
    return Project.objects.get(status=Status.DRAFT, title__startswith="Sáng kiến số hóa")


@pytest.mark.django_db
def test_a_draft_is_seen_only_by_its_proposing_unit(demo: Any) -> None:
    draft = _demo_draft()
    assert Project.objects.visible_to(demo.user("reporter")).filter(pk=draft.pk).exists()
    for persona in ("monitor", "manager", "outsider", "supervisor", "admin"):
        visible = Project.objects.visible_to(demo.user(persona))
        assert not visible.filter(pk=draft.pk).exists(), persona


@pytest.mark.django_db
def test_drafts_do_not_leak_through_pages_or_api(demo: Any, as_persona: Any) -> None:
    draft = _demo_draft()
    for persona in ("monitor", "manager", "outsider"):
        client = as_persona(persona)
        assert client.get(f"/projects/{draft.pk}/").status_code == 404, persona
        assert draft.title not in client.get("/projects/?q=so hoa so tay").content.decode()
        ids = {row["id"] for row in client.get("/api/projects/?page_size=500").json()["results"]}
        assert str(draft.pk) not in ids
    assert as_persona("reporter").get(f"/projects/{draft.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_outsider_sees_published_results_only(demo: Any, as_persona: Any) -> None:
    outsider = demo.user("outsider")
    visible = Project.objects.visible_to(outsider)
    assert visible.exists()
    assert set(visible.values_list("is_published", flat=True)) == {True}
    running = Project.objects.filter(status=Status.IN_PROGRESS).first()
    assert running is not None
    client = as_persona("outsider")
    assert client.get(f"/projects/{running.pk}/").status_code == 404
    assert client.post(f"/projects/{running.pk}/check/").status_code == 404
    published = visible.first()
    assert published is not None
    page = client.get(f"/projects/{published.pk}/")
    assert page.status_code == 200
    # Reading a published result gives no step to take.
    assert 'data-testid="project-steps"' not in page.content.decode()


@pytest.mark.django_db
def test_the_city_office_manages_its_projects_not_the_province_s(demo: Any) -> None:
    manager = demo.user("manager")
    city = walk_to(demo, proposal(demo), "proposed")
    actions.list_project(manager, city, expected_version=city.version, list_year=2025)
    provincial = Project.objects.filter(
        status=Status.LISTED, managing_unit__code="SKHCN-LD"
    ).first()
    assert provincial is not None
    with pytest.raises(NotAllowed):
        actions.cancel_project(manager, provincial, expected_version=provincial.version, reason="x")
    # The monitoring office acts everywhere.
    monitor = demo.user("monitor")
    actions.cancel_project(
        monitor, provincial, expected_version=provincial.version, reason="Trùng nội dung"
    )


@pytest.mark.django_db
def test_a_reporter_proposes_for_its_unit_but_never_selects(demo: Any) -> None:
    reporter = demo.user("reporter")
    ward = demo.unit("DB-phuong-1")
    project = proposal(demo, reporter, unit=ward)
    project = actions.submit_proposal(reporter, project, expected_version=project.version)
    with pytest.raises(NotAllowed):
        actions.list_project(reporter, project, expected_version=project.version, list_year=2025)
    with pytest.raises(NotAllowed):
        proposal(demo, reporter, unit=demo.unit("TTYT-BL"))  # not its unit


@pytest.mark.django_db
def test_step_pages_answer_404_to_those_who_may_not_take_the_step(
    demo: Any, as_persona: Any
) -> None:
    project = walk_to(demo, proposal(demo), "listed")
    for persona in ("reporter", "outsider", "supervisor"):
        client = as_persona(persona)
        assert client.get(f"/projects/{project.pk}/select/").status_code == 404, persona
    assert as_persona("manager").get(f"/projects/{project.pk}/select/").status_code == 200
