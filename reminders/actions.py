"""Named writes of the reminders (đôn đốc) about reporting deadlines.

``send_reminders`` is the daily job (registered with the worker's scheduler in
``RemindersConfig.ready``); ``remind_manually`` and ``remind_round`` are the monitoring officer's
"đôn đốc" buttons. Each reminder is a ``ReminderLog`` row (the history the officers read)
delivered through ``notifications.dispatch``: one dispatch per log, each recipient's
notification (and outbox e-mail) in its own transaction.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import record
from core.errors import ActionError, NotAllowed
from core.permissions import APPROVE_REPORT, SEND_REMINDERS
from core.scoping import scope_for
from notifications import dispatch
from notifications.actions import email_modes, wants_email
from notifications.models import NotificationKind
from plans.models import PlanStatus
from reminders.models import (
    AUTOMATIC_KINDS,
    Channel,
    ReminderKind,
    ReminderLog,
)
from reminders.schedule import DEFAULT_ESCALATION_DAYS, ReminderRules, kinds_due
from reporting.models import ReportingRound, ReportStatus, UnitReport
from reporting.notices import REMINDER_ROLES, report_link, unit_recipients

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

# A report in one of these states has reached the monitoring office: never remind it.
DONE_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
# Escalations go to the unit's leaders only; other reminders to REMINDER_ROLES.
ESCALATION_ROLES = tuple(sorted(APPROVE_REPORT.roles))

# Every reminder's dispatch key starts so (notifications.dispatch: "<app>.<what>:<object>").
KEY_PREFIX = "reminders.reminder:"

NOTIFICATION_KIND_FOR = {
    ReminderKind.BEFORE_DUE: NotificationKind.REMINDER,
    ReminderKind.DUE_TODAY: NotificationKind.REMINDER,
    ReminderKind.OVERDUE: NotificationKind.OVERDUE,
    ReminderKind.ESCALATION: NotificationKind.ESCALATION,
    ReminderKind.MANUAL: NotificationKind.MANUAL,
}


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------


def can_remind_for_plan(user: User | AnonymousUser, plan: Any) -> bool:
    """The monitoring office, or a plan editor (quản lý) over the unit that owns the plan."""
    if not getattr(user, "is_authenticated", False):
        return False
    return scope_for(user).can(SEND_REMINDERS, plan.owner.path)


def can_remind(user: User | AnonymousUser, report: UnitReport) -> bool:
    return can_remind_for_plan(user, report.round.plan)


def is_remindable(report: UnitReport) -> bool:
    return report.status not in DONE_STATUSES


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------


def _pick(
    members: list[tuple[User, str]],
    kind: str,
    report: UnitReport | None = None,
    above: list[User] | None = None,
) -> list[User]:
    """Who receives a reminder: the unit's people who file its reports; its leaders when the
    report waits for their approval; for an escalation its leaders and the managers of the
    unit above (``above``), who answer for it when the unit itself does not."""
    waiting = report is not None and report.status == ReportStatus.PENDING_APPROVAL
    if kind == ReminderKind.ESCALATION or waiting:
        roles: tuple[str, ...] = ESCALATION_ROLES
    else:
        roles = REMINDER_ROLES
    users = [user for user, role in members if role in roles]
    if kind == ReminderKind.ESCALATION:
        users += above or []
    return list(dict.fromkeys(users))


def parent_managers(units: Any) -> dict[Any, list[User]]:
    """The managers (those who may urge: SEND_REMINDERS) of each unit's parent, by unit id."""
    parents = {u.pk: u.parent_id for u in units if u.parent_id}
    found: dict[Any, list[User]] = defaultdict(list)
    if not parents:
        return found
    by_parent: dict[Any, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.filter(
            unit_id__in=set(parents.values()),
            is_active=True,
            role__in=SEND_REMINDERS.roles,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__username")
    ):
        by_parent[membership.unit_id].append(membership.user)
    for unit_id, parent_id in parents.items():
        found[unit_id] = by_parent.get(parent_id, [])
    return found


def reachability(reports: Sequence[UnitReport]) -> dict[Any, list[User]]:
    """Who a reminder about each report would reach now (report id → users); an empty list is
    a unit nobody can be reminded in — shown to the officer before sending."""
    members = unit_recipients(r.unit_id for r in reports)
    return {r.pk: _pick(members.get(r.unit_id, []), ReminderKind.MANUAL, r) for r in reports}


def _escalation_days(report: UnitReport) -> int:
    try:
        return int(report.unit.reporting_policy.escalation_days)
    except ObjectDoesNotExist:  # no policy row: the default delay
        return DEFAULT_ESCALATION_DAYS


def reminder_text(
    report: UnitReport, kind: str, today: datetime.date, message: str = ""
) -> tuple[str, str]:
    """Title and body of a reminder, in Vietnamese (stored text, like the documents)."""
    round_ = report.round
    due = round_.due_date
    left = (due - today).days
    context = {
        "round": round_.label,
        "unit": report.unit.name,
        "due": _day(due),
        "days": abs(left),
    }
    with translation.override(settings.LANGUAGE_CODE):
        if kind == ReminderKind.BEFORE_DUE:
            title = _("Nhắc hạn nộp báo cáo %(round)s: còn %(days)s ngày") % context
            body = (
                _(
                    "Báo cáo %(round)s của %(unit)s đến hạn nộp ngày %(due)s (còn %(days)s "
                    "ngày). Đề nghị đơn vị hoàn thành và nộp báo cáo đúng hạn."
                )
                % context
            )
        elif kind == ReminderKind.DUE_TODAY:
            title = _("Hôm nay (%(due)s) là hạn nộp báo cáo %(round)s") % context
            body = (
                _(
                    "Hôm nay là hạn nộp báo cáo %(round)s của %(unit)s. Đề nghị đơn vị nộp "
                    "báo cáo trong ngày."
                )
                % context
            )
        elif kind == ReminderKind.OVERDUE:
            title = _("Báo cáo %(round)s đã quá hạn %(days)s ngày") % context
            body = (
                _(
                    "Báo cáo %(round)s của %(unit)s đã quá hạn nộp (hạn %(due)s) %(days)s "
                    "ngày mà chưa được nộp. Đề nghị đơn vị khẩn trương hoàn thành và nộp "
                    "báo cáo."
                )
                % context
            )
        elif kind == ReminderKind.ESCALATION:
            title = _("Báo cáo %(round)s của %(unit)s quá hạn %(days)s ngày") % context
            body = (
                _(
                    "Kính gửi lãnh đạo %(unit)s: báo cáo %(round)s (hạn %(due)s) đã quá hạn "
                    "%(days)s ngày mà đơn vị chưa nộp. Đề nghị đồng chí chỉ đạo bộ phận "
                    "liên quan hoàn thành và nộp báo cáo."
                )
                % context
            )
        elif report.status == ReportStatus.PENDING_APPROVAL:
            # Waiting for the unit leader: the reminder asks them to approve, not to write.
            context["since"] = _day(
                timezone.localdate(report.approval_requested_at or timezone.now())
            )
            title = _("Đề nghị duyệt báo cáo %(round)s của %(unit)s") % context
            body = message.strip() or (
                _(
                    "Báo cáo %(round)s của %(unit)s đã được soạn xong và đang chờ đồng chí "
                    "duyệt từ ngày %(since)s (hạn nộp %(due)s). Đề nghị đồng chí xem xét, duyệt "
                    "để báo cáo được gửi đi."
                )
                % context
            )
        else:
            title = _("Đôn đốc nộp báo cáo %(round)s") % context
            body = message.strip() or (
                _("Đề nghị %(unit)s khẩn trương hoàn thành và nộp báo cáo %(round)s (hạn %(due)s).")
                % context
            )
    return str(title), str(body)


def reminder_key(log: ReminderLog) -> str:
    """The key of a reminder's dispatch (notifications.dispatch): one per logged reminder."""
    return f"{KEY_PREFIX}{log.pk}"


def _send_reminder(
    report: UnitReport,
    kind: str,
    today: datetime.date,
    members: list[tuple[User, str]],
    *,
    actor: User | None = None,
    message: str = "",
    email: bool = True,
    above: list[User] | None = None,
) -> tuple[ReminderLog, int] | None:
    """Log one reminder and deliver it; None when this automatic reminder already went out.
    Returns the log and how many people it reached now. A reminder nobody can receive is
    logged as not delivered.

    Delivered through ``notifications.dispatch``, as every notice of a scheduled run: the log
    and its dispatch (the text, the intended recipients) are committed together, then each
    person gets their copy in its own transaction; a run killed half-way is finished by the
    next (``send_reminders`` resumes first) and reaches nobody twice."""
    recipients = _pick(members, kind, report, above)
    title, body = reminder_text(report, kind, today, message)
    modes = email_modes(recipients)
    channel = (
        Channel.IN_APP_EMAIL
        if email and any(wants_email(u, modes[u.pk]) for u in recipients)
        else Channel.IN_APP
    )
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                unit_report=report,
                kind=kind,
                day=today,
                sent_at=timezone.now(),
                sent_by=actor if getattr(actor, "is_authenticated", False) else None,
                channel=channel,
                message=body,
                delivered=bool(recipients),
            )
            log.recipients.set(recipients)
            row = dispatch.prepare(
                reminder_key(log),
                recipients,
                title=title,
                body=body,
                link=report_link(report),
                kind=NOTIFICATION_KIND_FOR[ReminderKind(kind)],
                about=report,
                email=email,
            )
    except IntegrityError:
        # The same automatic reminder for this day exists (another run got there first).
        return None
    return log, dispatch.deliver(row, after_each=_pause_for_crash_test)


