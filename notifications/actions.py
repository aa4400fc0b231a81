"""Named writes for notifications and reminders (đôn đốc).

``notify`` is the one way to tell people something: it stores in-app notifications and, on
commit, queues the e-mail for those who want it at once. ``send_reminders`` and
``send_daily_digests`` are the daily jobs (run by the worker's scheduler); ``remind_manually``
and ``remind_round`` are the monitoring officer's "đôn đốc" buttons.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import record
from core.errors import ActionError, NotAllowed
from core.permissions import APPROVE_REPORT, FILE_REPORT, SEND_REMINDERS
from core.scoping import scope_for
from notifications.models import (
    AUTOMATIC_KINDS,
    Channel,
    EmailMode,
    Notification,
    NotificationKind,
    NotificationPreference,
    ReminderKind,
    ReminderLog,
)
from notifications.schedule import DEFAULT_ESCALATION_DAYS, ReminderRules, kinds_due
from plans.models import PlanStatus
from reporting.models import ReportingRound, ReportStatus, UnitReport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

logger = logging.getLogger(__name__)

# A report in one of these states has reached the monitoring office: never remind it.
DONE_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
# Who receives a reminder about a unit's report; escalations go to the leaders only.
# Reminders go to the people who file the unit's reports; escalations to those who approve them.
REMINDER_ROLES = tuple(sorted(FILE_REPORT.roles))
ESCALATION_ROLES = tuple(sorted(APPROVE_REPORT.roles))

NOTIFICATION_KIND_FOR = {
    ReminderKind.BEFORE_DUE: NotificationKind.REMINDER,
    ReminderKind.DUE_TODAY: NotificationKind.REMINDER,
    ReminderKind.OVERDUE: NotificationKind.OVERDUE,
    ReminderKind.ESCALATION: NotificationKind.ESCALATION,
    ReminderKind.MANUAL: NotificationKind.MANUAL,
}


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def report_link(report: UnitReport) -> str:
    """The report's own page when the reporting app has one, else its reminder history."""
    try:
        return reverse("reporting:report_detail", args=[report.pk])
    except NoReverseMatch:
        return reverse("notifications:reminder_list") + f"?report={report.pk}"


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
# Notifications
# ---------------------------------------------------------------------------------------------


def _email_modes(users: Iterable[User]) -> dict[int, str]:
    ids = [u.pk for u in users]
    modes = dict(
        NotificationPreference.objects.filter(user_id__in=ids).values_list("user_id", "email_mode")
    )
    return {pk: modes.get(pk, EmailMode.IMMEDIATE) for pk in ids}


def wants_email(user: User, mode: str) -> bool:
    return bool(user.email) and user.is_active and mode != EmailMode.OFF


@transaction.atomic
def notify(
    recipients: User | Iterable[User],
    *,
    title: str,
    body: str = "",
    link: str = "",
    kind: str = NotificationKind.INFO,
    unit_report: UnitReport | None = None,
    email: bool = True,
) -> list[Notification]:
    """Store one notification per recipient and queue e-mail for those who want it now.

    Recipients whose preference is a daily digest keep ``emailed_at`` empty until the digest;
    those who want no e-mail (or have no address) are marked as done right away. ``email=False``
    (demo data, back-filled history) sends nothing.
    """
    users = [recipients] if isinstance(recipients, User) else list(dict.fromkeys(recipients))
    if not users:
        return []
    now = timezone.now()
    modes = _email_modes(users)
    rows = []
    immediate: list[Notification] = []
    for user in users:
        mode = modes[user.pk]
        row = Notification(
            recipient=user,
            kind=kind,
            title=title[:300],
            body=body,
            link=link[:500],
            unit_report=unit_report,
        )
        if not email or not wants_email(user, mode):
            row.emailed_at = now
        elif mode == EmailMode.IMMEDIATE:
            immediate.append(row)
        rows.append(row)
    Notification.objects.bulk_create(rows)
    if immediate:
        ids = [str(row.pk) for row in immediate]
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return rows


