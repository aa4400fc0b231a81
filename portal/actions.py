"""Citizens' feedback: sending (no login, guarded) and the Front's moderation.

Sending is guarded three ways before anything is stored: a honeypot field that people do not
see, a per-address rate limit kept in the database (so it holds across worker processes), and
a small abuse filter. Nothing a citizen sends is public until the Front publishes it.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import record
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import SUPERVISE
from core.scoping import scope_for
from core.text import fold
from notifications.actions import notify
from orgunits.models import OrgUnit
from portal.models import Feedback, FeedbackStatus

#: At most this many messages from one address per hour.
RATE_LIMIT = 5
RATE_WINDOW = datetime.timedelta(hours=1)
MAX_LINKS = 2
# Folded words that mark a message as abuse or spam (kept short: moderation does the rest).
BLOCKED_WORDS = ("casino", "ca cuoc", "lo de", "vay nhanh", "viagra")
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


class Refused(ActionError):
    """A message refused before storage (rate limit, honeypot, abuse)."""


def ip_hash(address: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()


def new_code() -> str:
    return "YK-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def front_unit() -> OrgUnit | None:
    """Where feedback goes: the setting's unit code, else the highest unit existing today with
    a supervisor (never a Front committee dissolved by a reorganisation: nobody reads there)."""
    code = getattr(settings, "PORTAL_FEEDBACK_UNIT", "")
    if code:
        return OrgUnit.objects.filter(code=code).first()
    today = OrgUnit.objects.active_on(timezone.localdate())
    membership = (
        Membership.objects.filter(is_active=True, role__in=SUPERVISE.roles, unit__in=today)
        .select_related("unit")
        .order_by("unit__depth", "unit__path")
        .first()
    )
    return membership.unit if membership else None


def _abusive(text: str) -> bool:
    folded = fold(text)
    if len(_LINK.findall(text)) > MAX_LINKS:
        return True
    if any(word in folded for word in BLOCKED_WORDS):
        return True
    return bool(re.search(r"(.)\1{14,}", text))  # a key held down


@transaction.atomic
def submit_feedback(
    *,
    address: str,
    subject: str,
    body: str,
    sender_name: str = "",
    sender_contact: str = "",
    honeypot: str = "",
) -> Feedback:
    if honeypot:
        raise Refused(_("Không gửi được ý kiến."))
    digest = ip_hash(address)
    since = timezone.now() - RATE_WINDOW
    if Feedback.objects.filter(ip_hash=digest, created_at__gte=since).count() >= RATE_LIMIT:
        raise Refused(_("Bạn đã gửi nhiều ý kiến trong một giờ; xin thử lại sau."))
    subject, body = subject.strip(), body.strip()
    if len(body) < 10:
        raise Refused(_("Nội dung quá ngắn."))
    if _abusive(f"{subject}\n{body}"):
        raise Refused(_("Nội dung có dấu hiệu quảng cáo hoặc không phù hợp nên không được nhận."))
    recipient = front_unit()
    if recipient is None:
        raise ActionError(_("Chưa có nơi nhận ý kiến; xin liên hệ trực tiếp Ủy ban MTTQ."))
    code = new_code()
    while Feedback.objects.filter(tracking_code=code).exists():
        code = new_code()
    feedback = Feedback.objects.create(
        tracking_code=code,
        recipient=recipient,
        sender_name=sender_name.strip()[:120],
        sender_contact=sender_contact.strip()[:120],
        subject=subject[:200],
        body=body[:5000],
        ip_hash=digest,
    )
    record(None, "portal.feedback.submit", feedback, {"status": [None, feedback.status]})
    people = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(
            is_active=True, unit=recipient, role__in=SUPERVISE.roles
        ).values("user_id"),
    )
    notify(
        list(people),
        title=_("Ý kiến nhân dân mới: %(s)s") % {"s": feedback.subject[:80]},
        link=reverse("portal:moderate", kwargs={"pk": feedback.pk}),
        about=feedback,
    )
    return feedback


def can_moderate(user: Any, feedback: Feedback) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(SUPERVISE, feedback.recipient.path)


@transaction.atomic
def moderate_feedback(
    user: User, feedback: Feedback, *, expected_version: int, status: str, answer: str
) -> Feedback:
    """Publish (with or without an answer) or keep private; the sender sees the answer by code."""
    if not can_moderate(user, feedback):
        raise NotAllowed()
    if status not in FeedbackStatus.values:
        raise ActionError(_("Trạng thái không hợp lệ."))
    answer = answer.strip()
    if len(answer) > 5000:
        raise ActionError(_("Câu trả lời quá dài (tối đa 5.000 ký tự)."))
    claim_version(feedback, expected_version)
    before = {"status": feedback.status, "answer": feedback.answer}
    feedback.status = status
    if answer != feedback.answer:
        feedback.answer = answer
        feedback.answered_at = timezone.now() if answer else None
    feedback.moderated_by = user
    feedback.save()
    record(
        user,
        "portal.feedback.moderate",
        feedback,
        {"status": [before["status"], status], "answered": [bool(before["answer"]), bool(answer)]},
    )
    return feedback