_delivered_in_process = 0


def _pause_for_crash_test() -> None:
    """The crash test's hook (TEST_PAUSE_AFTER_DELIVERIES, refused in production): stop here
    after that many deliveries so the test can SIGKILL the worker half-way through a run."""
    global _delivered_in_process
    limit = settings.TEST_PAUSE_AFTER_DELIVERIES
    if not limit:
        return
    _delivered_in_process += 1
    if _delivered_in_process >= limit:
        import time

        time.sleep(3600)


def reports_to_remind(today: datetime.date, rules: ReminderRules) -> Any:
    earliest = today - datetime.timedelta(days=rules.stop_after)
    latest = today + datetime.timedelta(days=max(rules.days_before, default=0))
    return (
        UnitReport.objects.exclude(status__in=DONE_STATUSES)
        .exclude(round__plan__status=PlanStatus.CLOSED)
        .filter(round__due_date__gte=earliest, round__due_date__lte=latest)
        .select_related("round", "unit", "unit__reporting_policy")
        .order_by("round__due_date", "unit__name")
    )


def send_reminders(
    today: datetime.date | None = None,
    *,
    email: bool = True,
    rules: ReminderRules | None = None,
) -> dict[str, int]:
    """The daily reminder job: every unsubmitted report gets the reminders its timeline calls
    for today (see ``reminders.schedule.kinds_due``). Idempotent: a second run on the same
    day finds the logs of the first and sends nothing. Returns counts per kind."""
    today = today or timezone.localdate()
    rules = rules or ReminderRules.from_settings()
    reports = list(reports_to_remind(today, rules))
    counts: dict[str, int] = {kind.value: 0 for kind in AUTOMATIC_KINDS}
    # A run killed half-way (worker SIGKILLed) is run again by the next worker: it first
    # completes the reminders it had logged but not delivered to everyone.
    counts["notifications"] = dispatch.resume(KEY_PREFIX)
    if not reports:
        return counts
    sent: dict[Any, dict[str, list[datetime.date]]] = defaultdict(lambda: defaultdict(list))
    for report_id, kind, day in ReminderLog.objects.filter(
        unit_report__in=[r.pk for r in reports], kind__in=AUTOMATIC_KINDS
    ).values_list("unit_report_id", "kind", "day"):
        sent[report_id][kind].append(day)
    members = unit_recipients(r.unit_id for r in reports)
    above = parent_managers({r.unit for r in reports})
    for report in reports:
        for kind in kinds_due(
            report.round.due_date, today, sent[report.pk], rules, _escalation_days(report)
        ):
            unit_members = members.get(report.unit_id, [])
            sent_now = _send_reminder(
                report, kind, today, unit_members, email=email, above=above.get(report.unit_id)
            )
            if sent_now is not None:
                counts[kind] += 1
                counts["notifications"] += sent_now[1]
    return counts