def _enqueue_emails(ids: list[str]) -> None:
    from notifications.tasks import send_notification_emails_task

    send_notification_emails_task.enqueue(ids)


def send_notification_emails(ids: Sequence[Any]) -> int:
    """Send the immediate e-mails of these notifications; each goes out at most once."""
    from notifications.email import notification_message

    sent = 0
    rows = Notification.objects.filter(pk__in=list(ids), emailed_at__isnull=True).select_related(
        "recipient"
    )
    modes = _email_modes([row.recipient for row in rows])
    for row in rows:
        if not wants_email(row.recipient, modes[row.recipient_id]):
            continue
        if modes[row.recipient_id] != EmailMode.IMMEDIATE:
            continue  # switched to the digest meanwhile: the digest will carry it
        try:
            with transaction.atomic():
                # Claim the row first, so a second worker running the same task sends nothing;
                # a failed send rolls the claim back and the daily job retries it.
                claimed = Notification.objects.filter(pk=row.pk, emailed_at__isnull=True).update(
                    emailed_at=timezone.now()
                )
                if claimed:
                    notification_message(row).send()
                    sent += 1
        except Exception:  # SMTP trouble: leave it for the daily retry, go on with the rest
            logger.exception("e-mail for notification %s failed", row.pk)
    return sent


