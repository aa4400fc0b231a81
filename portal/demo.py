"""Demo feedback: one answered and published, one waiting for moderation."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from audit.log import record
from portal.actions import ip_hash
from portal.models import Feedback, FeedbackStatus


def load(context: dict[str, Any]) -> None:
    front, mttq = context["units"]["MTTQ-DL"], context["users"]["mttq"]
    answered = Feedback.objects.create(
        tracking_code="YK-DEMO2024",
        recipient=front,
        subject="Công khai kết quả đề tài về giống hoa",
        body=(
            "Đề nghị công khai kết quả các đề tài về giống hoa mới để nông dân được biết và "
            "áp dụng."
        ),
        status=FeedbackStatus.PUBLISHED,
        answer=(
            "Ủy ban MTTQ đã kiến nghị Ủy ban nhân dân thành phố công khai kết quả các nhiệm vụ "
            "đã nghiệm thu; kết quả được đăng tại mục Nhiệm vụ KH&CN của cổng."
        ),
        answered_at=timezone.now(),
        moderated_by=mttq,
        ip_hash=ip_hash("demo"),
    )
    pending = Feedback.objects.create(
        tracking_code="YK-DEMOCHO1",
        recipient=front,
        subject="Hỗ trợ nhà kính cho hộ trẻ",
        body="Xin hỏi điều kiện để hộ thanh niên được hỗ trợ làm nhà kính công nghệ cao.",
        ip_hash=ip_hash("demo"),
    )
    for feedback in (answered, pending):
        record(None, "portal.feedback.submit", feedback, {"status": [None, feedback.status]})
