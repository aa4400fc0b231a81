"""Yearly reminders to report application (nhắc báo cáo ứng dụng kết quả).

For three years after acceptance, on each anniversary, the host (the people of the unit linked
to the host organisation, else of the proposing unit) is asked where the results are applied.
The daily job catches up on missed days (an anniversary within the last 60 days still gets its
reminder) and never sends one round twice (``ApplicationReminder``).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import record
from core.permissions import PROPOSE_PROJECT
from notifications.actions import notify
from projects.models import FINISHED, ApplicationReminder, Project

YEARS = 3
CATCH_UP_DAYS = 60


def anniversary(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due_round(project: Project, today: datetime.date) -> int | None:
    """The reminder round due today (1–3), or None."""
    if project.accepted_on is None:
        return None
    for k in range(YEARS, 0, -1):
        when = anniversary(project.accepted_on, k)
        if when <= today < when + datetime.timedelta(days=CATCH_UP_DAYS):
            return k
    return None


def recipients(project: Project) -> list[User]:
    host_unit = project.host.unit if project.host_id and project.host else None
    unit = host_unit or project.unit
    users = Membership.objects.filter(
        unit=unit, is_active=True, role__in=PROPOSE_PROJECT.roles, user__is_active=True
    ).values("user")
    return list(User.objects.filter(pk__in=users).order_by("pk"))


@transaction.atomic
def remind_applications(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    earliest = anniversary(today, -YEARS) - datetime.timedelta(days=CATCH_UP_DAYS)
    candidates = Project.objects.filter(
        status__in=FINISHED, accepted_on__gte=earliest, accepted_on__lte=today
    ).select_related("host__unit", "unit")
    sent = 0
    for project in candidates:
        k = due_round(project, today)
        if k is None or ApplicationReminder.objects.filter(project=project, round=k).exists():
            continue
        people = recipients(project)
        notify(
            people,
            title=_("Báo cáo ứng dụng kết quả nhiệm vụ (năm thứ %(k)s sau nghiệm thu)") % {"k": k},
            body=_(
                "Đề nghị cho biết kết quả nhiệm vụ “%(t)s” đã được ứng dụng, nhân rộng ở đâu, "
                "quy mô và hiệu quả."
            )
            % {"t": project.title},
            link=reverse("projects:detail", kwargs={"pk": project.pk}),
            about=project,
        )
        ApplicationReminder.objects.create(
            project=project, round=k, sent_on=today, recipients=len(people)
        )
        record(
            None,
            "project.remind_application",
            project,
            {"round": [None, k], "recipients": [None, len(people)]},
        )
        sent += 1
    return {"sent": sent}
