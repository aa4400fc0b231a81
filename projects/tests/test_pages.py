"""The pages: list with filters and search (with and without diacritics), detail timeline, the
step forms, the dashboard panel and the yearly application reminder."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from notifications.models import Notification
from projects import reminders
from projects.models import ApplicationReminder, Project, Status
from projects.tests.helpers import proposal, walk_to

ATISO = "Nhân giống in vitro cây atisô tím"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["atisô tím", "atiso tim", "ATISÔ", "in vitro atiso"])
def test_search_finds_with_and_without_diacritics(as_persona: Any, query: str) -> None:
    body = as_persona("monitor").get("/projects/", {"q": query}).content.decode()
    assert ATISO in body


@pytest.mark.django_db
def test_filters_narrow_the_list(as_persona: Any) -> None:
    client = as_persona("monitor")
    national = client.get("/projects/", {"level": "quoc_gia"}).content.decode()
    assert "chiếu xạ gamma" in national and ATISO not in national
    failed = client.get("/projects/", {"status": "failed"}).content.decode()
    assert "hồ Xuân Hương" in failed and ATISO not in failed
    year = client.get("/projects/", {"year": 2015}).content.decode()
    assert ATISO in year and "Robot hái dâu" not in year


@pytest.mark.django_db
def test_detail_shows_the_whole_timeline(as_persona: Any) -> None:
    project = Project.objects.get(title__startswith=ATISO)
    body = as_persona("monitor").get(f"/projects/{project.pk}/").content.decode()
    for text in (
        "Đã đề xuất",
        "Trong danh mục năm",
        "Hội đồng tuyển chọn",
        "Đã ký hợp đồng",
        "Cấp kinh phí",
        "Kiểm tra tiến độ",
        "Hội đồng nghiệm thu",
        "Đã đăng ký kết quả",
        "Nhân rộng: Hộ nông dân Lạc Dương",
    ):
        assert text in body, text


@pytest.mark.django_db
def test_the_contract_form_names_the_bad_budget_line_and_keeps_the_input(
    demo: Any, as_persona: Any
) -> None:
    project = walk_to(demo, proposal(demo), "selected")
    response = as_persona("manager").post(
        f"/projects/{project.pk}/contract/",
        {
            "version": project.version,
            "contract_number": "09/HĐ",
            "signed_on": "01/04/2024",
            "start_date": "15/04/2024",
            "end_date": "14/10/2025",
            "budget": "2024 | Ngân sách tỉnh | 200.000.000\n2024 | Vốn vay | 10",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dòng 2" in body and "Vốn vay" in body
    project.refresh_from_db()
    assert project.status == Status.SELECTED


@pytest.mark.django_db
def test_a_stale_form_gets_a_conflict_message_not_an_error_page(demo: Any, as_persona: Any) -> None:
    project = walk_to(demo, proposal(demo), "proposed")
    client = as_persona("manager")
    data = {"version": project.version, "list_year": 2025, "note": "Danh mục bổ sung"}
    assert client.post(f"/projects/{project.pk}/list/", data).status_code == 302
    again = client.post(
        f"/projects/{project.pk}/cancel/", {"version": project.version, "reason": "Trùng lặp"}
    )
    assert again.status_code == 400 and "vừa được người khác cập nhật" in again.content.decode()
    assert "Trùng lặp" in again.content.decode()


@pytest.mark.django_db
def test_the_dashboard_lists_accepted_projects_never_applied(as_persona: Any) -> None:
    body = as_persona("monitor").get("/monitoring/").content.decode()
    assert 'data-testid="never-applied"' in body
    never = Project.objects.filter(status__in=["accepted", "registered"], applications__isnull=True)
    assert never.exists()
    oldest = never.order_by("accepted_on").first()
    assert oldest is not None and oldest.title[:60] in body
    applied = Project.objects.get(title__startswith=ATISO)
    panel = body[body.index('data-testid="never-applied"') :]
    assert applied.title[:60] not in panel


@pytest.mark.django_db
def test_the_host_is_reminded_once_a_year_for_three_years(demo: Any) -> None:
    project = walk_to(demo, proposal(demo), "accepted")
    accepted = project.accepted_on
    assert accepted is not None
    assert reminders.remind_applications(accepted + datetime.timedelta(days=200))["sent"] == 0
    first = reminders.anniversary(accepted, 1)
    sent = reminders.remind_applications(first)["sent"]
    assert sent >= 1 and ApplicationReminder.objects.filter(project=project, round=1).exists()
    assert reminders.remind_applications(first + datetime.timedelta(days=3))["sent"] == 0  # once
    assert Notification.objects.filter(link__contains=str(project.pk)).exists()
    reminders.remind_applications(reminders.anniversary(accepted, 3))
    assert ApplicationReminder.objects.filter(project=project, round=3).exists()
    assert reminders.due_round(project, reminders.anniversary(accepted, 4)) is None
