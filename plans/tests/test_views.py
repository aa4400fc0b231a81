from __future__ import annotations

from typing import Any

import pytest

from plans.models import Plan, Task


@pytest.mark.django_db
class TestSeedPlanPage:
    def test_it_shows_metadata_references_sections_and_tasks(
        self, as_persona: Any, demo: Any
    ) -> None:
        body = as_persona("reporter").get(f"/plans/{demo.seed_plan.pk}/").content.decode()
        for text in (
            "101-KH/TU",
            "50-KL/TW",
            "03/09/2019",
            "Ban Thường vụ Thành ủy Đà Lạt",
            "Mục đích, yêu cầu",
            "Nhiệm vụ và giải pháp",
            "Tổ chức thực hiện",
            "III.4",
            "Ban Tuyên giáo Thành ủy Đà Lạt",
            "Phòng Kinh tế thành phố Đà Lạt",
        ):
            assert text in body, text
        assert body.count('data-testid="task-row"') == demo.seed_plan.tasks.count()

    def test_it_does_not_query_per_task(
        self, as_persona: Any, demo: Any, django_assert_max_num_queries: Any
    ) -> None:
        client = as_persona("monitor")
        with django_assert_max_num_queries(30):
            client.get(f"/plans/{demo.seed_plan.pk}/")


def _task_form(demo: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "code": "II.6.c",
        "title": "Kết nối mạng lưới chuyên gia khoa học người Đà Lạt",
        "description": "",
        "start_year": "2026",
        "end_year": "2030",
        "deadline": "15/12/2030",
        "frequency": "yearly",
        "status": "not_started",
        "progress": "0",
        "lead_units": [demo.unit("PKT-DL").pk],
        "cooperating_units": [demo.unit("DHDL").pk],
        "milestones": "2026: Lập danh sách chuyên gia\n2030: 100 chuyên gia tham gia",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestTaskForms:
    def test_the_monitor_creates_a_task_and_sees_it_with_its_history(
        self, as_persona: Any, demo: Any
    ) -> None:
        client = as_persona("monitor")
        response = client.post(f"/plans/{demo.seed_plan.pk}/tasks/new/", _task_form(demo))
        assert response.status_code == 302
        task = Task.objects.get(code="II.6.c")
        assert task.deadline is not None
        assert task.deadline.strftime("%d/%m/%Y") == "15/12/2030"
        body = client.get(f"/plans/tasks/{task.pk}/").content.decode()
        assert "Kết nối mạng lưới chuyên gia" in body and "15/12/2030" in body
        assert 'data-testid="history-action">Thêm nhiệm vụ' in body and "Nguyễn Thị Thu Hà" in body
        assert (
            "Kết nối mạng lưới chuyên gia"
            in client.get(f"/plans/{demo.seed_plan.pk}/").content.decode()
        )

    def test_a_malformed_milestone_line_is_explained_and_nothing_is_saved(
        self, as_persona: Any, demo: Any
    ) -> None:
        response = as_persona("monitor").post(
            f"/plans/{demo.seed_plan.pk}/tasks/new/", _task_form(demo, milestones="năm sau: X")
        )
        assert response.status_code == 200
        assert "Dòng 1 không đúng dạng" in response.content.decode()
        assert not Task.objects.filter(code="II.6.c").exists()

    def test_the_second_of_two_concurrent_edits_gets_a_clear_message(
        self, as_persona: Any, demo: Any
    ) -> None:
        task = demo.task("II.5.c")
        form = _task_form(demo, code="II.5.c", title=task.title, version=task.version)
        client = as_persona("monitor")
        assert (
            client.post(f"/plans/tasks/{task.pk}/edit/", {**form, "progress": "70"}).status_code
            == 302
        )
        second = client.post(f"/plans/tasks/{task.pk}/edit/", {**form, "progress": "20"})
        assert second.status_code == 200
        assert "vừa được người khác cập nhật" in second.content.decode()
        assert "20" in second.content.decode()  # the user's own input is still on the form
        assert Task.objects.get(pk=task.pk).progress == 70

    def test_a_reporter_cannot_open_the_edit_page_of_a_city_task(
        self, as_persona: Any, demo: Any
    ) -> None:
        assert (
            as_persona("reporter").get(f"/plans/tasks/{demo.task('II.1').pk}/edit/").status_code
            == 404
        )

    def test_close_and_reassign_from_the_task_page(self, as_persona: Any, demo: Any) -> None:
        client = as_persona("monitor")
        task = demo.task("III.3")
        body = client.get(f"/plans/tasks/{task.pk}/").content.decode()
        assert 'data-testid="reassign-banner"' in body
        old = task.assignments.get(unit__code="MTTQ-DL")
        response = client.post(
            f"/plans/tasks/{task.pk}/reassign/",
            {"assignment": old.pk, "successor": demo.unit("MTTQ-cam-ly").pk},
        )
        assert response.status_code == 302
        assert demo.unit("MTTQ-cam-ly") in task.lead_units()
        response = client.post(
            f"/plans/tasks/{task.pk}/close/",
            {"outcome": "closed", "note": "Chuyển sang kế hoạch mới", "version": task.version + 0},
        )
        assert response.status_code == 302
        assert Task.objects.get(pk=task.pk).status == "closed"


@pytest.mark.django_db
def test_a_unit_creates_its_own_programme_linked_to_a_parent_task(
    as_persona: Any, demo: Any
) -> None:
    client = as_persona("reporter")
    response = client.post(
        "/plans/new/",
        {
            "title": "Kế hoạch ứng dụng khoa học và công nghệ của Đảng bộ Phường 1 năm 2026",
            "owner": demo.unit("DB-phuong-1").pk,
            "parent": demo.seed_plan.pk,
            "start_year": "2026",
            "end_year": "2026",
            "status": "draft",
            "implements": [demo.task("III.2").pk],
            "summary": "",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(
        title__startswith="Kế hoạch ứng dụng khoa học và công nghệ của Đảng bộ Phường 1"
    )
    task_page = client.get(f"/plans/tasks/{demo.task('III.2').pk}/").content.decode()
    assert plan.title in task_page  # traceability both ways
    assert as_persona("outsider").get(f"/plans/{plan.pk}/").status_code == 404
    # A unit may not create a plan for a unit outside its subtree.
    response = client.post(
        "/plans/new/", {"title": "Giả mạo", "owner": demo.unit("UBND-DL").pk, "status": "draft"}
    )
    assert not Plan.objects.filter(title="Giả mạo").exists()


@pytest.mark.django_db
def test_the_roadmap_shows_years_and_milestones(as_persona: Any, demo: Any) -> None:
    body = as_persona("reporter").get(f"/plans/{demo.seed_plan.pk}/roadmap/").content.decode()
    assert "2019" in body and "2030" in body
    assert "Sơ kết 5 năm (2020 - 2025); điều chỉnh lộ trình" in body  # III.1's 2025 milestone
    assert body.count("◆") >= demo.seed_plan.tasks.count()