@transaction.atomic
def mark_read(user: User, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise NotAllowed()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


@transaction.atomic
def mark_all_read(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_email_mode(user: User, mode: str) -> NotificationPreference:
    if mode not in EmailMode.values:
        raise ActionError(_("Lựa chọn không hợp lệ."))
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    if preference.email_mode != mode:
        preference.email_mode = mode
        preference.save(update_fields=["email_mode", "updated_at"])
    return preference


def send_daily_digests(today: datetime.date | None = None) -> dict[str, int]:
    """One e-mail per digest subscriber with every notification not yet e-mailed, up to the end
    of ``today``. Each notification is claimed inside the transaction that sends it, so running
    the job twice sends nothing the second time."""
    from notifications.email import digest_message

    today = today or timezone.localdate()
    end = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    subscribers = User.objects.filter(
        is_active=True, notification_preference__email_mode=EmailMode.DIGEST
    ).exclude(email="")
    counts = {"users": 0, "notifications": 0}
    for user in subscribers:
        try:
            with transaction.atomic():
                rows = list(
                    Notification.objects.select_for_update()
                    .filter(recipient=user, emailed_at__isnull=True, created_at__lt=end)
                    .order_by("created_at")
                )
                if not rows:
                    continue
                Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
                    emailed_at=timezone.now()
                )
                digest_message(user, rows, today).send()
        except Exception:  # one bad address must not stop everyone else's digest
            logger.exception("daily digest failed for user %s", user.pk)
            continue
        counts["users"] += 1
        counts["notifications"] += len(rows)
    # Immediate e-mails that failed earlier (mail server down) get another try.
    stale = timezone.now() - datetime.timedelta(minutes=15)
    leftovers = (
        Notification.objects.filter(emailed_at__isnull=True, created_at__lt=stale)
        .exclude(
            recipient__notification_preference__email_mode__in=[EmailMode.DIGEST, EmailMode.OFF]
        )
        .values_list("pk", flat=True)
    )
    counts["retried"] = send_notification_emails(list(leftovers))
    return counts


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------


def _recipients_by_unit(unit_ids: Iterable[Any]) -> dict[Any, list[tuple[User, str]]]:
    found: dict[Any, list[tuple[User, str]]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(
            unit_id__in=set(unit_ids),
            is_active=True,
            role__in=REMINDER_ROLES,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    for membership in memberships:
        found[membership.unit_id].append((membership.user, membership.role))
    return found


def notify_report_decision(report: UnitReport, *, accepted: bool, comment: str) -> None:
    """Tell the report's unit that the monitoring office accepted or returned its report."""
    members = _recipients_by_unit([report.unit_id]).get(report.unit_id, [])
    recipients = list(dict.fromkeys(user for user, _role in members))
    if not recipients:
        return
    values = {"round": report.round.label, "unit": report.unit.name}
    if accepted:
        title = _("Báo cáo %(round)s của %(unit)s đã được tiếp nhận") % values
    else:
        title = _("Báo cáo %(round)s của %(unit)s bị trả lại, cần chỉnh sửa") % values
    notify(
        recipients,
        title=title,
        body=comment,
        link=report_link(report),
        kind=NotificationKind.INFO,
        unit_report=report,
    )


def _pick(members: list[tuple[User, str]], kind: str) -> list[User]:
    roles = ESCALATION_ROLES if kind == ReminderKind.ESCALATION else REMINDER_ROLES
    return list(dict.fromkeys(user for user, role in members if role in roles))


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
        else:
            title = _("Đôn đốc nộp báo cáo %(round)s") % context
            body = message.strip() or (
                _("Đề nghị %(unit)s khẩn trương hoàn thành và nộp báo cáo %(round)s (hạn %(due)s).")
                % context
            )
    return str(title), str(body)


def _send_reminder(
    report: UnitReport,
    kind: str,
    today: datetime.date,
    members: list[tuple[User, str]],
    *,
    actor: User | None = None,
    message: str = "",
    email: bool = True,
) -> ReminderLog | None:
    """Log and deliver one reminder; None when this automatic reminder already went out."""
    recipients = _pick(members, kind)
    title, body = reminder_text(report, kind, today, message)
    modes = _email_modes(recipients)
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
            )
            if recipients:
                log.recipients.set(recipients)
                notify(
                    recipients,
                    title=title,
                    body=body,
                    link=report_link(report),
                    kind=NOTIFICATION_KIND_FOR[ReminderKind(kind)],
                    unit_report=report,
                    email=email,
                )
    except IntegrityError:
        # The same automatic reminder for this day exists (another run got there first).
        return None
    return log


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
    for today (see ``notifications.schedule.kinds_due``). Idempotent: a second run on the same
    day finds the logs of the first and sends nothing. Returns counts per kind."""
    today = today or timezone.localdate()
    rules = rules or ReminderRules.from_settings()
    reports = list(reports_to_remind(today, rules))
    counts: dict[str, int] = {kind.value: 0 for kind in AUTOMATIC_KINDS}
    counts["notifications"] = 0
    if not reports:
        return counts
    sent: dict[Any, dict[str, list[datetime.date]]] = defaultdict(lambda: defaultdict(list))
    for report_id, kind, day in ReminderLog.objects.filter(
        unit_report__in=[r.pk for r in reports], kind__in=AUTOMATIC_KINDS
    ).values_list("unit_report_id", "kind", "day"):
        sent[report_id][kind].append(day)
    members = _recipients_by_unit(r.unit_id for r in reports)
    for report in reports:
        for kind in kinds_due(
            report.round.due_date, today, sent[report.pk], rules, _escalation_days(report)
        ):
            log = _send_reminder(report, kind, today, members.get(report.unit_id, []), email=email)
            if log is not None:
                counts[kind] += 1
                counts["notifications"] += len(_pick(members.get(report.unit_id, []), kind))
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
    members = _recipients_by_unit([unit_report.unit_id]).get(unit_report.unit_id, [])
    if not members:
        raise ActionError(
            _("Đơn vị chưa có tài khoản nào nhận được đôn đốc (cán bộ báo cáo, lãnh đạo).")
        )
    log = _send_reminder(
        unit_report,
        ReminderKind.MANUAL,
        timezone.localdate(),
        members,
        actor=actor,
        message=message,
        email=email,
    )
    assert log is not None  # manual reminders are not unique per day
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
    members = _recipients_by_unit(r.unit_id for r in reports)
    today = timezone.localdate()
    logs = []
    for report in reports:
        log = _send_reminder(
            report,
            ReminderKind.MANUAL,
            today,
            members.get(report.unit_id, []),
            actor=actor,
            message=message,
        )
        assert log is not None
        logs.append(log)
    record(
        actor,
        "notifications.remind_round",
        round_,
        {"units": [None, [r.unit.name for r in reports]]},
        note=message[:500],
    )
    return logs
