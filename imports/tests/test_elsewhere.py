"""Documents from another province or a ministry, through the real flow (upload → parse job →
review → confirm): no work reaches a local unit by a shared word; the review page offers group
expansions to tick; assigning work outside the owner's area needs a second, explicit yes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from imports.models import ImportJob, ImportStatus
from imports.tests.conftest import INLINE_SAMPLE, SEED
from imports.tests.helpers import parsed_job, review_post
from imports.unitmatch import UnitMatcher
from orgunits.models import OrgUnit
from plans.models import Plan, Task, TaskAssignment

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "raw"
# A Lào Cai people's committee plan, a Lào Cai Party committee programme, a ministry's plan.
ELSEWHERE = ["056", "052", "055"]


def _corpus(number: str) -> str:
    path = CORPUS / f"{number}.txt"
    if not path.is_file():
        pytest.skip(f"corpus document {number} not available")
    return path.read_text(encoding="utf-8")


def _upload(client: Any, name: str, text: str) -> ImportJob:
    response = client.post("/imports/new/", {"file": SimpleUploadedFile(name, text.encode())})
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get(pk=response["Location"].strip("/").split("/")[-1])
    assert job.status == ImportStatus.DONE, job.error
    return job


def _visible(html: str) -> str:
    """The page as read: option labels and text, without tags."""
    return re.sub(r"<[^>]+>", " ", html)


def _assert_clean(html: str) -> None:
    text = _visible(html)
    assert "None" not in text and "None" not in re.findall(r'value="([^"]*)"', html)
    assert "— —" not in text


def _codes(ids: list[str]) -> set[str]:
    return set(OrgUnit.objects.filter(pk__in=ids).values_list("code", flat=True))


@pytest.mark.parametrize("number", ELSEWHERE)
def test_a_document_from_elsewhere_assigns_nothing_to_local_units(
    as_persona: Any, demo: Any, number: str
) -> None:
    client = as_persona("monitor")
    job = _upload(client, f"{number}.txt", _corpus(number))
    draft = job.get_draft()
    # The issuer is another province's or a ministry: recorded by name, outside the tree.
    assert draft.issuer_id is None and draft.issuer_status == "external"
    assert draft.issuer_external
    # No local unit is matched by a generic word or a group phrase on its own.
    assert all(m.unit_ids == [] for m in draft.mentions), [
        (m.mention, _codes(m.unit_ids)) for m in draft.mentions if m.unit_ids
    ]
    assert all(t.lead_ids == [] and t.cooperating_ids == [] for t in draft.tasks)
    review = client.get(f"/imports/{job.pk}/review/")
    assert review.status_code == 200
    body = review.content.decode()
    assert 'data-testid="issuer-external"' in body
    _assert_clean(body)
    # The reviewer plans it for the city's Party standing committee and confirms.
    owner = demo.unit("BTV-TU-DL")
    data = review_post(job, owner_id=str(owner.pk), next="confirm")
    response = client.post(f"/imports/{job.pk}/review/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job.refresh_from_db()
    assert all(m.unit_ids == [] for m in job.get_draft().mentions)
    confirm = client.get(f"/imports/{job.pk}/confirm/")
    assert confirm.status_code == 200
    assert 'data-testid="outside-units"' not in confirm.content.decode()
    _assert_clean(confirm.content.decode())
    response = client.post(f"/imports/{job.pk}/confirm/", {"version": job.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    job.refresh_from_db()
    plan = job.plan
    assert plan is not None and plan.owner == owner
    document = job.document
    assert document is not None and document.issuer is None
    assert document.issuer_name == draft.issuer
    # Every task is the owner's own to follow; nobody else got the other body's work.
    assigned = set(
        TaskAssignment.objects.filter(task__plan=plan).values_list("unit__code", flat=True)
    )
    assert assigned <= {"BTV-TU-DL"}
    outsider_home = as_persona("outsider").get("/").content.decode()
    for task in Task.objects.filter(plan=plan)[:5]:
        assert task.title[:40] not in outsider_home


def test_a_group_is_offered_unticked_and_the_reviewer_may_opt_in(
    as_persona: Any, demo: Any
) -> None:
    client = as_persona("monitor")
    job = _upload(client, "056.txt", _corpus("056"))
    owner = demo.unit("BTV-TU-DL")
    client.post(f"/imports/{job.pk}/review/", review_post(job, owner_id=str(owner.pk)))
    job.refresh_from_db()
    draft = job.get_draft()
    index, group = next((i, m) for i, m in enumerate(draft.mentions) if m.mention == "Sở, Ngành")
    assert group.unit_ids == [] and group.candidates
    area = UnitMatcher().area(str(owner.pk))
    assert set(group.candidates) <= area
    assert not _codes(group.candidates) & {"TTYT-BL", "SKHCN-LD"}
    body = client.get(f"/imports/{job.pk}/review/").content.decode()
    assert 'data-testid="mention-candidates"' in body
    assert f'name="mention-{index}-units" value="{group.candidates[0]}"' in body
    # Ticking one unit assigns it to the tasks that name the group, and only to those.
    chosen = group.candidates[0]
    data = review_post(job, **{f"mention-{index}-units": [chosen]})
    assert client.post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    draft = job.get_draft()
    for task in draft.tasks:
        assert (chosen in task.lead_ids) == ("Sở, Ngành" in task.lead)


def test_the_review_page_lets_the_reviewer_trim_a_group(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    client.post(
        f"/imports/{job.pk}/review/", review_post(job, owner_id=str(demo.unit("BTV-TU-DL").pk))
    )
    job.refresh_from_db()
    draft = job.get_draft()
    index, group = next(
        (i, m) for i, m in enumerate(draft.mentions) if m.mention == "các ban, ngành thành phố"
    )
    body = client.get(f"/imports/{job.pk}/review/").content.decode()
    assert 'data-testid="mention-candidates"' in body
    assert "Phòng Giáo dục và Đào tạo thành phố Đà Lạt" in body
    _assert_clean(body)
    education = str(demo.unit("PGD-DL").pk)
    assert education in draft.tasks[1].lead_ids
    kept = [u for u in group.unit_ids if u != education]
    data = review_post(job, **{f"mention-{index}-units": kept})
    assert client.post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    task = job.get_draft().tasks[1]
    assert education not in task.lead_ids
    assert str(demo.unit("PKT-DL").pk) in task.lead_ids


def test_changing_the_owner_expands_groups_in_the_new_area(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    ward = demo.unit("DB-phuong-1")
    garden = next(i for i, m in enumerate(job.get_draft().mentions) if not m.unit_ids)
    data = review_post(
        job,
        owner_id=str(ward.pk),
        **{f"mention-{garden}-map_to": str(demo.unit("HHHDL").pk)},
    )
    assert client.post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    draft = job.get_draft()
    # A ward's Party organisation has no city departments below it: the groups stay empty,
    # while a unit named outright ("UBND thành phố") is still matched.
    assert draft.tasks[1].lead_ids == []
    assert _codes(draft.tasks[0].lead_ids) == {"UBND-DL"}
    # What the reviewer picked in the same step is kept.
    assert _codes(draft.tasks[3].lead_ids) == {"HHHDL"}


def test_assigning_outside_the_owner_area_needs_a_second_yes(as_persona: Any, demo: Any) -> None:
    client = as_persona("monitor")
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    outsider_unit = demo.unit("TTYT-BL")
    data = review_post(
        job,
        owner_id=str(demo.unit("BTV-TU-DL").pk),
        **{"task-3-lead_ids": [str(outsider_unit.pk)]},
    )
    assert client.post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    page = client.get(f"/imports/{job.pk}/confirm/").content.decode()
    assert 'data-testid="outside-units"' in page and outsider_unit.name in page
    _assert_clean(page)
    plans = Plan.objects.count()
    refused = client.post(f"/imports/{job.pk}/confirm/", {"version": job.version})
    assert refused.status_code == 400
    assert "ngoài phạm vi" in refused.content.decode()
    assert Plan.objects.count() == plans
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    done = client.post(
        f"/imports/{job.pk}/confirm/", {"version": job.version, "allow_outside": "1"}
    )
    assert done.status_code == 302
    job.refresh_from_db()
    assert TaskAssignment.objects.filter(task__plan=job.plan, unit=outsider_unit).exists()
    entry = AuditEntry.objects.filter(action="import.confirm").latest("created_at")
    assert outsider_unit.name in str(entry.changes)


def test_the_seed_still_imports_for_its_local_owner(as_persona: Any, demo: Any) -> None:
    if not SEED.is_file():
        pytest.skip("seed document not available")
    client = as_persona("monitor")
    job = _upload(client, "ke-hoach.txt", SEED.read_text(encoding="utf-8"))
    draft = job.get_draft()
    owner = demo.unit("BTV-TU-DL")
    assert draft.issuer_id == str(owner.pk) and draft.owner_id == str(owner.pk)
    leads = {code for task in draft.tasks for code in _codes(task.lead_ids)}
    assert {"UBND-DL", "BTG-TU-DL", "PKT-DL", "DB-phuong-1", "MTTQ-DL"} <= leads
    assert not leads & {"TTYT-BL", "SKHCN-LD", "UBND-LD", "DU-cam-ly", "PKT-xuan-huong"}
    _assert_clean(client.get(f"/imports/{job.pk}/review/").content.decode())
    page = client.get(f"/imports/{job.pk}/confirm/").content.decode()
    assert 'data-testid="outside-units"' not in page
    _assert_clean(page)
    # No second step: every unit is the city's.
    response = client.post(f"/imports/{job.pk}/confirm/", {"version": job.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    job.refresh_from_db()
    assert job.plan is not None and job.plan.owner == owner
    assert job.document is not None and job.document.issuer == owner
    assigned = set(
        TaskAssignment.objects.filter(task__plan=job.plan).values_list("unit__code", flat=True)
    )
    assert "TTYT-BL" not in assigned and "UBND-DL" in assigned


def test_the_confirm_page_without_an_owner_shows_no_none(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE.replace("Đà Lạt, ngày", "ngày"))
    job.draft["owner_id"] = None
    job.draft["kind"] = None
    job.draft["date"] = None
    job.draft["references"][0]["kind"] = None
    job.save(update_fields=["draft"])
    page = as_persona("monitor").get(f"/imports/{job.pk}/confirm/").content.decode()
    assert "Chưa chọn" in page
    _assert_clean(page)
