"""Invitations (lời mời): a one-time link with which a person added in the app sets their own
password. The link is Django's password-reset token (``default_token_generator``): it stops
working once the password is set (the token hashes the password) or after
``PASSWORD_RESET_TIMEOUT``.

``accounts`` sits below the inbox, so it does not send mail itself: ``notifications`` registers
the sender (``register_invitation_sender``) in its ``AppConfig.ready()``, as ``accounts``
registers the scope builder for ``core``. The sender is called inside the invitation's
transaction and must only queue the message atomically with it (the inbox's outbox): it never
talks to a mail server there, and a rolled-back invitation leaves nothing queued.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

if TYPE_CHECKING:
    from accounts.models import User

# (person invited, relative link, who invited them) → queued in the caller's transaction
InvitationSender = Callable[["User", str, "User"], None]
_sender: InvitationSender | None = None


def register_invitation_sender(sender: InvitationSender) -> None:
    global _sender
    _sender = sender


def invitation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:invite_accept", kwargs={"uidb64": uid, "token": token})


def deliver(user: User, link: str, invited_by: User) -> None:
    if _sender is None:  # pragma: no cover - a configuration error, not a runtime state
        raise RuntimeError("No invitation sender registered (is 'notifications' installed?)")
    _sender(user, link, invited_by)
