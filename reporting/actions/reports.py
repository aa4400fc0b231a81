"""Named, transactional writes of a unit report (báo cáo của đơn vị): save, submit, the leader's
approval, the office's acceptance or return, and the task progress an accepted report applies.
Each checks the model predicate, claims the row version, keeps a revision and writes the audit row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, EditConflict, NotAllowed
from core.locking import claim_version
from plans.models import AssignmentRole, Task, TaskStatus
from reporting.models import (
    ReportRevision,
    ReportStatus,
    TaskReport,
    UnitReport,
)
from reporting.notices import notify_report_decision
from reporting.progress import refresh_chains, refresh_report_chains, refresh_totals

if TYPE_CHECKING:
    from collections.abc import Sequence

    from accounts.models import User
    from reporting.parts import BoundPart


class ReportConflict(EditConflict):
    """A save lost against a concurrent one; its text was kept as a conflict revision."""

    def __init__(self, revision: ReportRevision) -> None:
        self.revision = revision
        super().__init__(
            _(
                "Báo cáo vừa được người khác lưu sau khi bạn mở nên thay đổi của bạn chưa được "
                "ghi đè lên bản hiện tại. Nội dung bạn nhập không bị mất: đã được lưu thành "
                "phiên bản %(n)s (bản xung đột) và hiển thị bên cạnh nội dung hiện tại để đối "
                "chiếu, hợp nhất rồi lưu lại."
            )
            % {"n": revision.number}
        )


def report_content(report: UnitReport) -> dict[str, Any]:
    """The JSON snapshot kept in a revision."""
    sections = []
    for section in report.task_reports.select_related("task").order_by("task__order"):
        sections.append(
            {
                "id": str(section.pk),
                "task": section.task.code,
                "task_title": section.task.title,
                **{name: getattr(section, name) for name in TaskReport.EDITABLE_FIELDS},
            }
        )
    return {
        "status": report.status,
        "version": report.version,
        "summary": report.summary,
        "review_comment": report.review_comment,
        "sections": sections,
    }


def add_revision(
    report: UnitReport,
    action: str,
    actor: User,
    *,
    content: dict[str, Any] | None = None,
    is_conflict: bool = False,
    note: str = "",
) -> ReportRevision:
    last = report.revisions.aggregate(n=Max("number"))["n"] or 0
    return ReportRevision.objects.create(
        unit_report=report,
        number=last + 1,
        action=action,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        content=content if content is not None else report_content(report),
        is_conflict=is_conflict,
        note=note,
    )


def _clean_section(values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name in TaskReport.EDITABLE_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name == "progress":
            if value in (None, ""):
                value = None
            else:
                try:
                    value = int(value)
                except (TypeError, ValueError) as exc:
                    raise ActionError(_("Tiến độ phải là số từ 0 đến 100.")) from exc
                if not 0 <= value <= 100:
                    raise ActionError(_("Tiến độ phải là số từ 0 đến 100."))
        elif name == "status":
            value = value or ""
            if value and value not in TaskStatus.values:
                raise ActionError(_("Tình trạng nhiệm vụ không hợp lệ."))
        else:
            value = (value or "").strip()
        clean[name] = value
    return clean


def _proposed_content(
    report: UnitReport, summary: str | None, sections: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    content = report_content(report)
    if summary is not None:
        content["summary"] = summary
    for row in content["sections"]:
        row.update(sections.get(row["id"], {}))
    return content


def save_report(
    actor: User,
    report: UnitReport,
    *,
    expected_version: int,
    summary: str | None = None,
    sections: dict[str, dict[str, Any]] | None = None,
    parts: Sequence[BoundPart] = (),
) -> UnitReport:
    """Save a draft: the text and every other part typed on the page (``reporting.parts``:
    the indicator figures…) in one transaction — a part refused (``ActionError``) leaves
    nothing saved. A save based on a stale copy changes nothing in the report but keeps the
    losing text as a conflict revision and raises ReportConflict."""
    if not report.can_edit(actor):
        raise NotAllowed()
    cleaned = {key: _clean_section(values) for key, values in (sections or {}).items()}
    try:
        return _save_report(actor, report, expected_version, summary, cleaned, parts)
    except EditConflict:
        revision = _keep_conflict(actor, report, summary, cleaned, expected_version)
        raise ReportConflict(revision) from None


@transaction.atomic
def _save_report(
    actor: User,
    report: UnitReport,
    expected_version: int,
    summary: str | None,
    sections: dict[str, dict[str, Any]],
    parts: Sequence[BoundPart] = (),
) -> UnitReport:
    claim_version(report, expected_version)
    report = UnitReport.objects.select_related("round", "unit").get(pk=report.pk)
    if not report.can_edit(actor):  # the status may have moved on meanwhile
        raise NotAllowed()
    changes: dict[str, Any] = {}
    if summary is not None and summary.strip() != report.summary:
        changes["summary"] = [report.summary, summary.strip()]
        report.summary = summary.strip()
        report.save(update_fields=["summary", "updated_at"])
    by_id = {str(s.pk): s for s in report.task_reports.select_related("task")}
    progressed = []
    for key, values in sections.items():
        section = by_id.get(key)
        if section is None:
            raise ActionError(_("Phần báo cáo không thuộc báo cáo này."))
        before = snapshot(section, TaskReport.EDITABLE_FIELDS)
        for name, value in values.items():
            setattr(section, name, value)
        after = snapshot(section, TaskReport.EDITABLE_FIELDS)
        delta = diff(before, after)
        if delta:
            section.save(update_fields=[*values.keys(), "updated_at"])
            for name, pair in delta.items():
                changes[f"{section.task.code}.{name}"] = pair
            if "progress" in delta:
                progressed.append(section.task_id)
    if progressed:
        refresh_totals([report.pk])
        refresh_chains(report.round.plan_id, report.unit_id, progressed)
    add_revision(report, "save", actor)
    record(actor, "report.save", report, changes)
    for bound in parts:
        # The owning app's action, inside this transaction: its refusal undoes the text too.
        bound.part.save(actor, report, bound.form)
    return report


@transaction.atomic
def _keep_conflict(
    actor: User,
    report: UnitReport,
    summary: str | None,
    sections: dict[str, dict[str, Any]],
    expected_version: int,
) -> ReportRevision:
    current = UnitReport.objects.select_for_update().get(pk=report.pk)
    content = _proposed_content(current, summary, sections)
    content["based_on_version"] = expected_version
    revision = add_revision(
        current,
        "conflict",
        actor,
        content=content,
        is_conflict=True,
        note=_("Bản lưu sau bị từ chối vì dựa trên phiên bản cũ (%(old)s, hiện tại %(new)s).")
        % {"old": expected_version, "new": current.version},
    )
    record(actor, "report.conflict", current, note=revision.note)
    return revision


def _missing_results(report: UnitReport) -> list[str]:
    return [
        s.task.code or s.task.title[:40]
        for s in report.task_reports.select_related("task").order_by("task__order")
        if not s.results.strip()
    ]


@transaction.atomic
def submit_report(actor: User, report: UnitReport, *, expected_version: int) -> UnitReport:
    """Submit to the monitoring office, or to the unit leader first when the unit requires it."""
    if not report.can_submit(actor):
        raise NotAllowed()
    missing = _missing_results(report)
    if missing:
        raise ActionError(
            _("Chưa thể nộp: hãy ghi kết quả đạt được cho nhiệm vụ %(tasks)s.")
            % {"tasks": ", ".join(missing)}
        )
    claim_version(report, expected_version)
    before = report.status
    now = timezone.now()
    if report.requires_leader_approval() and not report.is_unit_leader(actor):
        report.status = ReportStatus.PENDING_APPROVAL
        report.approval_requested_at = now
    else:
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = now
        report.submitted_by = actor
        if report.requires_leader_approval():
            report.approved_at, report.approved_by = now, actor
    report.submitted_by = actor
    report.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "approval_requested_at",
            "approved_at",
            "approved_by",
            "updated_at",
        ]
    )
    add_revision(report, "submit", actor)
    record(actor, "report.submit", report, {"status": [before, report.status]})
    if report.status == ReportStatus.SUBMITTED:
        refresh_report_chains(report)  # its figures now count as reported
    return report


@transaction.atomic
def approve_report(actor: User, report: UnitReport, *, expected_version: int) -> UnitReport:
    """The unit leader approves a report waiting for them; it goes to the monitoring office."""
    if not report.can_approve(actor):
        raise NotAllowed()
    claim_version(report, expected_version)
    now = timezone.now()
    report.status = ReportStatus.SUBMITTED
    report.approved_at, report.approved_by = now, actor
    report.submitted_at = now
    report.save(
        update_fields=["status", "approved_at", "approved_by", "submitted_at", "updated_at"]
    )
    add_revision(report, "approve", actor)
    record(
        actor,
        "report.approve",
        report,
        {"status": [ReportStatus.PENDING_APPROVAL, ReportStatus.SUBMITTED]},
    )
    refresh_report_chains(report)  # its figures now count as reported
    return report


@transaction.atomic
def send_back_to_drafting(
    actor: User, report: UnitReport, *, comment: str, expected_version: int
) -> UnitReport:
    """The unit leader does not approve: the report goes back to the unit's drafters."""
    if not report.can_approve(actor):
        raise NotAllowed()
    if not comment.strip():
        raise ActionError(_("Hãy ghi lý do chưa duyệt để người báo cáo sửa."))
    claim_version(report, expected_version)
    report.status = ReportStatus.DRAFT
    report.save(update_fields=["status", "updated_at"])
    add_revision(report, "leader_return", actor, note=comment.strip())
    record(
        actor,
        "report.leader_return",
        report,
        {"status": [ReportStatus.PENDING_APPROVAL, ReportStatus.DRAFT]},
        note=comment.strip(),
    )
    return report


