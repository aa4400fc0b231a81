"""Reminders before an IP title expires (nhắc gia hạn văn bằng), once per expiry date.

A title whose validity ends within ``NOTICE_DAYS`` is announced to the writers of its owning
unit (who renew it) and to the managing office. ``reminded_for`` keeps the expiry date that was
announced, so the daily job sends one reminder per expiry; a renewal moves ``valid_until`` and
the next expiry is announced in its turn. Each person gets their copy once, even when a run
dies half-way (``notifications.dispatch``).
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import record
from core.permissions import EDIT_ST_REGISTRIES
from ip.models import IpTitle
from notifications import dispatch
from notifications.models import Dispatch

#: How long before expiry the holder's unit is reminded to renew.
NOTICE_DAYS = 180


def _recipients(title: IpTitle) -> list[User]:
    members = Membership.objects.filter(is_active=True, user__is_active=True).filter(
        Q(unit=title.owner_unit, role__in=EDIT_ST_REGISTRIES.roles)
        | Q(role__in=EDIT_ST_REGISTRIES.everywhere)
    )
    return list(User.objects.filter(pk__in=members.values("user")).order_by("pk"))


#: Dispatch keys of these reminders: ``ip.expiry:<title>:<valid_until>``.
KEY = "ip.expiry:"


def _due(today: datetime.date) -> Q:
    return Q(valid_until__gte=today, valid_until__lte=today + datetime.timedelta(NOTICE_DAYS)) & (
        Q(reminded_for__isnull=True) | ~Q(reminded_for=F("valid_until"))
    )


def remind_expiring_titles(today: datetime.date | None = None) -> dict[str, int]:
    """The daily job. Each title's expiry notice is claimed (``reminded_for``, audit row, the
    ``notifications.dispatch`` with its recipients) in its own transaction, then each person
    gets their copy in theirs: a run killed half-way is finished by the next one and nobody
    is told twice (issue 11, class 8)."""
    today = today or timezone.localdate()
    dispatch.resume(KEY)  # what a killed run left half-delivered
    due = list(IpTitle.objects.filter(_due(today)).values_list("pk", flat=True))
    sent = 0
    for pk in due:
        row = _claim(pk, today)
        if row is not None:
            dispatch.deliver(row)
            sent += row.recipients.count()
    return {"due": len(due), "sent": sent}


@transaction.atomic
def _claim(pk: uuid.UUID, today: datetime.date) -> Dispatch | None:
    """Claim one title's notice under its row lock (a second worker waits, then finds it
    announced); None when it is no longer due."""
    title = (
        IpTitle.objects.select_for_update(of=("self",))
        .filter(_due(today), pk=pk)
        .select_related("owner_unit", "holder")
        .first()
    )
    if title is None:
        return None
    people = _recipients(title)
    row = dispatch.prepare(
        f"{KEY}{title.pk}:{title.valid_until}",
        people,
        title=_("Văn bằng “%(name)s” hết hiệu lực ngày %(date)s")
        % {
            "name": title.name,
            "date": date_format(title.valid_until or today, "SHORT_DATE_FORMAT"),
        },
        body=_("Chủ văn bằng: %(holder)s. Số văn bằng: %(number)s. Cần làm thủ tục gia hạn.")
        % {"holder": title.holder, "number": title.number or "—"},
        link=reverse("ip:title", kwargs={"pk": title.pk}),
        about=title,
    )
    title.reminded_for = title.valid_until
    title.save(update_fields=["reminded_for"])
    record(None, "ip.title.remind_expiry", title, {"recipients": [None, len(people)]})
    return row
