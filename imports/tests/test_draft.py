"""The typed review draft: a lossless JSON round trip, drafts stored by older code still read
(and confirm), and the import writing through the owning apps' actions."""

from __future__ import annotations

from typing import Any

import pytest

from audit.log import history_for
from imports import actions
from imports.draft import Draft, DraftReference, DraftSection, DraftTask, Mention, NewUnit, Signer
from imports.tests.conftest import INLINE_SAMPLE
from imports.tests.helpers import parsed_job

# A draft as the first version of the import stored it: no include flags, no mentions or new
# units, a null signer and null lists, an unknown extra key.
OLD_DRAFT: dict[str, Any] = {
    "kind": "Kế hoạch",
    "number_symbol": "12-KH/TU",
    "issuer": "BAN THƯỜNG VỤ",
    "date": "2020-03-15",
    "title": "Triển khai thực hiện Kế hoạch số 101-KH/TU",
    "references": [{"kind": "Kế hoạch", "number_symbol": "101-KH/TU", "text": "Kế hoạch 101"}],
    "sections": [{"label": "I", "heading": "MỤC ĐÍCH", "children": None}],
    "tasks": [{"path": "I.1", "text": "Tuyên truyền", "lead": ["UBND thành phố"]}],
    "recipients": None,
    "signer": None,
    "parser_version": 1,
}


def test_an_old_format_draft_reads_with_defaults() -> None:
    draft = Draft.from_json(OLD_DRAFT)
    assert draft.place is None and draft.recipients == [] and draft.signer == Signer()
    assert draft.mentions == [] and draft.new_units == [] and draft.owner_id is None
    assert draft.sections == [DraftSection("I", "MỤC ĐÍCH", [])]
    task = draft.tasks[0]
    assert task.include is True and task.lead_ids == [] and task.milestones == {}
    assert task.lead == ["UBND thành phố"] and task.deadline is None
    reference = draft.references[0]
    assert reference.include is True and reference.relation == "cites"
    assert reference.target_id is None and reference.date is None
    data = draft.to_json()
    assert "parser_version" not in data  # unknown keys are dropped
    assert set(data) == set(Draft().to_json())  # every key written
    assert Draft.from_json(data) == draft


def test_a_full_draft_round_trips() -> None:
    draft = Draft(
        kind="Kế hoạch",
        number_symbol="12-KH/TU",
        issuer="BAN THƯỜNG VỤ",
        place="Đà Lạt",
        date="2020-03-15",
        title="Kế hoạch",
        recipients=["Như trên", "Lưu VT"],
        signer=Signer(title="PHÓ BÍ THƯ", name="Nguyễn Văn A"),
        references=[DraftReference("101-KH/TU", "Kế hoạch", "2019-09-03", "Tỉnh ủy", "…", "x")],
        sections=[DraftSection("II", "TỔ CHỨC", [DraftSection("1", "UBND")])],
        tasks=[
            DraftTask(
                path="II.1",
                text="Chỉ đạo",
                lead=["UBND thành phố"],
                deadline="2030",
                frequency="yearly",
                lead_ids=["u1", "new:0"],
                include=False,
                milestones={"2026": "50%"},
            )
        ],
        mentions=[Mention("UBND thành phố", ["u1"], 0.9, "tên", False)],
        issuer_id="u2",
        owner_id="u2",
        new_units=[NewUnit("Hội Làm vườn", None, "other", "Hội Làm vườn Xứ Sương mù")],
        plan_title="Kế hoạch thực hiện",
    )
    assert Draft.from_json(draft.to_json()) == draft
    assert [(s.label, depth) for s, depth in draft.iter_sections()] == [("II", 0), ("1", 1)]
    assert draft.included_tasks() == []


@pytest.mark.django_db
def test_a_stored_old_format_draft_still_confirms(demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    stored = dict(job.draft)
    for key in ("mentions", "new_units", "plan_title", "signer", "recipients"):
        stored.pop(key)
    for task in stored["tasks"]:
        task.pop("include")
        task.pop("cooperating_ids")
    for ref in stored["references"]:
        ref.pop("include")
    stored["owner_id"] = str(demo.unit("BTV-TU-DL").pk)
    job.draft = stored
    job.save(update_fields=["draft"])
    job = actions.confirm_import(demo.user("monitor"), job, expected_version=job.version)
    plan = job.plan
    assert plan is not None and plan.title == stored["title"]  # no plan title: the document's
    assert plan.tasks.count() == len(stored["tasks"])


@pytest.mark.django_db
def test_confirm_writes_through_the_owning_apps_actions(demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    job.draft["owner_id"] = str(demo.unit("BTV-TU-DL").pk)
    job.save(update_fields=["draft"])
    job = actions.confirm_import(demo.user("monitor"), job, expected_version=job.version)
    assert job.plan is not None and job.document is not None
    sections = history_for(job.plan).get(action="plan.sections.create")
    assert sections.changes["sections"][1][:2] == ["I", "I.1"]
    document_rows = {e.action: e for e in history_for(job.document)}
    assert document_rows["document.create"].changes["import"] == [None, str(job.pk)]
    assert document_rows["document.references.add"].changes["references"][1] == [
        "Triển khai thực hiện: Kế hoạch 101-KH/TU"
    ]
