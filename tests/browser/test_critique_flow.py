"""A critique round in Chromium: the drafting body sends its draft plan for critique; the Front
comments on two paragraphs, consolidates two points and sends them; the drafting body answers
both."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser


def test_critique_round_with_two_anchored_comments_and_answers(page: Any) -> None:
    from orgunits.models import OrgUnit
    from plans.models import Plan

    draft = Plan.objects.get(title__startswith="Kế hoạch phát triển khoa học, công nghệ và đổi mới")
    first, second = draft.tasks.order_by("code")[:2]
    front = OrgUnit.objects.get(code="MTTQ-DL")
    deadline = (timezone.localdate() + datetime.timedelta(days=14)).strftime("%d/%m/%Y")

    login(page, "ubnd")
    page.goto(f"/plans/{draft.pk}/")
    page.get_by_role("link", name="Đề nghị phản biện xã hội").click()
    page.locator("select[name=organiser]").select_option(str(front.pk))
    page.locator("input[name=deadline]").fill(deadline)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("[data-testid=critique-status]:has-text('Đang lấy ý kiến')")
    critique_url = page.url
    page.context.clear_cookies()

    login(page, "mttq")
    page.goto(critique_url)
    for task, text in ((first, "Đề nghị lộ trình tăng dần"), (second, "Nêu rõ tiêu chí")):
        form = page.locator("form[action$='/comment/']")
        form.locator("select[name=task]").select_option(str(task.pk))
        form.locator("textarea[name=text]").fill(text)
        form.get_by_role("button", name="Gửi góp ý").click()
        page.wait_for_selector(f"#doan-{task.pk} [data-testid=comment]:has-text('{text}')")
    for task, text in ((first, "Điều chỉnh chỉ tiêu theo lộ trình"), (second, "Bổ sung tiêu chí")):
        page.locator("details:has-text('Thêm nội dung phản biện') summary").click()
        form = page.locator("form[action$='/point/']")
        form.locator("select[name=task]").select_option(str(task.pk))
        form.locator("textarea[name=text]").fill(text)
        form.get_by_role("button", name="Thêm").click()
        page.wait_for_selector(f"[data-testid=point]:has-text('{text}')")
    page.get_by_role("button", name="Gửi văn bản phản biện").click()
    page.wait_for_selector("[data-testid=critique-status]:has-text('Đã gửi văn bản phản biện')")
    page.context.clear_cookies()

    login(page, "ubnd")
    page.goto(critique_url)
    for index, answer in enumerate(("Tiếp thu lộ trình 2026–2030", "Tiêu chí tại Phụ lục II")):
        form = page.locator("form[action$='/answer/']")
        form.locator("select[name=point]").select_option(index=index + 1)
        form.locator("select[name=kind]").select_option("accepted" if index == 0 else "explained")
        form.locator("textarea[name=answer]").fill(answer)
        form.get_by_role("button", name="Gửi trả lời").click()
        page.wait_for_selector(f"[data-testid=point-answer]:has-text('{answer}')")
    status = page.get_by_test_id("critique-status").inner_text()
    assert status == "Cơ quan soạn thảo đã trả lời"
