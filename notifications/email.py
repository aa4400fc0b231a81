"""E-mail messages for notifications, rendered from Vietnamese templates (subject, text, HTML)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from notifications import outbox
from notifications.models import Notification

if TYPE_CHECKING:
    from accounts.models import User


def absolute(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return settings.SITE_URL.rstrip("/") + link


def _message(template: str, to: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split())[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    return message


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    user = notification.recipient
    return _message(
        "notification",
        user.email,
        {"user": user, "notification": notification, "url": absolute(notification.link)},
    )


def digest_message(
    user: User, notifications: Sequence[Notification], day: datetime.date
) -> EmailMultiAlternatives:
    items = [{"notification": n, "url": absolute(n.link)} for n in notifications]
    return _message(
        "digest",
        user.email,
        {"user": user, "items": items, "day": day, "count": len(items)},
    )


def invitation_message(user: User, link: str, invited_by: User) -> EmailMultiAlternatives:
    """The invitation to set a password (accounts.invitations): a one-time link."""
    return _message(
        "invitation",
        user.email,
        {"user": user, "url": absolute(link), "invited_by": invited_by},
    )


def send_invitation(user: User, link: str, invited_by: User) -> None:
    """Registered as accounts' invitation sender (NotificationsConfig.ready). Runs inside the
    invitation's transaction: the message goes to the outbox with it (committed together or
    not at all) and the worker sends it after the commit, retrying a mail server error with
    back-off; two workers never send it twice."""
    row = outbox.put(invitation_message(user, link, invited_by), topic=f"invitation:{user.pk}")
    outbox.enqueue_on_commit([row.key])