@transaction.atomic
def return_report(
    actor: User, report: UnitReport, *, comment: str, expected_version: int
) -> UnitReport:
    """The monitoring office sends the report back to the unit with a comment."""
    if not report.can_review(actor):
        raise NotAllowed()
    if not comment.strip():
        raise ActionError(_("Hãy ghi ý kiến để đơn vị biết cần sửa gì."))
    claim_version(report, expected_version)
    report.status = ReportStatus.RETURNED
    report.review_comment = comment.strip()
    report.reviewed_at, report.reviewed_by = timezone.now(), actor
    report.save(
        update_fields=["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"]
    )
    add_revision(report, "return", actor, note=comment.strip())
    record(
        actor,
        "report.return",
        report,
        {"status": [ReportStatus.SUBMITTED, ReportStatus.RETURNED]},
        note=comment.strip(),
    )
    refresh_report_chains(report)  # back with the unit: its figures no longer count
    notify_report_decision(report, accepted=False, comment=comment.strip())
    return report


@transaction.atomic
def accept_report(
    actor: User, report: UnitReport, *, comment: str = "", expected_version: int
) -> UnitReport:
    """Accept a submitted report and carry its lead sections' progress into the tasks."""
    if not report.can_review(actor):
        raise NotAllowed()
    claim_version(report, expected_version)
    report.status = ReportStatus.ACCEPTED
    report.review_comment = comment.strip()
    report.reviewed_at, report.reviewed_by = timezone.now(), actor
    report.save(
        update_fields=["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"]
    )
    add_revision(report, "accept", actor, note=comment.strip())
    record(
        actor,
        "report.accept",
        report,
        {"status": [ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]},
        note=comment.strip(),
    )
    for section in report.task_reports.filter(role=AssignmentRole.LEAD).select_related("task"):
        apply_task_progress(actor, section)
    notify_report_decision(report, accepted=True, comment=comment.strip())
    return report


