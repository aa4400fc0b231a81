"""What every project action shares: input records, validation, the status-machine step.

Named, transactional writes for S&T projects (nhiệm vụ KH&CN) live in this package.

Each action checks its predicate (``projects.rules``), claims the project's version, moves the
status machine only along ``models.TRANSITIONS`` (a ``StatusChange`` row per move: the
timeline) and writes its audit row. Records that exist only as part of a project (councils,
budget lines, disbursements, checks, adjustments, applications) are written by the action of
the step they belong to and audited on the project.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from projects import rules
from projects.models import (
    MIN_YEAR,
    BudgetLine,
    Council,
    CouncilMember,
    Project,
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
        raise ActionError(
            _("%(label)s không hợp lệ: %(d)s.") % {"label": label, "d": day.strftime("%d/%m/%Y")}
        )


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


def _write(
    actor: User, project: Project, action: str, before: dict[str, Any], note: str = ""
) -> None:
    _save(project)
    fields = ("status", *before.keys())
    record(actor, action, project, diff(before, snapshot(project, fields)), note=note)


def _fields(project: Project, *names: str) -> dict[str, Any]:
    return snapshot(project, ("status", *names))


def _manage(actor: User, project: Project, expected_version: int) -> dict[str, Any]:
    if not rules.can_manage(actor, project):
        raise NotAllowed()
    claim_version(project, expected_version)
    return {}


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
