"""Social critique on a draft plan: submitted by the drafting body, comments anchored to
paragraphs, consolidated points sent, every point answered, then published."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from core.errors import ActionError, NotAllowed
from plans.models import Plan
from supervision import actions
from supervision.models import Critique, CritiqueStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(demo: Any) -> Plan:
    return Plan.objects.get(title__startswith="Kế hoạch phát triển khoa học, công nghệ và đổi mới")


def test_a_round_with_two_anchored_comments_and_answers(demo: Any, draft: Plan) -> None:
    drafter, front = demo.user("manager"), demo.user("supervisor")
    expert = demo.user("chuyengia")
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    critique = actions.submit_for_critique(
        drafter, draft, organiser=demo.unit("MTTQ-DL"), deadline=deadline
    )
    assert front.notifications.filter(link__contains=str(critique.pk)).exists()
    critique = actions.invite_experts(
        front, critique, expected_version=critique.version, experts=[expert]
    )
    first, second = draft.tasks.order_by("code")[:2]
    with pytest.raises(NotAllowed):  # the drafting body does not comment on its own draft
        actions.add_comment(drafter, critique, task=first, text="Tự góp ý")
    c1 = actions.add_comment(expert, critique, task=first, text="Lộ trình tăng dần")
    c2 = actions.add_comment(front, critique, task=second, text="Nêu tiêu chí cụ thể")
    other_plan_task = demo.seed_plan.tasks.first()
    with pytest.raises(ActionError, match="không thuộc dự thảo"):
        actions.add_comment(expert, critique, task=other_plan_task, text="Lạc đề")
    # Comments stay with the Front and the experts until consolidated and sent.
    page = client_for("manager").get(reverse("supervision:critique", args=[critique.pk]))
    assert page.status_code == 200 and "Lộ trình tăng dần" not in page.content.decode()
    with pytest.raises(ActionError, match="chưa có nội dung"):
        actions.send_critique(front, critique, expected_version=critique.version)
    p1 = actions.add_point(front, critique, task=first, text="Đề nghị lộ trình", sources=[c1])
    p2 = actions.add_point(front, critique, task=second, text="Bổ sung tiêu chí", sources=[c2])
    critique = actions.send_critique(front, critique, expected_version=critique.version)
    assert critique.status == CritiqueStatus.SENT
    with pytest.raises(NotAllowed):  # closed for comments once sent
        actions.add_comment(expert, critique, task=first, text="Muộn")
    with pytest.raises(NotAllowed):
        actions.answer_point(front, p1, kind="accepted", answer="x")
    actions.answer_point(drafter, p1, kind="accepted", answer="Tiếp thu lộ trình")
    critique.refresh_from_db()
    assert critique.status == CritiqueStatus.SENT  # one point still unanswered
    with pytest.raises(ActionError):
        actions.publish_critique(front, critique, expected_version=critique.version, publish=True)
    actions.answer_point(drafter, p2, kind="explained", answer="Theo Nghị định 13")
    critique.refresh_from_db()
    assert critique.status == CritiqueStatus.ANSWERED
    critique = actions.publish_critique(
        front, critique, expected_version=critique.version, publish=True
    )
    assert critique.is_published
    body = client_for("manager").get(reverse("supervision:critique", args=[critique.pk]))
    text = body.content.decode()
    assert "Tiếp thu lộ trình" in text and "Theo Nghị định 13" in text


def test_who_sees_a_critique(demo: Any, draft: Plan) -> None:
    critique = Critique.objects.get(plan=draft)
    assert Critique.objects.visible_to(demo.user("supervisor")).filter(pk=critique.pk).exists()
    assert Critique.objects.visible_to(demo.user("manager")).filter(pk=critique.pk).exists()
    assert not Critique.objects.visible_to(demo.user("outsider")).filter(pk=critique.pk).exists()
    url = reverse("supervision:critique", args=[critique.pk])
    assert client_for("outsider").get(url).status_code == 404
    front_page = client_for("supervisor").get(url).content.decode()
    assert "Mức 3% cao" in front_page  # the experts' comments, anchored to their paragraph
    submit = reverse("supervision:critique_submit", args=[demo.seed_plan.pk])
    assert client_for("manager").get(submit).status_code == 404  # not a draft


def test_submitting_needs_a_draft_a_front_and_a_sane_deadline(demo: Any, draft: Plan) -> None:
    drafter = demo.user("manager")
    with pytest.raises(ActionError, match="Hạn góp ý"):
        actions.submit_for_critique(
            drafter,
            draft,
            organiser=demo.unit("MTTQ-DL"),
            deadline=timezone.localdate() - datetime.timedelta(days=1),
        )
    with pytest.raises(ActionError, match="không thực hiện phản biện"):
        actions.submit_for_critique(
            drafter, draft, organiser=demo.unit("TTYT-BL"), deadline=timezone.localdate()
        )
    with pytest.raises(NotAllowed):
        actions.submit_for_critique(
            demo.user("outsider"),
            draft,
            organiser=demo.unit("MTTQ-DL"),
            deadline=timezone.localdate(),
        )
    page = client_for("manager").post(
        reverse("supervision:critique_submit", args=[draft.pk]),
        {
            "organiser": demo.unit("MTTQ-DL").pk,
            "deadline": (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y"),
        },
    )
    assert page.status_code == 302
    assert Critique.objects.filter(plan=draft).count() == 2
