"""Named, transactional writes of the issues register (sổ theo dõi vướng mắc)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from reporting.models import Issue, IssueSeverity, IssueStatus, TaskReport, is_reviewer

if TYPE_CHECKING:
    from accounts.models import User

# ---------------------------------------------------------------------------------------------


@transaction.atomic
def promote_issue(
    actor: User,
    section: TaskReport,
    *,
    title: str,
    owner: Any,
    severity: str = IssueSeverity.MEDIUM,
    due_date: datetime.date | None = None,
    description: str = "",
) -> Issue:
    """Turn a difficulty raised in a task report into a tracked issue (vướng mắc)."""
    report = section.unit_report
    plan = report.round.plan
    if not is_reviewer(actor, plan):
        raise NotAllowed()
    if not title.strip():
        raise ActionError(_("Hãy ghi nội dung vướng mắc."))
    if severity not in IssueSeverity.values:
        raise ActionError(_("Mức độ không hợp lệ."))
    issue = Issue.objects.create(
        plan=plan,
        task=section.task,
        source=section,
        raised_by_unit=report.unit,
        owner=owner,
        title=title.strip()[:300],
        description=description.strip() or section.difficulties,
        severity=severity,
        due_date=due_date,
        created_by=actor,
    )
    record(
        actor,
        "issue.create",
        issue,
        {
            k: [None, v]
            for k, v in snapshot(issue, Issue.EDITABLE_FIELDS).items()
            if v not in (None, "")
        },
        note=str(section),
    )
    return issue


@transaction.atomic
def update_issue(actor: User, issue: Issue, *, expected_version: int, **fields: Any) -> Issue:
    if not issue.can_edit(actor):
        raise NotAllowed()
    unknown = set(fields) - set(Issue.EDITABLE_FIELDS)
    if unknown:
        raise ActionError(_("Trường không hợp lệ."))
    status = fields.get("status", issue.status)
    if (
        status in (IssueStatus.RESOLVED, IssueStatus.CLOSED)
        and not (fields.get("resolution", issue.resolution) or "").strip()
    ):
        raise ActionError(_("Hãy ghi kết quả xử lý trước khi chuyển sang đã giải quyết."))
    claim_version(issue, expected_version)
    before = snapshot(issue, Issue.EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(issue, name, value)
    if issue.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED):
        issue.resolved_at = issue.resolved_at or timezone.now()
    else:
        issue.resolved_at = None
    issue.save()
    record(actor, "issue.update", issue, diff(before, snapshot(issue, Issue.EDITABLE_FIELDS)))
    return issue
