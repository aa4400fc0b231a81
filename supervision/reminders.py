"""Reminders of recommendations awaiting an answer (nhắc trả lời kiến nghị), once a day at
most: a few days before the deadline, and every week once it has passed."""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from notifications import dispatch
from notifications.models import Dispatch
from supervision.actions import answerers
from supervision.models import Recommendation, RecommendationStatus

#: Remind this many days before the deadline.
AHEAD_DAYS = 3
#: Once overdue, remind again after this many days.
OVERDUE_EVERY = 7


#: Dispatch keys of these reminders: ``supervision.remind:<recommendation>:<day>``.
KEY = "supervision.remind:"


def _due_today(rec: Recommendation, today: datetime.date) -> bool:
    if rec.reminded_on is None:
        return True
    if rec.reminded_on >= today:
        return False
    if rec.due_date >= today:  # not yet due: one reminder in the days before
        return rec.reminded_on < rec.due_date - datetime.timedelta(days=AHEAD_DAYS)
    # overdue: the day after the deadline, then once a week
    return not (rec.reminded_on > rec.due_date and (today - rec.reminded_on).days < OVERDUE_EVERY)


def remind_units(today: datetime.date | None = None) -> dict[str, int]:
    """The daily job. Each recommendation's reminder is claimed (``reminded_on``, audit row,
    the ``notifications.dispatch`` with its recipients) in its own transaction, then each
    person gets their copy in theirs: a run killed half-way is finished by the next one and
    nobody is reminded twice (issue 11, class 8)."""
    today = today or timezone.localdate()
    dispatch.resume(KEY)  # what a killed run left half-delivered
    soon = today + datetime.timedelta(days=AHEAD_DAYS)
    candidates = list(
        Recommendation.objects.filter(
            status=RecommendationStatus.OPEN, due_date__lte=soon
        ).values_list("pk", flat=True)
    )
    sent = reminded = 0
    for pk in candidates:
        row = _claim(pk, today)
        if row is None:
            continue
        dispatch.deliver(row)
        reminded += 1
        sent += row.recipients.count()
    return {"reminded": reminded, "sent": sent}


@transaction.atomic
def _claim(pk: uuid.UUID, today: datetime.date) -> Dispatch | None:
    """Claim today's reminder of one recommendation under its row lock (a second worker waits,
    then finds it reminded); None when none is due."""
    rec = (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("unit", "supervision")
        .filter(
            pk=pk,
            status=RecommendationStatus.OPEN,
            due_date__lte=today + datetime.timedelta(days=AHEAD_DAYS),
        )
        .first()
    )
    if rec is None or not _due_today(rec, today):
        return None
    people = answerers(rec.unit)
    overdue = rec.due_date < today
    title = (
        _("Kiến nghị giám sát đã quá hạn trả lời (%(d)s)")
        if overdue
        else _("Sắp đến hạn trả lời kiến nghị giám sát (%(d)s)")
    ) % {"d": rec.due_date.strftime("%d/%m/%Y")}
    row = dispatch.prepare(
        f"{KEY}{rec.pk}:{today.isoformat()}",
        people,
        title=title,
        body=rec.text[:500],
        link=reverse("supervision:recommendation", kwargs={"pk": rec.pk}),
        about=rec,
    )
    rec.reminded_on = today
    rec.save(update_fields=["reminded_on"])
    record(None, "supervision.recommendation.remind", rec, {"recipients": [None, len(people)]})
    return row
