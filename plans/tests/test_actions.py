from __future__ import annotations

from typing import Any

import pytest

from audit.log import history_for
from core.errors import ActionError, EditConflict, NotAllowed
from plans import actions
from plans.models import AssignmentRole, Frequency, Task, TaskStatus


@pytest.mark.django_db
class TestCreateTask:
    def test_it_creates_assignments_milestones_and_an_audit_row(self, demo: Any) -> None:
        monitor = demo.user("monitor")
        task = actions.create_task(
            monitor,
            demo.seed_plan,
            title="Số hóa hồ sơ đề tài khoa học cấp thành phố",
            code="II.4.f",
            end_year=2027,
            frequency=Frequency.YEARLY,
            lead_units=[demo.unit("PKT-DL")],
            cooperating_units=[demo.unit("DHDL")],
            milestones={2026: "Số hóa 50%", 2027: "Số hóa 100%"},
        )
        assert [u.code for u in task.lead_units()] == ["PKT-DL"]
        assert [u.code for u in task.cooperating_units()] == ["DHDL"]
        assert [m.year for m in task.milestones.all()] == [2026, 2027]
        entry = history_for(task).get()
        assert entry.actor == monitor and entry.action == "task.create"
        assert entry.changes["lead_units"] == [None, ["Phòng Kinh tế thành phố Đà Lạt"]]

    def test_it_requires_a_lead_unit(self, demo: Any) -> None:
        with pytest.raises(ActionError):
            actions.create_task(demo.user("monitor"), demo.seed_plan, title="X", lead_units=[])
        assert not Task.objects.filter(title="X").exists()

    def test_a_unit_reporter_cannot_add_tasks_to_the_city_plan(self, demo: Any) -> None:
        with pytest.raises(NotAllowed):
            actions.create_task(
                demo.user("reporter"),
                demo.seed_plan,
                title="Y",
                lead_units=[demo.unit("DB-phuong-1")],
            )

    def test_a_unit_reporter_can_add_tasks_to_its_own_programme(self, demo: Any) -> None:
        task = actions.create_task(
            demo.user("reporter"), demo.ward_plan, title="Z", lead_units=[demo.unit("DB-phuong-1")]
        )
        assert task.plan == demo.ward_plan


@pytest.mark.django_db
class TestUpdateTask:
    def test_it_records_what_changed(self, demo: Any) -> None:
        task = demo.task("II.5.b")
        actions.update_task(
            demo.user("monitor"),
            task,
            expected_version=task.version,
            progress=90,
            cooperating_units=[demo.unit("HHHDL")],
        )
        entry = history_for(task).filter(action="task.update").get()
        assert entry.changes["progress"] == [75, 90]
        assert entry.changes["cooperating_units"][1] == ["Hiệp hội Hoa Đà Lạt"]
        ended = task.assignments.get(unit__code="SKHCN-LD")
        assert not ended.is_active and ended.ended_on is not None  # history kept, not deleted

    def test_a_stale_copy_is_refused_and_nothing_is_overwritten(self, demo: Any) -> None:
        task = demo.task("II.1")
        first, second = Task.objects.get(pk=task.pk), Task.objects.get(pk=task.pk)
        actions.update_task(
            demo.user("monitor"), first, expected_version=first.version, progress=80
        )
        with pytest.raises(EditConflict):
            actions.update_task(
                demo.user("monitor"), second, expected_version=second.version, progress=10
            )
        assert Task.objects.get(pk=task.pk).progress == 80

    def test_the_lead_units_manager_may_edit_but_not_a_cooperating_unit(self, demo: Any) -> None:
        led_by_ubnd = demo.task("II.2.a")
        actions.update_task(
            demo.user("manager"), led_by_ubnd, expected_version=led_by_ubnd.version, progress=65
        )
        led_by_btg = demo.task("II.1")  # UBND only cooperates here
        with pytest.raises(NotAllowed):
            actions.update_task(
                demo.user("manager"), led_by_btg, expected_version=led_by_btg.version, progress=1
            )


@pytest.mark.django_db
class TestCloseAndReassign:
    def test_closing_as_completed_sets_full_progress(self, demo: Any) -> None:
        task = actions.close_task(
            demo.user("monitor"),
            demo.task("II.2.c"),
            outcome=TaskStatus.COMPLETED,
            note="Đã hoàn thành giai đoạn",
            expected_version=demo.task("II.2.c").version,
        )
        assert task.status == TaskStatus.COMPLETED and task.progress == 100
        assert not task.can_close(demo.user("monitor"))

    def test_a_dissolved_units_task_passes_to_its_successor_with_history(self, demo: Any) -> None:
        task = demo.task("III.1")
        old = task.assignments.get(unit__code="UBND-DL", role=AssignmentRole.LEAD)
        assert old in task.dissolved_assignments()
        successor = demo.unit("UBND-xuan-huong")
        new = actions.reassign_to_successor(demo.user("monitor"), task, old, successor)
        old.refresh_from_db()
        assert not old.is_active and new.taken_over_from == old
        assert successor in task.lead_units()
        assert history_for(task).filter(action="task.reassign").exists()

    def test_reassigning_to_a_unit_that_is_not_a_successor_is_refused(self, demo: Any) -> None:
        task = demo.task("III.1")
        old = task.assignments.get(unit__code="UBND-DL")
        with pytest.raises(ActionError):
            actions.reassign_to_successor(demo.user("monitor"), task, old, demo.unit("DHDL"))
