"""Escalation of overdue recommendations (báo cáo vượt cấp kiến nghị quá hạn trả lời).

A daily job (``notifications.scheduler``, at ``REMINDER_SEND_AT`` like the reminders of
reporting rounds and of recommendations). When a recommendation is still unanswered
``SUPERVISION_ESCALATION_DAYS[0]`` days after its deadline [1], the addressed unit's leaders
(``APPROVE_REPORT``: the role that takes reporting escalations) and the Front (the organiser's
supervisors, the team and whoever planned the supervision) are told; after
``SUPERVISION_ESCALATION_DAYS[1]`` days [15], the leaders of the unit directly above and the
Front again. One row per (recommendation, level, missed deadline), claimed by a unique
constraint before anything is sent: a second run, a second worker or a missed day caught up
the next morning never sends twice, and each person gets their copy once even when a run
dies half-way (``notifications.dispatch``). Each escalation writes its audit row and a log line.
"""

from __future__ import annotations

import datetime
import logging
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import record
from core.permissions import APPROVE_REPORT, SUPERVISE
from notifications import dispatch
from notifications.models import Dispatch, NotificationKind
from supervision.models import (
    EscalationLevel,
    Recommendation,
    RecommendationEscalation,
    RecommendationStatus,
)

logger = logging.getLogger(__name__)

DEFAULT_DAYS = (1, 15)


def thresholds() -> dict[int, int]:
    """Days overdue at which each level goes out (level 2 never before level 1)."""
    first, second = (int(d) for d in getattr(settings, "SUPERVISION_ESCALATION_DAYS", DEFAULT_DAYS))
    first = max(1, first)
    return {EscalationLevel.UNIT_LEADER: first, EscalationLevel.SUPERIOR: max(first, second)}


def _active(users: Q) -> list[User]:
    return list(User.objects.filter(users, is_active=True).order_by("pk"))


def unit_leaders(unit_id: uuid.UUID | None) -> list[User]:
    members = Membership.objects.filter(
        is_active=True, unit_id=unit_id, role__in=APPROVE_REPORT.roles
    )
    return _active(Q(pk__in=members.values("user_id")))


def front_people(rec: Recommendation) -> list[User]:
    """The Front's side of a recommendation: the organiser's supervisors, the team and the
    person who planned the supervision."""
    supervision = rec.supervision
    members = Membership.objects.filter(
        is_active=True, unit_id=supervision.programme.organiser_id, role__in=SUPERVISE.roles
    )
    return _active(
        Q(pk__in=members.values("user_id"))
        | Q(pk__in=supervision.team.values("pk"))
        | Q(pk=supervision.created_by_id or 0)
    )


def _unit_side(rec: Recommendation, level: int) -> list[User]:
    if level == EscalationLevel.UNIT_LEADER:
        return unit_leaders(rec.unit_id)
    return unit_leaders(rec.unit.parent_id) if rec.unit.parent_id else []


#: Dispatch keys of escalations: ``supervision.escalation:<RecommendationEscalation>``.
KEY = "supervision.escalation:"


def escalate(rec: Recommendation, level: int, today: datetime.date) -> RecommendationEscalation:
    """Escalate one overdue recommendation at ``level``; raises IntegrityError (and sends
    nothing) when this level was already escalated for this deadline. The claim (escalation
    row, audit row, dispatch) commits first; then each person gets their copy in their own
    transaction, so a crash half-way is finished by the next run, nobody told twice."""
    row, sending = _claim(rec, level, today)
    dispatch.deliver(sending)
    return row


@transaction.atomic
def _claim(
    rec: Recommendation, level: int, today: datetime.date
) -> tuple[RecommendationEscalation, Dispatch]:
    row = RecommendationEscalation.objects.create(
        recommendation=rec, level=level, due_date=rec.due_date, day=today
    )
    leaders = _unit_side(rec, level)
    people = list(dict.fromkeys([*leaders, *front_people(rec)]))
    row.recipients.set(people)
    if not leaders:
        row.delivered = False
        row.save(update_fields=["delivered", "updated_at"])
    days = (today - rec.due_date).days
    title = _("Kiến nghị giám sát quá hạn trả lời %(n)s ngày: %(unit)s (hạn %(d)s)") % {
        "n": days,
        "unit": rec.unit,
        "d": rec.due_date.strftime("%d/%m/%Y"),
    }
    sending = dispatch.prepare(
        f"{KEY}{row.pk}",
        people,
        title=title,
        body=rec.text[:500],
        link=reverse("supervision:recommendation", kwargs={"pk": rec.pk}),
        kind=NotificationKind.ESCALATION,
        about=rec,
    )
    record(
        None,
        "supervision.recommendation.escalate",
        rec,
        {"escalation_level": [None, level], "recipients": [None, len(people)]},
        note=str(EscalationLevel(level).label),
    )
    logger.info(
        "escalated recommendation %s (unit %s) at level %s to %s people",
        rec.pk,
        rec.unit_id,
        level,
        len(people),
    )
    return row, sending


def escalate_overdue(today: datetime.date | None = None) -> dict[str, int]:
    """Escalate every open recommendation whose deadline is far enough behind, each level once.

    Each escalation is its own transaction: one failing (a vanished unit, a mail error) does
    not undo the others, and a level already claimed is skipped."""
    today = today or timezone.localdate()
    dispatch.resume(KEY)  # what a killed run left half-delivered
    levels = thresholds()
    earliest = min(levels.values())
    candidates = (
        Recommendation.objects.filter(
            status=RecommendationStatus.OPEN,
            due_date__lte=today - datetime.timedelta(days=earliest),
        )
        .select_related("unit", "supervision__programme")
        .order_by("due_date", "pk")
    )
    done = set(
        RecommendationEscalation.objects.filter(
            recommendation__status=RecommendationStatus.OPEN
        ).values_list("recommendation_id", "level", "due_date")
    )
    escalated = skipped = 0
    for rec in candidates:
        overdue = (today - rec.due_date).days
        for level, days in levels.items():
            if overdue < days or (rec.pk, level, rec.due_date) in done:
                continue
            try:
                escalate(rec, level, today)
            except IntegrityError:
                skipped += 1  # another worker claimed it between the read and the write
                continue
            escalated += 1
    return {"escalated": escalated, "skipped": skipped}