@transaction.atomic
def remind_manually(
    actor: User, unit_report: UnitReport, message: str = "", *, email: bool = True
) -> ReminderLog:
    """The officer's "đôn đốc" on one report: notify its unit, log it, audit it."""
    if not can_remind(actor, unit_report):
        raise NotAllowed()
    if not is_remindable(unit_report):
        raise ActionError(_("Báo cáo này đã được nộp; không cần đôn đốc."))
    members = unit_recipients([unit_report.unit_id]).get(unit_report.unit_id, [])
    if not _pick(members, ReminderKind.MANUAL, unit_report):
        if unit_report.status == ReportStatus.PENDING_APPROVAL:
            raise ActionError(_("Đơn vị chưa có tài khoản lãnh đạo nào để nhắc duyệt báo cáo."))
        raise ActionError(
            _("Đơn vị chưa có tài khoản nào nhận được đôn đốc (cán bộ báo cáo, lãnh đạo).")
        )
    sent_now = _send_reminder(
        unit_report,
        ReminderKind.MANUAL,
        timezone.localdate(),
        members,
        actor=actor,
        message=message,
        email=email,
    )
    assert sent_now is not None  # manual reminders are not unique per day
    log = sent_now[0]
    # The audit verbs keep their names from before the split, so old and new rows read alike.
    record(
        actor,
        "notifications.remind",
        unit_report,
        {"recipients": [None, [str(u) for u in log.recipients.all()]]},
        note=log.message[:500],
    )
    return log


