"""Named, transactional writes for plans and tasks. Each one checks permission, saves, and
writes its own audit row; views and the API call these and nothing else to change data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_PLAN
from core.scoping import scope_for
from orgunits.models import OrgUnit
from plans.models import (
    AssignmentRole,
    Milestone,
    Plan,
    PlanStatus,
    Section,
    Task,
    TaskAssignment,
    TaskStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def _validate(obj: Plan | Task) -> None:
    """The model's own checks, its constraints included (years in order, progress 0–100). The
    forms run them first; a write without a form (the API, an import) gets them as a refusal."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error


def can_create_plan_for(user: User | AnonymousUser, owner: OrgUnit) -> bool:
    return scope_for(user).can(EDIT_PLAN, owner.path)


@transaction.atomic
def create_plan(actor: User, *, implements: Iterable[Task] = (), **fields: Any) -> Plan:
    owner: OrgUnit = fields["owner"]
    if not can_create_plan_for(actor, owner):
        raise NotAllowed()
    plan = Plan(created_by=actor, **fields)
    _validate(plan)
    plan.save()
    implements = list(implements)
    if implements:
        plan.implements.set(implements)
    changes = {
        k: [None, v] for k, v in snapshot(plan, Plan.EDITABLE_FIELDS).items() if v not in (None, "")
    }
    if implements:
        changes["implements"] = [None, [str(t) for t in implements]]
    record(actor, "plan.create", plan, changes)
    return plan


@dataclass(frozen=True)
class SectionSpec:
    """A section to create (mục: "I. Mục đích, yêu cầu") with its sub-sections."""

    label: str
    heading: str
    children: Sequence[SectionSpec] = field(default_factory=tuple)
    body: str = ""


SECTION_LABEL_MAX = Section._meta.get_field("label").max_length or 30


@transaction.atomic
def create_sections(actor: User, plan: Plan, specs: Sequence[SectionSpec]) -> dict[str, Section]:
    """Add a tree of sections after the plan's existing ones, in the order given.

    Returns the new sections by dotted label path ("II", "II.1"), which is how a parsed
    document names where a task sits. One audit row on the plan lists the paths created (the
    sections have no page of their own).
    """
    if not plan.can_edit(actor):
        raise NotAllowed()
    last = plan.sections.order_by("-order").values_list("order", flat=True).first()
    order = last or 0
    by_path: dict[str, Section] = {}
    paths: list[str] = []

    def add(nodes: Sequence[SectionSpec], parent: Section | None, prefix: str) -> None:
        nonlocal order
        for node in nodes:
            if len(node.label) > SECTION_LABEL_MAX:
                raise ActionError(
                    _("Số mục %(label)s quá dài (tối đa %(n)s ký tự).")
                    % {"label": node.label, "n": SECTION_LABEL_MAX}
                )
            order += 1
            section = Section.objects.create(
                plan=plan,
                parent=parent,
                label=node.label,
                heading=node.heading,
                body=node.body,
                order=order,
            )
            path = f"{prefix}.{node.label}" if prefix else node.label
            by_path[path] = section  # a repeated label: tasks go to the later section
            paths.append(path)
            add(node.children, section, path)

    add(specs, None, "")
    if paths:
        record(actor, "plan.sections.create", plan, {"sections": [None, paths]})
    return by_path


@transaction.atomic
def update_plan(
    actor: User,
    plan: Plan,
    *,
    expected_version: int,
    implements: Iterable[Task] | None = None,
    **fields: Any,
) -> Plan:
    if not plan.can_edit(actor):
        raise NotAllowed()
    if (
        "owner" in fields
        and fields["owner"] != plan.owner
        and not can_create_plan_for(actor, fields["owner"])
    ):
        raise NotAllowed()
    claim_version(plan, expected_version)
    before = snapshot(plan, Plan.EDITABLE_FIELDS)
    old_implements = sorted(str(t) for t in plan.implements.all())
    for name, value in fields.items():
        setattr(plan, name, value)
    _validate(plan)
    plan.save()
    changes = diff(before, snapshot(plan, Plan.EDITABLE_FIELDS))
    if implements is not None:
        plan.implements.set(list(implements))
        new_implements = sorted(str(t) for t in plan.implements.all())
        if new_implements != old_implements:
            changes["implements"] = [old_implements, new_implements]
    record(actor, "plan.update", plan, changes)
    return plan


def _set_assignments(
    task: Task, role: str, units: Sequence[OrgUnit], today: Any
) -> tuple[list[str], list[str]]:
    """Make the active assignments of ``role`` equal ``units``; return (before, after) names."""
    current = {a.unit_id: a for a in task.assignments.filter(role=role, is_active=True)}
    wanted = {u.pk: u for u in units}
    before = sorted(a.unit.name for a in current.values())
    for unit_id, assignment in current.items():
        if unit_id not in wanted:
            assignment.is_active = False
            assignment.ended_on = today
            assignment.save(update_fields=["is_active", "ended_on", "updated_at"])
    for unit_id, unit in wanted.items():
        if unit_id not in current:
            TaskAssignment.objects.create(task=task, unit=unit, role=role, started_on=today)
    return before, sorted(u.name for u in units)


def _set_milestones(task: Task, milestones: dict[int, str] | None) -> dict[str, list[Any]]:
    if milestones is None:
        return {}
    before = {m.year: m.target for m in task.milestones.all()}
    if before == milestones:
        return {}
    task.milestones.exclude(year__in=list(milestones)).delete()
    for year, target in milestones.items():
        Milestone.objects.update_or_create(task=task, year=year, defaults={"target": target})
    fmt = lambda d: [f"{y}: {t}" for y, t in sorted(d.items())]  # noqa: E731
    return {"milestones": [fmt(before) or None, fmt(milestones)]}


