"""Demo: the compiled 2020–2025 sơ kết report of the seed plan, compiled by the monitoring
officer, approved by the leader of the issuing body (Ban Thường vụ Thành ủy) and published on
the public portal."""

from __future__ import annotations

from typing import Any

from reporting.models import PeriodKind, ReportingRound
from reviews import actions
from reviews.drafting import Period


def load(context: dict[str, Any]) -> None:
    plan = context["plans"]["seed"]
    rnd = (
        ReportingRound.objects.filter(plan=plan, kind=PeriodKind.INTERIM_REVIEW)
        .order_by("period_end")
        .first()
    )
    if rnd is None:  # the reporting demo did not run: nothing to compile
        return
    monitor = context["users"]["theodoi"]
    review = actions.compile_review(monitor, plan, Period.of_round(rnd))
    leader = context["users"].get("lanhdao", monitor)
    review = actions.approve_review(leader, review, expected_version=review.version)
    review = actions.publish_review(leader, review, expected_version=review.version)
    context["reviews"] = {"seed_interim": review}
