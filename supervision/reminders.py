"""Reminders of recommendations awaiting an answer (nhắc trả lời kiến nghị), once a day at
most: a few days before the deadline, and every week once it has passed."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from notifications.actions import notify
from supervision.actions import answerers
from supervision.models import Recommendation, RecommendationStatus

#: Remind this many days before the deadline.
AHEAD_DAYS = 3
#: Once overdue, remind again after this many days.
OVERDUE_EVERY = 7


@transaction.atomic
def remind_units(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=AHEAD_DAYS)
    candidates = (
        Recommendation.objects.select_for_update()
        .filter(status=RecommendationStatus.OPEN, due_date__lte=soon)
        .select_related("unit", "supervision")
    )
    sent = reminded = 0
    for rec in candidates:
        if rec.reminded_on is not None:
            if rec.reminded_on >= today:
                continue
            if rec.due_date >= today:  # not yet due: one reminder in the days before
                if rec.reminded_on >= rec.due_date - datetime.timedelta(days=AHEAD_DAYS):
                    continue
            elif (  # overdue: the day after the deadline, then once a week
                rec.reminded_on > rec.due_date and (today - rec.reminded_on).days < OVERDUE_EVERY
            ):
                continue
        people = answerers(rec.unit)
        overdue = rec.due_date < today
        title = (
            _("Kiến nghị giám sát đã quá hạn trả lời (%(d)s)")
            if overdue
            else _("Sắp đến hạn trả lời kiến nghị giám sát (%(d)s)")
        ) % {"d": rec.due_date.strftime("%d/%m/%Y")}
        notify(
            people,
            title=title,
            body=rec.text[:500],
            link=reverse("supervision:recommendation", kwargs={"pk": rec.pk}),
            about=rec,
        )
        rec.reminded_on = today
        rec.save(update_fields=["reminded_on"])
        record(None, "supervision.recommendation.remind", rec, {"recipients": [None, len(people)]})
        reminded += 1
        sent += len(people)
    return {"reminded": reminded, "sent": sent}