@transaction.atomic
def create_task(
    actor: User,
    plan: Plan,
    *,
    lead_units: Sequence[OrgUnit] = (),
    cooperating_units: Sequence[OrgUnit] = (),
    milestones: dict[int, str] | None = None,
    **fields: Any,
) -> Task:
    if not plan.can_edit(actor):
        raise NotAllowed()
    if not lead_units:
        raise ActionError(_("Nhiệm vụ phải có ít nhất một đơn vị chủ trì."))
    if "order" not in fields:
        last = plan.tasks.order_by("-order").values_list("order", flat=True).first()
        fields["order"] = (last or 0) + 1
    task = Task(plan=plan, **fields)
    _validate(task)
    task.save()
    today = timezone.localdate()
    _set_assignments(task, AssignmentRole.LEAD, lead_units, today)
    _set_assignments(task, AssignmentRole.COOPERATING, cooperating_units, today)
    changes = {
        k: [None, v] for k, v in snapshot(task, Task.EDITABLE_FIELDS).items() if v not in (None, "")
    }
    changes["lead_units"] = [None, sorted(u.name for u in lead_units)]
    if cooperating_units:
        changes["cooperating_units"] = [None, sorted(u.name for u in cooperating_units)]
    changes.update(_set_milestones(task, milestones))
    record(actor, "task.create", task, changes)
    return task


@transaction.atomic
def update_task(
    actor: User,
    task: Task,
    *,
    expected_version: int,
    lead_units: Sequence[OrgUnit] | None = None,
    cooperating_units: Sequence[OrgUnit] | None = None,
    milestones: dict[int, str] | None = None,
    **fields: Any,
) -> Task:
    if not task.can_edit(actor):
        raise NotAllowed()
    if lead_units is not None and not lead_units:
        raise ActionError(_("Nhiệm vụ phải có ít nhất một đơn vị chủ trì."))
    claim_version(task, expected_version)
    before = snapshot(task, Task.EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(task, name, value)
    _validate(task)
    task.save()
    changes = diff(before, snapshot(task, Task.EDITABLE_FIELDS))
    today = timezone.localdate()
    for role, units, key in (
        (AssignmentRole.LEAD, lead_units, "lead_units"),
        (AssignmentRole.COOPERATING, cooperating_units, "cooperating_units"),
    ):
        if units is None:
            continue
        old, new = _set_assignments(task, role, units, today)
        if old != new:
            changes[key] = [old, new]
    changes.update(_set_milestones(task, milestones))
    record(actor, "task.update", task, changes)
    return task


@transaction.atomic
def close_task(actor: User, task: Task, *, outcome: str, note: str, expected_version: int) -> Task:
    """Close a task as completed (hoàn thành) or simply closed (dừng, không tiếp tục)."""
    if not task.can_close(actor):
        raise NotAllowed()
    if outcome not in (TaskStatus.COMPLETED, TaskStatus.CLOSED):
        raise ActionError(_("Kết quả đóng nhiệm vụ không hợp lệ."))
    claim_version(task, expected_version)
    before = snapshot(task, ("status", "progress", "closing_note"))
    task.status = outcome
    if outcome == TaskStatus.COMPLETED:
        task.progress = 100
    task.closing_note = note
    task.save(update_fields=["status", "progress", "closing_note", "version", "updated_at"])
    record(
        actor,
        "task.close",
        task,
        diff(before, snapshot(task, ("status", "progress", "closing_note"))),
        note=note,
    )
    return task


@transaction.atomic
def reassign_to_successor(
    actor: User, task: Task, assignment: TaskAssignment, successor: OrgUnit
) -> TaskAssignment:
    """Hand a dissolved unit's part in a task to its successor, keeping the old assignment."""
    if not task.can_edit(actor):
        raise NotAllowed()
    assignment = TaskAssignment.objects.select_for_update().get(pk=assignment.pk, task=task)
    if not assignment.is_active:
        raise ActionError(_("Phân công này đã được chuyển trước đó."))
    allowed = {u.pk for u in assignment.unit.current_successors()}
    if successor.pk not in allowed:
        raise ActionError(
            _("Đơn vị được chọn không phải đơn vị kế thừa của %(unit)s.")
            % {"unit": assignment.unit.name}
        )
    today = timezone.localdate()
    assignment.is_active = False
    assignment.ended_on = today
    assignment.save(update_fields=["is_active", "ended_on", "updated_at"])
    existing = task.assignments.filter(unit=successor, role=assignment.role, is_active=True)
    new = existing.first() or TaskAssignment.objects.create(
        task=task,
        unit=successor,
        role=assignment.role,
        started_on=today,
        taken_over_from=assignment,
    )
    record(
        actor,
        "task.reassign",
        task,
        {assignment.get_role_display(): [assignment.unit.name, successor.name]},
        note=_("Chuyển cho đơn vị kế thừa sau sắp xếp tổ chức bộ máy."),
    )
    return new


@transaction.atomic
def activate_plan(actor: User, plan: Plan, *, publish: bool) -> Plan:
    if not plan.can_edit(actor):
        raise NotAllowed()
    before = snapshot(plan, ("status", "is_published"))
    plan.status = PlanStatus.ACTIVE
    plan.is_published = publish
    plan.save(update_fields=["status", "is_published", "updated_at"])
    record(actor, "plan.activate", plan, diff(before, snapshot(plan, ("status", "is_published"))))
    return plan
