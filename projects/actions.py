"""Named, transactional writes for S&T projects (nhiệm vụ KH&CN).

Each action checks its predicate (``projects.rules``), claims the project's version, moves the
status machine only along ``models.TRANSITIONS`` (a ``StatusChange`` row per move: the
timeline) and writes its audit row. Records that exist only as part of a project (councils,
budget lines, disbursements, checks, adjustments, applications) are written by the action of
the step they belong to and audited on the project.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from projects import rules
from projects.models import (
    MAX_YEAR,
    MIN_YEAR,
    Adjustment,
    AdjustmentKind,
    Application,
    BudgetLine,
    Council,
    CouncilMember,
    CouncilStage,
    Disbursement,
    ProgressCheck,
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


@dataclass(frozen=True)
class Person:
    """A council or team member as typed: name, role, score (councils only)."""

    name: str
    role: str = ""
    score: Decimal | None = None
    affiliation: str = ""


@dataclass(frozen=True)
class CouncilInput:
    met_on: datetime.date
    decision_ref: str = ""
    conclusion: str = ""
    members: Sequence[Person] = field(default_factory=tuple)


def _fail(exc: ValidationError) -> ActionError:
    return ActionError(" ".join(exc.messages))


def _check_date(day: datetime.date | None, label: str) -> None:
    """A date of the registry lies between 1990 and ten years from now."""
    if day is None:
        return
    latest = timezone.localdate() + datetime.timedelta(days=3660)
    if day.year < MIN_YEAR or day > latest:
        raise ActionError(_("%(label)s không hợp lệ: %(d)s.") % {"label": label, "d": day.strftime("%d/%m/%Y")})


def _save(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise _fail(exc) from exc
    obj.save()


def _move(
    actor: User, project: Project, to: str, *, on: datetime.date | None = None, note: str = ""
) -> None:
    """One step of the status machine (the caller has checked rights and claimed the version)."""
    if not project.can_move_to(to):
        raise ActionError(
            _("Không thể chuyển nhiệm vụ từ “%(a)s” sang “%(b)s”.")
            % {"a": project.get_status_display(), "b": Status(to).label}
        )
    StatusChange.objects.create(
        project=project,
        from_status=project.status,
        to_status=to,
        on=on or timezone.localdate(),
        note=note,
        actor=actor,
    )
    project.status = to


def _write(actor: User, project: Project, action: str, before: dict[str, Any], note: str = "") -> None:
    _save(project)
    fields = ("status", *before.keys())
    record(actor, action, project, diff(before, snapshot(project, fields)), note=note)


def _fields(project: Project, *names: str) -> dict[str, Any]:
    return snapshot(project, ("status", *names))


# -- proposal ---------------------------------------------------------------------------------


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
    if "unit" in fields and fields["unit"] != project.unit and not rules.can_propose(actor, fields["unit"]):
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


# -- selection --------------------------------------------------------------------------------


def _manage(actor: User, project: Project, expected_version: int) -> dict[str, Any]:
    if not rules.can_manage(actor, project):
        raise NotAllowed()
    claim_version(project, expected_version)
    return {}


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


def _add_council(project: Project, stage: str, council: CouncilInput) -> Council:
    _check_date(council.met_on, _("Ngày họp hội đồng"))
    if not council.members:
        raise ActionError(_("Hội đồng cần có ít nhất một thành viên."))
    row = Council.objects.create(
        project=project,
        stage=stage,
        decision_ref=council.decision_ref,
        met_on=council.met_on,
        conclusion=council.conclusion,
    )
    for person in council.members:
        member = CouncilMember(council=row, name=person.name, role=person.role, score=person.score)
        _save(member)
    return row


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
    before = _fields(project, "selection_method", "selection_decision", "host", "principal_investigator")
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


# -- contract and funding ---------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    source: str
    year: int
    amount: int


def _budget_lines(project: Project, lines: Sequence[Budget]) -> list[BudgetLine]:
    rows = []
    for line in lines:
        if isinstance(line.amount, bool) or not isinstance(line.amount, int):
            raise ActionError(_("Số tiền phải là số nguyên (đồng)."))
        row = BudgetLine(project=project, source=line.source, year=line.year, amount=line.amount)
        try:
            row.full_clean(validate_unique=False)
        except ValidationError as exc:
            raise _fail(exc) from exc
        rows.append(row)
    keys = [(r.source, r.year) for r in rows]
    if len(keys) != len(set(keys)):
        raise ActionError(_("Mỗi nguồn vốn chỉ ghi một dòng cho mỗi năm."))
    return rows


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
    for day, label in ((signed_on, _("Ngày ký")), (start_date, _("Ngày bắt đầu")), (end_date, _("Ngày kết thúc"))):
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
        record(actor, "project.budget", project, {"budget": [None, [f"{r.year} {r.get_source_display()}: {r.amount}" for r in rows]]})
    return project


@transaction.atomic
def start_project(actor: User, project: Project, *, expected_version: int) -> Project:
    _manage(actor, project, expected_version)
    before = _fields(project)
    _move(actor, project, Status.IN_PROGRESS, on=project.start_date)
    _write(actor, project, "project.start", before)
    return project


@transaction.atomic
def record_disbursement(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    paid_on: datetime.date,
    source: str,
    amount: int,
    note: str = "",
) -> Disbursement:
    _manage(actor, project, expected_version)
    if project.status not in (Status.CONTRACTED, Status.IN_PROGRESS, Status.SUSPENDED, Status.ACCEPTED):
        raise ActionError(_("Chỉ cấp kinh phí cho nhiệm vụ đã ký hợp đồng."))
    _check_date(paid_on, _("Ngày cấp"))
    row = Disbursement(project=project, paid_on=paid_on, source=source, amount=amount, note=note)
    _save(row)
    project.save(update_fields=["version", "updated_at"])
    record(actor, "project.disburse", project, {"disbursement": [None, f"{paid_on:%d/%m/%Y} {row.get_source_display()}: {amount}"]})
    return row


# -- implementation ---------------------------------------------------------------------------


@transaction.atomic
def record_progress_check(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    checked_on: datetime.date,
    findings: str,
    on_schedule: bool = True,
) -> ProgressCheck:
    _manage(actor, project, expected_version)
    if project.status not in (Status.CONTRACTED, Status.IN_PROGRESS, Status.SUSPENDED):
        raise ActionError(_("Chỉ kiểm tra tiến độ nhiệm vụ đang thực hiện."))
    _check_date(checked_on, _("Ngày kiểm tra"))
    row = ProgressCheck(project=project, checked_on=checked_on, findings=findings, on_schedule=on_schedule)
    _save(row)
    project.save(update_fields=["version", "updated_at"])
    record(actor, "project.check", project, {"progress_check": [None, f"{checked_on:%d/%m/%Y}: {findings[:200]}"]})
    return row


@transaction.atomic
def record_adjustment(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    kind: str,
    decision_ref: str,
    decided_on: datetime.date,
    description: str = "",
    new_end_date: datetime.date | None = None,
) -> Adjustment:
    """An approved change (điều chỉnh); an extension moves the project's end date."""
    _manage(actor, project, expected_version)
    if project.status not in (Status.CONTRACTED, Status.IN_PROGRESS, Status.SUSPENDED):
        raise ActionError(_("Chỉ điều chỉnh nhiệm vụ đang thực hiện."))
    _check_date(decided_on, _("Ngày quyết định"))
    _check_date(new_end_date, _("Thời hạn mới"))
    if kind == AdjustmentKind.EXTENSION and new_end_date is None:
        raise ActionError(_("Gia hạn cần có thời hạn mới."))
    row = Adjustment(project=project, kind=kind, decision_ref=decision_ref, decided_on=decided_on, description=description, new_end_date=new_end_date)
    _save(row)
    before = _fields(project, "end_date")
    if new_end_date is not None:
        project.end_date = new_end_date
    _write(actor, project, "project.adjust", before, note=f"{row.get_kind_display()}: {decision_ref}")
    return row


