"""Named, transactional writes for S&T events (sự kiện KH&CN)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from core.sheets import sheet_row
from events.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def can_create(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(EDIT_ST_REGISTRIES)


def can_edit_for_unit(user: User | AnonymousUser | None, unit: Any) -> bool:
    """The managing office edits all; a unit edits the events of its subtree."""
    if user is None or not user.is_authenticated or unit is None:
        return False
    return scope_for(user).can(EDIT_ST_REGISTRIES, unit.path)


def can_edit(user: User | AnonymousUser | None, event: Event) -> bool:
    return can_edit_for_unit(user, event.owner_unit)


def sees_all(user: User | AnonymousUser | None, event: Event) -> bool:
    """Sees every field group of an event: its editors and the units it belongs to; others
    see the published groups only (``Event.published_groups``)."""
    if user is None or not user.is_authenticated:
        return False
    return can_edit(user, event) or scope_for(user).contains_path(str(event.owner_unit.path))


def _validated(event: Event) -> None:
    try:
        event.full_clean()
    except ValidationError as error:
        raise ActionError(" ".join(error.messages)) from error


def _create(actor: User, action: str, participant_organisations: Any, **fields: Any) -> Event:
    if not can_edit_for_unit(actor, fields.get("owner_unit")):
        raise NotAllowed()
    event = Event(created_by=actor, **fields)
    _validated(event)
    event.save()
    event.participant_organisations.set(participant_organisations)
    after = snapshot(event, Event.EDITABLE_FIELDS)
    after["participant_organisations"] = sorted(str(o) for o in participant_organisations)
    record(actor, action, event, {k: [None, v] for k, v in after.items()})
    return event


@transaction.atomic
def create_event(actor: User, *, participant_organisations: Any = (), **fields: Any) -> Event:
    return _create(actor, "event.create", participant_organisations, **fields)


@transaction.atomic
def import_events(actor: User, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    """Record the events of a checked Excel sheet (``(row number, fields)`` each): all of
    them, or none when one is refused (the error names its row). Each event's history says
    it came from a file."""
    if not can_create(actor):
        raise NotAllowed()
    for number, fields in rows:
        fields = dict(fields)
        orgs = fields.pop("participant_organisations", ())
        with sheet_row(number):
            _create(actor, "event.import", orgs, **fields)
    return len(rows)


@transaction.atomic
def update_event(
    actor: User,
    event: Event,
    *,
    expected_version: int,
    participant_organisations: Any = None,
    **fields: Any,
) -> Event:
    if not can_edit(actor, event):
        raise NotAllowed()
    if "owner_unit" in fields and not can_edit_for_unit(actor, fields["owner_unit"]):
        raise NotAllowed()
    claim_version(event, expected_version)
    before = snapshot(event, Event.EDITABLE_FIELDS)
    for name, value in fields.items():
        if name not in Event.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(event, name, value)
    _validated(event)
    event.save()
    changes = diff(before, snapshot(event, fields))
    if participant_organisations is not None:
        old = sorted(str(o) for o in event.participant_organisations.all())
        new = sorted(str(o) for o in participant_organisations)
        event.participant_organisations.set(participant_organisations)
        if old != new:
            changes["participant_organisations"] = [old, new]
    record(actor, "event.update", event, changes)
    return event