@transaction.atomic
def remind_round(actor: User, round_: ReportingRound, message: str = "") -> list[ReminderLog]:
    """Remind ("đôn đốc") every report of a round that has not reached the office yet."""
    if not can_remind_for_plan(actor, round_.plan):
        raise NotAllowed()
    reports = list(
        UnitReport.objects.visible_to(actor)
        .filter(round=round_)
        .exclude(status__in=DONE_STATUSES)
        .select_related("round", "unit")
    )
    if not reports:
        raise ActionError(_("Kỳ báo cáo này không còn báo cáo nào chưa nộp."))
    members = unit_recipients(r.unit_id for r in reports)
    today = timezone.localdate()
    logs = []
    # A unit nobody can be reached in still gets its log row, marked not delivered: the
    # officer was shown the list before sending, and the log keeps the failure.
    for report in reports:
        sent_now = _send_reminder(
            report,
            ReminderKind.MANUAL,
            today,
            members.get(report.unit_id, []),
            actor=actor,
            message=message,
        )
        assert sent_now is not None  # manual reminders are not unique per day
        logs.append(sent_now[0])
    failed = [log.unit_report.unit.name for log in logs if not log.delivered]
    record(
        actor,
        "notifications.remind_round",
        round_,
        {
            "units": [None, [r.unit.name for r in reports]],
            **({"unreachable": [None, failed]} if failed else {}),
        },
        note=message[:500],
    )
    return logs
