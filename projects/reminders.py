"""Yearly reminders to report application (nhắc báo cáo ứng dụng kết quả).

For three years after acceptance, on each anniversary, the host (the people of the unit linked
to the host organisation, else of the proposing unit) is asked where the results are applied.
The daily job catches up on missed days (an anniversary within the last 60 days still gets its
reminder) and never sends one round twice (``ApplicationReminder``), nor to one person twice
(``notifications.dispatch``).
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import record
from core.permissions import PROPOSE_PROJECT
from notifications import dispatch
from notifications.models import Dispatch
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
    """The people of the unit linked to the host organisation; when it has nobody on the
    platform, those of the proposing unit (who answer for the proposal)."""
    host_unit = project.host.unit if project.host_id and project.host else None
    for unit in (host_unit, project.unit):
        if unit is None:
            continue
        users = Membership.objects.filter(
            unit=unit, is_active=True, role__in=PROPOSE_PROJECT.roles, user__is_active=True
        ).values("user")
        people = list(User.objects.filter(pk__in=users).order_by("pk"))
        if people:
            return people
    return []


#: Dispatch keys of these reminders: ``projects.application:<project>:<round>``.
KEY = "projects.application:"


def remind_applications(today: datetime.date | None = None) -> dict[str, int]:
    """The daily job. Each project's round is claimed (``ApplicationReminder``, audit row and
    the ``notifications.dispatch`` with its recipients) in its own transaction, then each
    person gets their copy in theirs: a run killed half-way is finished by the next one, and
    nobody is told twice (issue 11, class 8)."""
    today = today or timezone.localdate()
    dispatch.resume(KEY)  # what a killed run left half-delivered
    earliest = anniversary(today, -YEARS) - datetime.timedelta(days=CATCH_UP_DAYS)
    candidates = Project.objects.filter(
        status__in=FINISHED, accepted_on__gte=earliest, accepted_on__lte=today
    ).select_related("host__unit", "unit")
    sent = 0
    for project in candidates:
        k = due_round(project, today)
        if k is None or ApplicationReminder.objects.filter(project=project, round=k).exists():
            continue
        try:
            row = _claim(project, k, today)
        except IntegrityError:
            continue  # another worker claimed this round between the read and the write
        dispatch.deliver(row)
        sent += 1
    return {"sent": sent}


@transaction.atomic
def _claim(project: Project, k: int, today: datetime.date) -> Dispatch:
    people = recipients(project)
    row = dispatch.prepare(
        f"{KEY}{project.pk}:{k}",
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
    return row
