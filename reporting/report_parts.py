"""Reporting's own part of the unit report's one form (``reporting.parts``): the evidence file
chosen on the page is attached by the same "Lưu nháp" that saves the text, in its transaction —
a file refused on its content leaves the text unsaved too, and the page keeps what was typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reporting.actions import evidence as evidence_actions
from reporting.forms import EvidencePartForm

if TYPE_CHECKING:
    from accounts.models import User
    from reporting.models import UnitReport


def build_evidence(
    report: UnitReport, user: Any, data: Any = None, files: Any = None
) -> EvidencePartForm | None:
    if not report.can_edit(user):
        return None
    return EvidencePartForm(data, files, report=report)


def save_evidence(actor: User, report: UnitReport, form: EvidencePartForm) -> Any:
    upload = form.cleaned_data.get("file")
    if not upload:
        return None
    return evidence_actions.add_evidence(
        actor, report, upload, task_report=form.cleaned_data.get("task_report")
    )