def apply_task_progress(actor: User, section: TaskReport) -> Task | None:
    """Set the task's progress and status from the accepted lead reports of this round.

    Several units can lead one task (e.g. every ward's Party committee): the task's progress is
    the mean of their accepted figures, and it is complete only when all of them say so.
    """
    task = Task.objects.select_for_update().get(pk=section.task_id)
    accepted = list(
        TaskReport.objects.filter(
            task=task,
            role=AssignmentRole.LEAD,
            unit_report__round_id=section.unit_report.round_id,
            unit_report__status=ReportStatus.ACCEPTED,
        ).values_list("progress", "status")
    )
    figures = [p for p, _s in accepted if p is not None]
    statuses = [s for _p, s in accepted if s]
    if not figures and not statuses:
        return None
    before = snapshot(task, ("progress", "status"))
    if figures:
        task.progress = round(sum(figures) / len(figures))
    if statuses:
        if all(s == TaskStatus.COMPLETED for s in statuses):
            task.status = TaskStatus.COMPLETED
        elif section.status and section.status != TaskStatus.COMPLETED:
            task.status = section.status
        else:
            task.status = TaskStatus.IN_PROGRESS
    changes = diff(before, snapshot(task, ("progress", "status")))
    if changes:
        Task.objects.filter(pk=task.pk).update(
            progress=task.progress,
            status=task.status,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        record(
            actor,
            "task.progress_from_report",
            task,
            changes,
            note=str(section.unit_report),
        )
    return task