@transaction.atomic
def suspend_project(
    actor: User, project: Project, *, expected_version: int, reason: str, on: datetime.date | None = None
) -> Project:
    return _close(actor, project, expected_version, Status.SUSPENDED, reason, "project.suspend", on)


@transaction.atomic
def cancel_project(
    actor: User, project: Project, *, expected_version: int, reason: str, on: datetime.date | None = None
) -> Project:
    """Cancel (hủy) with a reason; the proposer may withdraw its own draft."""
    if project.status == Status.DRAFT and rules.can_edit_proposal(actor, project):
        claim_version(project, expected_version)
        return _closed(actor, project, Status.CANCELLED, reason, "project.cancel", on)
    return _close(actor, project, expected_version, Status.CANCELLED, reason, "project.cancel", on)


def _close(
    actor: User, project: Project, expected_version: int, to: str, reason: str, action: str, on: datetime.date | None
) -> Project:
    _manage(actor, project, expected_version)
    return _closed(actor, project, to, reason, action, on)


def _closed(actor: User, project: Project, to: str, reason: str, action: str, on: datetime.date | None) -> Project:
    if not reason.strip():
        raise ActionError(_("Cần ghi rõ lý do."))
    _check_date(on, _("Ngày"))
    before = _fields(project, "closing_reason")
    project.closing_reason = reason.strip()
    _move(actor, project, to, note=reason.strip(), on=on)
    _write(actor, project, action, before)
    return project


