"""Changes after a step has passed: the team and partners, the approved budget, and the
documents linked to a project. Each is the managing office's (or, for documents, also the
proposing unit's) named action, audited on the project with the lists before and after."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from projects import rules
from projects.actions.common import Budget, Person, _budget_lines, _check_date, _manage, _save
from projects.models import (
    Adjustment,
    AdjustmentKind,
    BudgetLine,
    Project,
    ProjectMember,
    ProjectPartner,
    Status,
)

if TYPE_CHECKING:
    from accounts.models import User

# From approval (the team exists) until acceptance (the team is part of the record).
TEAM_STATUSES = (Status.SELECTED, Status.CONTRACTED, Status.IN_PROGRESS, Status.SUSPENDED)
# The approved budget is the contract's: it changes only while the contract runs.
BUDGET_STATUSES = (Status.CONTRACTED, Status.IN_PROGRESS, Status.SUSPENDED)
MAX_DOCUMENTS = 50


def _people(project: Project) -> list[str]:
    return [
        " | ".join(p for p in (m.name, m.role, m.affiliation) if p)
        for m in project.members.order_by("name")
    ]


def _partner_names(project: Project) -> list[str]:
    return sorted(str(p.organisation) for p in project.partners.select_related("organisation"))


def _budget_text(project: Project) -> list[str]:
    return [
        f"{b.year} {b.get_source_display()}: {b.amount}"
        for b in project.budget_lines.order_by("year", "source")
    ]


@transaction.atomic
def update_team(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    principal_investigator: str,
    members: Sequence[Person] = (),
    partners: Sequence[Any] = (),
    note: str = "",
) -> Project:
    """Replace the principal investigator (chủ nhiệm), the team (thành viên) and the partner
    organisations (tổ chức phối hợp) after approval, e.g. on an approved change of staff."""
    _manage(actor, project, expected_version)
    if project.status not in TEAM_STATUSES:
        raise ActionError(
            _(
                "Chỉ thay đổi chủ nhiệm, thành viên, tổ chức phối hợp khi nhiệm vụ đã được phê "
                "duyệt và chưa nghiệm thu."
            )
        )
    if not principal_investigator.strip():
        raise ActionError(_("Cần có chủ nhiệm nhiệm vụ."))
    before = {
        "principal_investigator": project.principal_investigator,
        "team": _people(project),
        "partner_organisations": _partner_names(project),
    }
    project.principal_investigator = principal_investigator.strip()[:200]
    project.members.all().delete()
    ProjectMember.objects.bulk_create(
        ProjectMember(project=project, name=p.name, role=p.role, affiliation=p.affiliation)
        for p in members
    )
    project.partners.all().delete()
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=project, organisation=org) for org in dict.fromkeys(partners)
    )
    project.save()
    after = {
        "principal_investigator": project.principal_investigator,
        "team": _people(project),
        "partner_organisations": _partner_names(project),
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    record(actor, "project.team", project, changes, note=note)
    return project


@transaction.atomic
def change_budget(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    budget: Sequence[Budget],
    decision_ref: str,
    decided_on: datetime.date,
    description: str = "",
) -> Project:
    """Replace the approved budget by source and year on an approved change (điều chỉnh kinh
    phí) while the contract runs: an adjustment row for the timeline, the lines before and
    after in the audit."""
    _manage(actor, project, expected_version)
    if project.status not in BUDGET_STATUSES:
        raise ActionError(_("Chỉ điều chỉnh kinh phí của nhiệm vụ đang thực hiện hợp đồng."))
    if not budget:
        raise ActionError(_("Hãy nhập ít nhất một dòng kinh phí."))
    if not decision_ref.strip():
        raise ActionError(_("Cần có số quyết định điều chỉnh."))
    _check_date(decided_on, _("Ngày quyết định"))
    before = _budget_text(project)
    rows = _budget_lines(project, budget)
    _save(
        Adjustment(
            project=project,
            kind=AdjustmentKind.BUDGET,
            decision_ref=decision_ref.strip(),
            decided_on=decided_on,
            description=description,
        )
    )
    project.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(rows)
    project.save()
    record(
        actor,
        "project.budget",
        project,
        {"budget": [before, _budget_text(project)]},
        note=decision_ref.strip(),
    )
    return project


@transaction.atomic
def link_documents(
    actor: User, project: Project, *, expected_version: int, documents: Sequence[Any]
) -> Project:
    """Set the documents (văn bản: decisions, contracts, minutes) linked to a project. The
    caller's form offers only documents the actor may see; those the actor cannot see stay
    linked untouched."""
    if not rules.can_link_documents(actor, project):
        raise NotAllowed()
    claim_version(project, expected_version)
    if len(documents) > MAX_DOCUMENTS:
        raise ActionError(_("Mỗi lần gắn tối đa %(n)s văn bản.") % {"n": MAX_DOCUMENTS})
    from documents.models import Document

    visible = set(Document.objects.visible_to(actor).values_list("pk", flat=True))
    if any(d.pk not in visible for d in documents):
        raise NotAllowed()
    current = list(project.documents.all())
    before = sorted(str(d) for d in current if d.pk in visible)
    keep_hidden = [d for d in current if d.pk not in visible]
    project.documents.set([*keep_hidden, *dict.fromkeys(documents)])
    project.save()
    after = sorted(str(d) for d in documents)
    if before != after:
        record(actor, "project.documents", project, {"documents": [before, after]})
    return project
