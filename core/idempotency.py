"""One effect per form submission (idempotency), whatever the double click or resend.

Every POST form of every page gets a hidden ``_submission`` field with a fresh random key
when the page is rendered (``SubmissionKeyMiddleware`` writes it into the HTML, like a CSRF
token, so no template can forget it). ``ScopedFormActionView`` claims the key (``claim``,
committed at once) before it runs the action: the primary key of ``SubmissionKey`` makes a
second claim fail, so a repeated submission answers "already done" instead of doing it twice
(or answering 500 on a unique constraint further down). A refused action releases the key
(``release``): the user can correct the form and send it again.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

FIELD = "_submission"
_POST_FORM = re.compile(rb"<form\b[^>]*\bmethod=[\"']?post[\"']?[^>]*>", re.IGNORECASE)


class DuplicateSubmission(Exception):
    """This very form submission was already carried out."""


def submission_key(request: HttpRequest) -> uuid.UUID | None:
    raw = request.POST.get(FIELD, "")
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


def claim(request: HttpRequest) -> uuid.UUID | None:
    """Record the request's submission key inside the current transaction; raise
    ``DuplicateSubmission`` when it was recorded before. No key (an API client, a page from
    before this field existed): nothing to claim."""
    from core.models import SubmissionKey

    key = submission_key(request)
    if key is None:
        return None
    user = getattr(request, "user", None)
    try:
        with transaction.atomic():
            SubmissionKey.objects.create(
                key=key,
                user_id=getattr(user, "pk", None),
                path=request.path[:300],
            )
    except IntegrityError as exc:
        raise DuplicateSubmission from exc
    return key


def release(key: uuid.UUID | None) -> None:
    """Forget a claimed key whose action was refused (nothing was done)."""
    from core.models import SubmissionKey

    if key is not None:
        SubmissionKey.objects.filter(key=key).delete()


def _with_keys(content: bytes) -> bytes:
    def add(match: re.Match[bytes]) -> bytes:
        field = f'<input type="hidden" name="{FIELD}" value="{uuid.uuid4()}">'
        return match.group(0) + field.encode()

    return _POST_FORM.sub(add, content)


class SubmissionKeyMiddleware:
    """Writes a fresh ``_submission`` key into every POST form of an HTML page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        if (
            not getattr(response, "streaming", False)
            and response.get("Content-Type", "").startswith("text/html")
            and b"<form" in response.content
        ):
            response.content = _with_keys(response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def purge_expired(
    now: datetime.datetime | None = None,
    *,
    batch: int = 1000,
    max_batches: int = 1000,
) -> int:
    """Delete the submission keys older than SUBMISSION_KEY_KEEP_DAYS (the daily housekeeping
    job), ``batch`` rows per transaction so the table never stays locked long. A form
    resubmitted after that many days is no longer recognised as a repeat: nobody double-clicks
    across days. Returns the number deleted."""
    from core.batches import delete_in_batches
    from core.models import SubmissionKey

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.SUBMISSION_KEY_KEEP_DAYS)
    return delete_in_batches(
        SubmissionKey.objects.filter(created_at__lt=cutoff).order_by("created_at"),
        batch=batch,
        max_batches=max_batches,
    )