@transaction.atomic
def resume_project(actor: User, project: Project, *, expected_version: int, note: str = "") -> Project:
    _manage(actor, project, expected_version)
    before = _fields(project)
    _move(actor, project, Status.IN_PROGRESS, note=note)
    _write(actor, project, "project.resume", before)
    return project


# -- acceptance, registration, application ----------------------------------------------------


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
    _move(actor, project, to, on=accepted_on, note=Rating(rating).label)
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


@transaction.atomic
def record_application(
    actor: User,
    project: Project,
    *,
    expected_version: int,
    applier: str,
    place: str,
    year: int,
    area_ha: Decimal | None = None,
    households: int | None = None,
    output: str = "",
    benefits: str = "",
    is_replication: bool = False,
    organisation: Any = None,
) -> Application:
    """Where and by whom the results are applied (ứng dụng, nhân rộng)."""
    if not rules.can_report_application(actor, project):
        raise NotAllowed()
    claim_version(project, expected_version)
    if project.accepted_on and year < project.accepted_on.year - 1:
        raise ActionError(_("Năm ứng dụng không được trước năm nghiệm thu."))
    if year > timezone.localdate().year:
        raise ActionError(_("Năm ứng dụng không được ở tương lai."))
    row = Application(
        project=project,
        applier=applier,
        organisation=organisation,
        place=place,
        year=year,
        area_ha=area_ha,
        households=households,
        output=output,
        benefits=benefits,
        is_replication=is_replication,
        reported_by=actor,
    )
    _save(row)
    project.save(update_fields=["version", "updated_at"])
    record(actor, "project.apply", project, {"application": [None, f"{year}: {applier}, {place}"]})
    return row


@transaction.atomic
def import_project(actor: User, **fields: Any) -> Project:
    """One row of an existing registry, with the status it already had (XLSX import)."""
    if not rules.can_manage_unit(actor, fields["managing_unit"]):
        raise NotAllowed()
    project = Project(created_by=actor, is_published=fields["status"] in (Status.ACCEPTED, Status.REGISTERED), **fields)
    project.contract_signed_on = project.start_date if project.contract_number else None
    _save(project)
    StatusChange.objects.create(
        project=project, to_status=project.status, on=timezone.localdate(), actor=actor,
        note=_("Nhập từ sổ theo dõi cũ"),
    )
    record(actor, "project.import", project, {"status": [None, project.status], "code": [None, project.code]})
    return project
