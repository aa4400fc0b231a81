"""The status machine's steps: proposal, listing, selection, contract, start, suspension,
cancellation, acceptance, result registration."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from projects import rules
from projects.models import (
    MAX_YEAR,
    MIN_YEAR,
    BudgetLine,
    CouncilStage,
    Project,
    ProjectMember,
    ProjectPartner,
    Rating,
    SelectionMethod,
    Status,
    StatusChange,
)

if TYPE_CHECKING:
    from accounts.models import User


from projects.actions.common import (
    Budget,
    CouncilInput,
    Person,
    _add_council,
    _budget_lines,
    _check_date,
    _fields,
    _manage,
    _move,
    _save,
    _write,
)


@transaction.atomic
def create_project(
    actor: User, *, plan_tasks: Iterable[Any] = (), documents: Iterable[Any] = (), **fields: Any
) -> Project:
    """Register a proposal as a draft of the proposing unit (đề xuất nhiệm vụ)."""
    if not rules.can_propose(actor, fields.get("unit")):
        raise NotAllowed()
    project = Project(created_by=actor, status=Status.DRAFT, **fields)
    _save(project)
    project.plan_tasks.set(list(plan_tasks))
    project.documents.set(list(documents))
    StatusChange.objects.create(
        project=project, to_status=Status.DRAFT, on=timezone.localdate(), actor=actor
    )
    after = snapshot(project, [f for f in Project.PROPOSAL_FIELDS if f != "plan_tasks"])
    record(actor, "project.create", project, {k: [None, v] for k, v in after.items() if v})
    return project


@transaction.atomic
def update_proposal(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    plan_tasks: Iterable[Any] | None = None,
    **fields: Any,
) -> Project:
    if not rules.can_edit_proposal(actor, project):
        raise NotAllowed()
    if (
        "unit" in fields
        and fields["unit"] != project.unit
        and not rules.can_propose(actor, fields["unit"])
    ):
        raise NotAllowed()
    claim_version(project, expected_version)
    names = [n for n in fields if n in Project.PROPOSAL_FIELDS]
    before = snapshot(project, names)
    for name in names:
        setattr(project, name, fields[name])
    if plan_tasks is not None:
        project.plan_tasks.set(list(plan_tasks))
    _write(actor, project, "project.update", before)
    return project


@transaction.atomic
def submit_proposal(
    actor: User, project: Project, *, expected_version: int, on: datetime.date | None = None
) -> Project:
    """The proposing unit sends its draft to the managing office (gửi đề xuất)."""
    if project.status != Status.DRAFT or not rules.can_edit_proposal(actor, project):
        raise NotAllowed()
    claim_version(project, expected_version)
    before = _fields(project)
    _move(actor, project, Status.PROPOSED, on=on)
    _write(actor, project, "project.submit", before)
    return project


@transaction.atomic
def list_project(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    list_year: int,
    note: str = "",
    on: datetime.date | None = None,
) -> Project:
    """Put a proposal on the yearly list (danh mục nhiệm vụ năm)."""
    _manage(actor, project, expected_version)
    if not MIN_YEAR <= list_year <= MAX_YEAR:
        raise ActionError(_("Năm danh mục không hợp lệ."))
    before = _fields(project, "list_year")
    project.list_year = list_year
    _move(actor, project, Status.LISTED, note=note, on=on)
    _write(actor, project, "project.list", before)
    return project


@transaction.atomic
def select_project(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    method: str,
    host: Any,
    principal_investigator: str,
    decision: str = "",
    council: CouncilInput | None = None,
    members: Sequence[Person] = (),
    partners: Sequence[Any] = (),
    decided_on: datetime.date | None = None,
) -> Project:
    """Approve a listed project by call (tuyển chọn, with its council) or direct assignment
    (giao trực tiếp), naming its host, principal investigator, team and partners."""
    _manage(actor, project, expected_version)
    if method not in SelectionMethod.values:
        raise ActionError(_("Hình thức tuyển chọn không hợp lệ."))
    if method == SelectionMethod.CALL and council is None:
        raise ActionError(_("Tuyển chọn cần có hội đồng tuyển chọn."))
    if host is None or not principal_investigator.strip():
        raise ActionError(_("Cần có tổ chức chủ trì và chủ nhiệm nhiệm vụ."))
    _check_date(decided_on, _("Ngày phê duyệt"))
    before = _fields(
        project, "selection_method", "selection_decision", "host", "principal_investigator"
    )
    project.selection_method = method
    project.selection_decision = decision
    project.host = host
    project.principal_investigator = principal_investigator.strip()
    if council is not None:
        _add_council(project, CouncilStage.SELECTION, council)
    for person in members:
        ProjectMember.objects.create(
            project=project, name=person.name, role=person.role, affiliation=person.affiliation
        )
    for org in dict.fromkeys(partners):
        ProjectPartner.objects.create(project=project, organisation=org)
    _move(actor, project, Status.SELECTED, on=decided_on, note=decision)
    _write(actor, project, "project.select", before)
    return project


@transaction.atomic
def sign_contract(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    contract_number: str,
    signed_on: datetime.date,
    start_date: datetime.date,
    end_date: datetime.date,
    budget: Sequence[Budget] = (),
) -> Project:
    """Record the contract (hợp đồng) and the approved budget by source and year."""
    _manage(actor, project, expected_version)
    for day, label in (
        (signed_on, _("Ngày ký")),
        (start_date, _("Ngày bắt đầu")),
        (end_date, _("Ngày kết thúc")),
    ):
        _check_date(day, label)
    if not contract_number.strip():
        raise ActionError(_("Cần có số hợp đồng."))
    before = _fields(project, "contract_number", "contract_signed_on", "start_date", "end_date")
    project.contract_number = contract_number.strip()
    project.contract_signed_on = signed_on
    project.start_date, project.end_date = start_date, end_date
    rows = _budget_lines(project, budget)
    project.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(rows)
    _move(actor, project, Status.CONTRACTED, on=signed_on, note=project.contract_number)
    _write(actor, project, "project.contract", before)
    if rows:
        record(
            actor,
            "project.budget",
            project,
            {"budget": [None, [f"{r.year} {r.get_source_display()}: {r.amount}" for r in rows]]},
        )
    return project


@transaction.atomic
def start_project(actor: User, project: Project, *, expected_version: int) -> Project:
    _manage(actor, project, expected_version)
    before = _fields(project)
    _move(actor, project, Status.IN_PROGRESS, on=project.start_date)
    _write(actor, project, "project.start", before)
    return project


@transaction.atomic
def suspend_project(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    reason: str,
    on: datetime.date | None = None,
) -> Project:
    return _close(actor, project, expected_version, Status.SUSPENDED, reason, "project.suspend", on)


@transaction.atomic
def cancel_project(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    reason: str,
    on: datetime.date | None = None,
) -> Project:
    """Cancel (hủy) with a reason; the proposer may withdraw its own draft."""
    if project.status == Status.DRAFT and rules.can_edit_proposal(actor, project):
        claim_version(project, expected_version)
        return _closed(actor, project, Status.CANCELLED, reason, "project.cancel", on)
    return _close(actor, project, expected_version, Status.CANCELLED, reason, "project.cancel", on)


def _close(
    actor: User,
    project: Project,
    expected_version: int,
    to: str,
    reason: str,
    action: str,
    on: datetime.date | None,
) -> Project:
    _manage(actor, project, expected_version)
    return _closed(actor, project, to, reason, action, on)


def _closed(
    actor: User, project: Project, to: str, reason: str, action: str, on: datetime.date | None
) -> Project:
    if not reason.strip():
        raise ActionError(_("Cần ghi rõ lý do."))
    _check_date(on, _("Ngày"))
    before = _fields(project, "closing_reason")
    project.closing_reason = reason.strip()
    _move(actor, project, to, note=reason.strip(), on=on)
    _write(actor, project, action, before)
    return project


@transaction.atomic
def resume_project(
    actor: User, project: Project, *, expected_version: int, note: str = ""
) -> Project:
    _manage(actor, project, expected_version)
    before = _fields(project)
    _move(actor, project, Status.IN_PROGRESS, note=note)
    _write(actor, project, "project.resume", before)
    return project


@transaction.atomic
def accept_project(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    accepted_on: datetime.date,
    rating: str,
    products_delivered: str,
    council: CouncilInput,
) -> Project:
    """Acceptance (nghiệm thu) by a council; "không đạt" ends the project as failed."""
    _manage(actor, project, expected_version)
    if rating not in Rating.values:
        raise ActionError(_("Xếp loại nghiệm thu không hợp lệ."))
    _check_date(accepted_on, _("Ngày nghiệm thu"))
    before = _fields(project, "accepted_on", "rating", "products_delivered")
    project.accepted_on, project.rating = accepted_on, rating
    project.products_delivered = products_delivered
    to = Status.FAILED if rating == Rating.FAIL else Status.ACCEPTED
    _move(actor, project, to, on=accepted_on, note=str(Rating(rating).label))
    _add_council(project, CouncilStage.ACCEPTANCE, council)
    _write(actor, project, "project.accept", before)
    return project


@transaction.atomic
def register_result(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    registration_number: str,
    registered_on: datetime.date,
    publish: bool = True,
) -> Project:
    """Result registration (đăng ký kết quả) with its certificate; published results (title,
    abstract, products) become visible to every signed-in user."""
    _manage(actor, project, expected_version)
    _check_date(registered_on, _("Ngày đăng ký"))
    if not registration_number.strip():
        raise ActionError(_("Cần có số giấy chứng nhận đăng ký kết quả."))
    if project.accepted_on and registered_on < project.accepted_on:
        raise ActionError(_("Ngày đăng ký kết quả không được trước ngày nghiệm thu."))
    before = _fields(project, "registration_number", "registered_on", "is_published")
    project.registration_number = registration_number.strip()
    project.registered_on = registered_on
    project.is_published = publish
    _move(actor, project, Status.REGISTERED, on=registered_on, note=project.registration_number)
    _write(actor, project, "project.register", before)
    return project
