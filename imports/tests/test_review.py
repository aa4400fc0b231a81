"""Review: unit matching, edits saved to the draft (optimistic locking), mapping and creating
units, permissions."""

from __future__ import annotations

from typing import Any

import pytest

from imports.models import ImportJob
from imports.tests.conftest import INLINE_SAMPLE
from imports.tests.helpers import parsed_job, review_post
from orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


def _codes(ids: list[str]) -> set[str]:
    return set(OrgUnit.objects.filter(pk__in=ids).values_list("code", flat=True))


def _mention(job: ImportJob, text: str) -> dict[str, Any]:
    return next(m for m in job.draft["mentions"] if m["mention"] == text)


def test_units_are_matched_groups_expand_and_unmatched_are_reported(demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    assert _codes(_mention(job, "UBND thành phố")["unit_ids"]) == {"UBND-DL"}
    assert _codes(_mention(job, "Ban Tuyên giáo Thành ủy")["unit_ids"]) == {"BTG-TU-DL"}
    assert _codes(_mention(job, "Phòng Kinh tế thành phố")["unit_ids"]) == {"PKT-DL"}
    # "TCCS đảng trực thuộc Thành ủy": every grassroots organisation under the city committee.
    tccs = _codes(_mention(job, "Các TCCS đảng trực thuộc Thành ủy")["unit_ids"])
    assert {"DB-phuong-1", "DB-phuong-12", "DB-xa-ta-nung"} <= tccs
    assert all(code.startswith("DB-") for code in tccs)
    # "các ban, ngành thành phố": the city's departments, not the province's or Bảo Lộc's.
    agencies = _codes(_mention(job, "các ban, ngành thành phố")["unit_ids"])
    assert {"PKT-DL", "PNV-DL", "PGD-DL"} <= agencies
    assert "SKHCN-LD" not in agencies and "TTYT-BL" not in agencies
    unmatched = _mention(job, "Hội Làm vườn Xứ Sương mù")
    assert unmatched["unit_ids"] == []
    # A task takes the union of its mentions' units.
    task = job.draft["tasks"][1]
    assert tccs | agencies == _codes(task["lead_ids"])
    assert _codes(job.draft["tasks"][2]["cooperating_ids"]) == {"PKT-DL"}
    # The cited plan is linked to the registry entry by its number/symbol.
    assert job.draft["references"][0]["target_id"] is not None
    assert job.draft["references"][0]["relation"] == "implements"


def test_review_page_lists_unmatched_mentions(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    body = as_persona("monitor").get(f"/imports/{job.pk}/review/").content.decode()
    assert 'data-testid="unmatched-mention"' in body
    assert "Hội Làm vườn Xứ Sương mù" in body and "Chưa tìm thấy" in body
    assert "Hoặc thêm đơn vị mới" in body  # the monitor may extend the registry


def test_review_edits_persist_in_the_draft(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    client = as_persona("monitor")
    phuong1 = demo.unit("DB-phuong-1")
    data = review_post(
        job,
        title="Kế hoạch đã sửa tên",
        date="20/03/2020",
        recipients="Như trên\nLưu VT",
        **{
            "task-0-text": "Nội dung nhiệm vụ đã sửa",
            "task-0-deadline": "31/12/2025",
            "task-0-frequency": "quarterly",
            "task-0-lead_ids": [str(phuong1.pk)],
            "task-3-include": "",
            "sec-0-heading": "MỤC ĐÍCH (sửa)",
            "ref-0-relation": "cites",
        },
    )
    response = client.post(f"/imports/{job.pk}/review/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    job.refresh_from_db()
    draft = job.draft
    assert job.version == 2
    assert draft["title"] == "Kế hoạch đã sửa tên" and draft["date"] == "2020-03-20"
    assert draft["recipients"] == ["Như trên", "Lưu VT"]
    assert draft["tasks"][0]["text"] == "Nội dung nhiệm vụ đã sửa"
    assert draft["tasks"][0]["deadline"] == "31/12/2025"
    assert draft["tasks"][0]["frequency"] == "quarterly"
    assert draft["tasks"][0]["lead_ids"] == [str(phuong1.pk)]
    assert draft["tasks"][3]["include"] is False
    assert draft["sections"][0]["heading"] == "MỤC ĐÍCH (sửa)"
    assert draft["references"][0]["relation"] == "cites"
    assert "Kế hoạch đã sửa tên" in client.get(f"/imports/{job.pk}/review/").content.decode()


def test_a_stale_review_form_is_refused(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    client = as_persona("monitor")
    first = review_post(job, title="Bản thứ nhất")
    second = review_post(job, title="Bản thứ hai")
    assert client.post(f"/imports/{job.pk}/review/", first).status_code == 302
    response = client.post(f"/imports/{job.pk}/review/", second)
    assert response.status_code == 400
    assert "vừa được người khác cập nhật" in response.content.decode()
    job.refresh_from_db()
    assert job.draft["title"] == "Bản thứ nhất"


def test_bad_review_input_is_explained_and_not_saved(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    data = review_post(job, date="31/02/2020", **{"task-0-deadline": "32/13/2025"})
    response = as_persona("monitor").post(f"/imports/{job.pk}/review/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "ngày không hợp lệ" in body and "hạn hoàn thành không hợp lệ" in body
    job.refresh_from_db()
    assert job.version == 1 and job.draft["date"] == "2020-03-15"


def test_mapping_an_unmatched_mention_assigns_its_tasks(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
    index = next(i for i, m in enumerate(job.draft["mentions"]) if not m["unit_ids"])
    target = demo.unit("HHHDL")
    data = review_post(job, **{f"mention-{index}-map_to": str(target.pk)})
    assert as_persona("monitor").post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    assert job.draft["mentions"][index]["unit_ids"] == [str(target.pk)]
    assert job.draft["tasks"][3]["lead_ids"] == [str(target.pk)]


def test_creating_a_unit_waits_for_confirmation(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("monitor"), INLINE_SAMPLE)
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
    assert as_persona("monitor").post(f"/imports/{job.pk}/review/", data).status_code == 302
    job.refresh_from_db()
    assert job.draft["new_units"][0]["name"] == "Hội Làm vườn Xứ Sương mù"
    assert job.draft["tasks"][3]["lead_ids"] == ["new:0"]
    assert not OrgUnit.objects.filter(name="Hội Làm vườn Xứ Sương mù").exists()


def test_creating_units_needs_the_registry_permission(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("manager"), INLINE_SAMPLE)
    client = as_persona("manager")
    assert "Hoặc thêm đơn vị mới" not in client.get(f"/imports/{job.pk}/review/").content.decode()
    index = next(i for i, m in enumerate(job.draft["mentions"]) if not m["unit_ids"])
    data = review_post(job, **{f"mention-{index}-create_name": "Đơn vị lạ"})
    response = client.post(f"/imports/{job.pk}/review/", data)
    assert response.status_code == 400
    assert "không có quyền thêm đơn vị" in response.content.decode()
    # Mapping to an existing unit stays open to them.
    data = review_post(job, **{f"mention-{index}-map_to": str(demo.unit("HHHDL").pk)})
    assert client.post(f"/imports/{job.pk}/review/", data).status_code == 302


def test_jobs_are_private_to_their_creator_and_the_monitor(as_persona: Any, demo: Any) -> None:
    job = parsed_job(demo.user("manager"), INLINE_SAMPLE)
    outsider, reporter = as_persona("outsider"), as_persona("reporter")
    for suffix in ("", "review/", "confirm/"):
        url = f"/imports/{job.pk}/{suffix}"
        assert outsider.get(url).status_code == 404
        assert outsider.post(url, review_post(job)).status_code in (404, 405)
        assert reporter.get(url).status_code == 404
    assert as_persona("manager").get(f"/imports/{job.pk}/review/").status_code == 200
    monitor = as_persona("monitor")
    assert monitor.get(f"/imports/{job.pk}/review/").status_code == 200
    assert list(monitor.get("/imports/").context["object_list"]) == [job]
    assert outsider.get("/imports/").context["object_list"].count() == 0
    # The monitor reads the review; only the creator changes or confirms it.
    assert monitor.post(f"/imports/{job.pk}/review/", review_post(job)).status_code == 404
    assert monitor.post(f"/imports/{job.pk}/confirm/", {"version": 1}).status_code == 404


def test_users_who_cannot_plan_cannot_import(as_persona: Any) -> None:
    client = as_persona("supervisor")
    assert client.get("/imports/new/").status_code == 404
    assert client.post("/imports/new/", {"text": INLINE_SAMPLE}).status_code == 404
    assert not ImportJob.objects.exists()


def test_owner_defaults_to_the_issuer_only_when_the_user_may_plan_for_it(demo: Any) -> None:
    text = INLINE_SAMPLE.replace("BAN THƯỜNG VỤ\n", "BAN THƯỜNG VỤ THÀNH ỦY ĐÀ LẠT\n")
    monitor_job = parsed_job(demo.user("monitor"), text)
    assert monitor_job.draft["issuer_id"] == str(demo.unit("BTV-TU-DL").pk)
    assert monitor_job.draft["owner_id"] == str(demo.unit("BTV-TU-DL").pk)
    # Otherwise the importing user's own unit, when there is exactly one they may plan for that
    # existed on the document's day (the manager plans for UBND thành phố in 2020).
    manager_job = parsed_job(demo.user("manager"), text)
    assert manager_job.draft["owner_id"] == str(demo.unit("UBND-DL").pk)
    # In 2026 the city's people's committee is gone: nobody until the reviewer picks.
    later = parsed_job(demo.user("manager"), text.replace("năm 2020", "năm 2026"))
    assert later.draft["owner_id"] is None
    # The health centre's officer imports a Lào Cai plan: owned by the centre, whose area
    # holds no other unit, so the other province's groups offer nothing.
    lao_cai = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n" + INLINE_SAMPLE.split("\n", 3)[3].replace(
        "Đà Lạt, ngày", "Lào Cai, ngày"
    )
    outsider_job = parsed_job(demo.user("outsider"), lao_cai)
    assert outsider_job.draft["owner_id"] == str(demo.unit("TTYT-BL").pk)
    assert outsider_job.draft["issuer_status"] == "external"
    assert all(not t["lead_ids"] for t in outsider_job.draft["tasks"])
