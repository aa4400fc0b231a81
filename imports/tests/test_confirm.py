"""Confirmation: one transaction creates the document, plan, sections, tasks, assignments and
references; any failure leaves nothing behind."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from audit.models import AuditEntry
from core.errors import ActionError
from documents.models import Document, DocumentReference
from imports import actions
from imports.models import ImportJob, ImportStatus
from imports.tests.conftest import INLINE_SAMPLE
from imports.tests.helpers import parsed_job, review_post
from orgunits.models import OrgUnit
from plans.models import Plan, Section, Task, TaskAssignment

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Document,
            DocumentReference,
            Plan,
            Section,
            Task,
            TaskAssignment,
            OrgUnit,
            AuditEntry,
        )
    }


def _ready_job(demo: Any, persona: str = "monitor") -> ImportJob:
    job = parsed_job(demo.user(persona), INLINE_SAMPLE)
    job.draft["owner_id"] = str(demo.unit("BTV-TU-DL").pk)
    job.save(update_fields=["draft"])
    return job


def test_confirm_creates_everything(as_persona: Any, demo: Any) -> None:
    job = _ready_job(demo)
    cited = Document.objects.get(number_symbol="101-KH/TU")
    client = as_persona("monitor")
    before = _counts()
    confirm_page = client.get(f"/imports/{job.pk}/confirm/")
    assert confirm_page.status_code == 200
    assert "Hội Làm vườn Xứ Sương mù" in confirm_page.content.decode()  # warned: unmatched
    response = client.post(f"/imports/{job.pk}/confirm/", {"version": job.version})
    job.refresh_from_db()
    assert job.status == ImportStatus.CONFIRMED
    plan = job.plan
    assert plan is not None and response["Location"] == f"/plans/{plan.pk}/"
    document = job.document
    assert document is not None and plan.document == document
    assert document.kind == "ke_hoach" and document.number_symbol == "12-KH/TU"
    assert document.issued_on == datetime.date(2020, 3, 15) and document.place == "Đà Lạt"
    assert document.text == job.text and not document.is_placeholder
    assert plan.owner.code == "BTV-TU-DL"
    assert plan.title.startswith("Triển khai thực hiện Kế hoạch số 101-KH/TU")
    # Sections keep their tree; tasks sit in their section.
    top = plan.sections.filter(parent__isnull=True).order_by("order")
    assert [s.label for s in top] == ["I", "II"]
    tasks = list(plan.tasks.order_by("order"))
    assert [t.code for t in tasks] == ["II.1", "II.2", "II.3", "II.4"]
    assert tasks[0].section is not None and tasks[0].section.label in ("1", "II")
    assert tasks[0].deadline == datetime.date(2030, 12, 31)
    assert tasks[1].frequency == "periodic"
    leads = {t.code: {u.code for u in t.lead_units()} for t in tasks}
    assert leads["II.1"] == {"UBND-DL"}
    assert {"DB-phuong-1", "PKT-DL"} <= leads["II.2"]
    assert leads["II.3"] == {"BTG-TU-DL"}
    assert {u.code for u in tasks[2].cooperating_units()} == {"PKT-DL"}
    assert leads["II.4"] == {"BTV-TU-DL"}  # unmatched: falls back to the plan owner
    # The cited plan is linked, not duplicated, and is "implemented" (it is in the title).
    reference = DocumentReference.objects.get(source=document)
    assert reference.target == cited and reference.relation == "implements"
    after = _counts()
    assert after["Document"] == before["Document"] + 1
    assert after["Plan"] == before["Plan"] + 1
    assert after["Task"] == before["Task"] + 4
    actions_logged = set(
        AuditEntry.objects.filter(pk__gt=0)
        .order_by("-created_at")
        .values_list("action", flat=True)[: after["AuditEntry"] - before["AuditEntry"]]
    )
    assert {"document.create", "plan.create", "task.create", "import.confirm"} <= actions_logged
    # Confirmation happens once.
    again = client.post(f"/imports/{job.pk}/confirm/", {"version": job.version})
    assert again.status_code in (302, 400)
    assert Plan.objects.count() == after["Plan"]
    # The plan is visible with its tasks.
    body = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "UBND thành phố chỉ đạo" in body


def test_unknown_cited_documents_become_placeholders(demo: Any) -> None:
    job = _ready_job(demo)
    job.draft["references"][0]["number_symbol"] = "999-KH/TU"
    job.draft["references"][0]["target_id"] = None
    job.save(update_fields=["draft"])
    actions.confirm_import(demo.user("monitor"), job, expected_version=job.version)
    placeholder = Document.objects.get(number_symbol="999-KH/TU")
    assert placeholder.is_placeholder and placeholder.issued_on == datetime.date(2019, 9, 3)
    assert DocumentReference.objects.filter(source=job.document, target=placeholder).exists()


def test_number_symbols_are_compared_normalised(demo: Any) -> None:
    from imports.matching import find_documents, normalise_number

    assert normalise_number("số 101 - KH/TU") == normalise_number("101-kh/tu")
    assert normalise_number("2556/QĐ-UBND") == normalise_number("2556/QD-UBND")
    found = find_documents(demo.user("monitor"), ["101 - kh/tu"])
    assert found[normalise_number("101-KH/TU")].number_symbol == "101-KH/TU"


def test_new_units_are_created_on_confirm_under_their_parent(as_persona: Any, demo: Any) -> None:
    job = _ready_job(demo)
    index = next(i for i, m in enumerate(job.draft["mentions"]) if not m["unit_ids"])
    parent = demo.unit("KHCN-DL")
    data = review_post(
        job,
        **{
            f"mention-{index}-create_name": "Hội Làm vườn Xứ Sương mù",
            f"mention-{index}-create_parent": str(parent.pk),
            f"mention-{index}-create_kind": "other",
        },
    )
    client = as_persona("monitor")
    assert client.post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    client.post(f"/imports/{job.pk}/confirm/", {"version": job.version})
    unit = OrgUnit.objects.get(name="Hội Làm vườn Xứ Sương mù")
    assert unit.parent == parent and unit.path.startswith(parent.path)
    task = Task.objects.get(plan__document__number_symbol="12-KH/TU", code="II.4")
    assert [u.pk for u in task.lead_units()] == [unit.pk]


def test_a_failure_midway_leaves_nothing_behind(demo: Any, monkeypatch: Any) -> None:
    job = _ready_job(demo)
    job.draft["new_units"] = [{"name": "Đơn vị thử", "parent_id": None, "kind": "other"}]
    job.draft["tasks"][3]["lead_ids"] = ["new:0"]
    job.save(update_fields=["draft"])
    before = _counts()
    from plans import actions as plan_actions

    real = plan_actions.create_task
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("ổ đĩa đầy")
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "create_task", failing)
    with pytest.raises(RuntimeError):
        actions.confirm_import(demo.user("monitor"), job, expected_version=job.version)
    assert calls["n"] == 3  # the document, plan, sections, a unit and two tasks had been made
    assert _counts() == before
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.version == 1 and job.plan is None


def test_a_refused_task_reports_clearly_and_rolls_back(as_persona: Any, demo: Any) -> None:
    job = _ready_job(demo)
    job.draft["tasks"][2]["deadline"] = "31/02/2025"
    job.save(update_fields=["draft"])
    before = _counts()
    response = as_persona("monitor").post(f"/imports/{job.pk}/confirm/", {"version": job.version})
    assert response.status_code == 400
    assert "hạn hoàn thành không hợp lệ" in response.content.decode()
    assert _counts() == before


def test_the_owner_must_be_a_unit_the_user_may_plan_for(as_persona: Any, demo: Any) -> None:
    job = _ready_job(demo, persona="manager")  # owner BTV-TU-DL: outside UBND's subtree
    before = _counts()
    with pytest.raises(ActionError, match="không có quyền tạo kế hoạch"):
        actions.confirm_import(demo.user("manager"), job, expected_version=job.version)
    job.draft["owner_id"] = None
    job.save(update_fields=["draft"])
    with pytest.raises(ActionError, match="đơn vị chủ quản"):
        actions.confirm_import(demo.user("manager"), job, expected_version=job.version)
    assert _counts() == before
    # Picking the user's own unit on the review page makes it go through.
    data = review_post(job, owner_id=str(demo.unit("UBND-DL").pk))
    client = as_persona("manager")
    assert client.post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    assert client.post(f"/imports/{job.pk}/confirm/", {"version": job.version}).status_code == 302
    job.refresh_from_db()
    assert job.plan is not None and job.plan.owner.code == "UBND-DL"
