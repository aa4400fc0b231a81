"""The iCalendar feed of published events (RFC 5545), for calendar applications.

Calendar clients cannot sign in, so the feed is public and carries published events only —
what the public portal will show anyway. All-day events: DTEND is the day after the last day
(exclusive, as the RFC wants). Text is escaped and lines folded at 75 octets.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from events.models import Event

#: The feed carries events from this many days back, and every future one.
PAST_DAYS = 730


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a character."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def calendar_text(events: Iterable[Event], base_url: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//KHCN Lam Dong//Su kien KHCN//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _escape("Sự kiện KH&CN"),
    ]
    for event in events:
        stamp = event.updated_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        end = event.ends_on + datetime.timedelta(days=1)
        url = base_url + reverse("events:detail", kwargs={"pk": event.pk})
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.pk}@khcn",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.starts_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            "SUMMARY:" + _escape(event.title),
            "LOCATION:" + _escape(event.place),
            "DESCRIPTION:" + _escape(f"{event.get_kind_display()} – {event.organiser_label}"),
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def event_feed(request: HttpRequest) -> HttpResponse:
    """Published events only (no scoping needed: nothing private is ever read)."""
    since = timezone.localdate() - datetime.timedelta(days=PAST_DAYS)
    events = (
        Event.objects.published()
        .filter(ends_on__gte=since)
        .select_related("organiser")
        .order_by("starts_on")[:2000]
    )
    body = calendar_text(events, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="su-kien-khcn.ics"'
    return response
