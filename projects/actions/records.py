"""Records of a running or finished project: disbursements, progress checks, adjustments,
applications of the results, and rows imported from an existing registry."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from projects import rules
from projects.models import (
    Adjustment,
    AdjustmentKind,
    Application,
    BudgetLine,
    Disbursement,
    ProgressCheck,
    Project,
    Status,
    StatusChange,
)

if TYPE_CHECKING:
    from accounts.models import User


from projects.actions.common import (
    Budget,
    _budget_lines,
    _check_date,
    _fields,
    _manage,
    _save,
    _write,
)


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
    if project.status not in (
        Status.CONTRACTED,
        Status.IN_PROGRESS,
        Status.SUSPENDED,
        Status.ACCEPTED,
    ):
        raise ActionError(_("Chỉ cấp kinh phí cho nhiệm vụ đã ký hợp đồng."))
    _check_date(paid_on, _("Ngày cấp"))
    row = Disbursement(project=project, paid_on=paid_on, source=source, amount=amount, note=note)
    _save(row)
    project.save(update_fields=["version", "updated_at"])
    record(
        actor,
        "project.disburse",
        project,
        {"disbursement": [None, f"{paid_on:%d/%m/%Y} {row.get_source_display()}: {amount}"]},
    )
    return row


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
    row = ProgressCheck(
        project=project, checked_on=checked_on, findings=findings, on_schedule=on_schedule
    )
    _save(row)
    project.save(update_fields=["version", "updated_at"])
    record(
        actor,
        "project.check",
        project,
        {"progress_check": [None, f"{checked_on:%d/%m/%Y}: {findings[:200]}"]},
    )
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
    row = Adjustment(
        project=project,
        kind=kind,
        decision_ref=decision_ref,
        decided_on=decided_on,
        description=description,
        new_end_date=new_end_date,
    )
    _save(row)
    before = _fields(project, "end_date")
    if new_end_date is not None:
        project.end_date = new_end_date
    _write(
        actor, project, "project.adjust", before, note=f"{row.get_kind_display()}: {decision_ref}"
    )
    return row


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
def import_project(actor: User, *, budget: Sequence[Budget] = (), **fields: Any) -> Project:
    """One row of an existing registry, with the status it already had and its budget by
    source and year (XLSX import)."""
    if not rules.can_manage_unit(actor, fields["managing_unit"]):
        raise NotAllowed()
    project = Project(
        created_by=actor,
        is_published=fields["status"] in (Status.ACCEPTED, Status.REGISTERED),
        **fields,
    )
    project.contract_signed_on = project.start_date if project.contract_number else None
    _save(project)
    StatusChange.objects.create(
        project=project,
        to_status=project.status,
        on=timezone.localdate(),
        actor=actor,
        note=_("Nhập từ sổ theo dõi cũ"),
    )
    lines = _budget_lines(project, budget)
    BudgetLine.objects.bulk_create(lines)
    record(
        actor,
        "project.import",
        project,
        {
            "status": [None, project.status],
            "code": [None, project.code],
            **(
                {
                    "budget": [
                        None,
                        [f"{b.year} {b.get_source_display()}: {b.amount}" for b in lines],
                    ]
                }
                if lines
                else {}
            ),
        },
    )
    return project
