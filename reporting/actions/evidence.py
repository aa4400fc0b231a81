"""Evidence files (minh chứng) attached to a unit report: added after a content check,
removed while the report is open."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from core.errors import ActionError, NotAllowed
from reporting.evidence import check_upload
from reporting.models import Evidence, TaskReport, UnitReport

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def add_evidence(
    actor: User, report: UnitReport, upload: Any, *, task_report: TaskReport | None = None
) -> Evidence:
    """Attach a file after checking its content; a bad file raises and nothing is stored."""
    if not report.can_edit(actor):
        raise NotAllowed()
    if task_report is not None and task_report.unit_report_id != report.pk:
        raise ActionError(_("Phần báo cáo không thuộc báo cáo này."))
    checked = check_upload(upload)
    base = (upload.name or "minh-chung").rsplit("/", 1)[-1][:200]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    evidence = Evidence(
        unit_report=report,
        task_report=task_report,
        original_name=base,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    upload.seek(0)
    evidence.file.save(f"{stem[:80]}.{checked.extension}", ContentFile(upload.read()), save=False)
    evidence.save()
    record(actor, "report.evidence.add", report, {"evidence": [None, base]})
    return evidence


@transaction.atomic
def remove_evidence(actor: User, evidence: Evidence) -> None:
    report = evidence.unit_report
    if not report.can_edit(actor):
        raise NotAllowed()
    name = evidence.original_name
    file_name = evidence.file.name or ""
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(file_name))
    record(actor, "report.evidence.remove", report, {"evidence": [name, None]})
