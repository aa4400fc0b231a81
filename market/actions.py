"""Named, transactional writes of the technology market (chợ công nghệ).

Each action checks who may do it, claims the version of versioned rows, writes, writes its audit
row, and tells the people concerned. A connection moves only along ``CONNECTION_MOVES``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from audit.log import diff, record, snapshot
from core.errors import ActionError, NotAllowed
from core.locking import claim_version
from core.permissions import BROKER_CONNECTIONS, POST_LISTING
from core.scoping import scope_for
from events.models import Event
from market.models import (
    CONNECTION_MOVES,
    OPEN_CONNECTIONS,
    Connection,
    ConnectionStatus,
    FollowUp,
    ListingStatus,
    Meeting,
    Need,
    Offer,
    TransferContract,
)
from market.sessions import check_session_event
from notifications.actions import notify

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from orgunits.models import OrgUnit

Listing = Offer | Need


# --- predicates ---------------------------------------------------------------------------


def can_post(user: User | AnonymousUser | None, unit: OrgUnit | None = None) -> bool:
    """Post an offer or a need for ``unit`` (any unit of the user's, when None)."""
    if user is None or not user.is_authenticated:
        return False
    scope = scope_for(user)
    return scope.can(POST_LISTING, unit.path) if unit is not None else scope.can(POST_LISTING)


def can_edit_listing(user: User | AnonymousUser | None, listing: Listing) -> bool:
    return can_post(user, listing.owner_unit)


def can_broker(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return scope_for(user).can(BROKER_CONNECTIONS, "")


def can_request(user: User | AnonymousUser | None, need: Need) -> bool:
    """Ask for a connection on behalf of a need: its owners, or a broker."""
    return can_edit_listing(user, need) or can_broker(user)


def can_consent(user: User | AnonymousUser | None, connection: Connection) -> str | None:
    """Which side ("need"/"offer") the user may consent for, if any."""
    if can_edit_listing(user, connection.need) and not connection.need_consents:
        return "need"
    if can_edit_listing(user, connection.offer) and not connection.offer_consents:
        return "offer"
    return None


# --- listings -----------------------------------------------------------------------------


def _save_listing(actor: User, listing: Listing, action: str, before: dict[str, Any]) -> Listing:
    listing.full_clean()
    listing.save()
    fields = type(listing).EDITABLE_FIELDS + ("status",)
    record(actor, action, listing, diff(before, snapshot(listing, fields)))
    return listing


@transaction.atomic
def create_listing(
    actor: User, model: type[Listing], *, owner_unit: OrgUnit, publish: bool = False, **fields: Any
) -> Listing:
    """Create an offer or a need of ``owner_unit``; ``publish`` puts it on the market at once."""
    if not can_post(actor, owner_unit):
        raise NotAllowed()
    unknown = set(fields) - set(model.EDITABLE_FIELDS)
    if unknown:
        raise TypeError(", ".join(sorted(unknown)))
    listing = model(owner_unit=owner_unit, created_by=actor, **fields)
    if publish:
        listing.status = ListingStatus.PUBLISHED
        listing.published_at = timezone.now()
    return _save_listing(actor, listing, f"market.{model.__name__.lower()}.create", {})


@transaction.atomic
def update_listing(
    actor: User, listing: Listing, *, expected_version: int, **fields: Any
) -> Listing:
    if not can_edit_listing(actor, listing):
        raise NotAllowed()
    if listing.status == ListingStatus.CLOSED:
        raise ActionError(_("Tin đã đóng, không sửa được."))
    claim_version(listing, expected_version)
    model = type(listing)
    before = snapshot(listing, model.EDITABLE_FIELDS + ("status",))
    for name, value in fields.items():
        if name not in model.EDITABLE_FIELDS:
            raise TypeError(name)
        setattr(listing, name, value)
    return _save_listing(actor, listing, f"market.{model.__name__.lower()}.update", before)


@transaction.atomic
def set_listing_status(
    actor: User, listing: Listing, status: str, *, expected_version: int
) -> Listing:
    """Publish (đăng), close (đóng) or take back to draft one offer or need."""
    if not can_edit_listing(actor, listing):
        raise NotAllowed()
    if status not in ListingStatus.values:
        raise ActionError(_("Trạng thái không hợp lệ."))
    claim_version(listing, expected_version)
    model = type(listing)
    before = snapshot(listing, model.EDITABLE_FIELDS + ("status",))
    listing.status = status
    if status == ListingStatus.PUBLISHED and listing.published_at is None:
        listing.published_at = timezone.now()
    return _save_listing(actor, listing, f"market.{model.__name__.lower()}.status", before)


# --- connections --------------------------------------------------------------------------


def brokers() -> list[User]:
    """The people who broker connections (the managing office)."""
    users = Membership.objects.filter(
        is_active=True, role__in=BROKER_CONNECTIONS.everywhere, user__is_active=True
    ).values("user")
    return list(User.objects.filter(pk__in=users).order_by("pk"))


def side_people(listing: Listing) -> list[User]:
    """Who speaks for an offer or a need: its unit's writers, and whoever posted it."""
    users = Membership.objects.filter(
        unit=listing.owner_unit, is_active=True, role__in=POST_LISTING.roles, user__is_active=True
    ).values("user")
    people = User.objects.filter(Q(pk__in=users) | Q(pk=listing.created_by_id), is_active=True)
    return list(people.order_by("pk"))


def _link(connection: Connection) -> str:
    return reverse("market:connection", kwargs={"pk": connection.pk})


@transaction.atomic
def request_connection(
    actor: User, need: Need, offer: Offer, *, message: str = "", share_contact: bool = False
) -> Connection:
    """Ask the broker to connect a need with an offer (yêu cầu kết nối).

    A second request for a pair that is already being brokered returns the open one: double
    clicks and two people of one cooperative asking at once end in one request.
    """
    if not can_request(actor, need):
        raise NotAllowed()
    if offer.status != ListingStatus.PUBLISHED or need.status == ListingStatus.CLOSED:
        raise ActionError(_("Chỉ kết nối được chào bán đang đăng với nhu cầu chưa đóng."))
    existing = Connection.objects.filter(
        need=need, offer=offer, status__in=OPEN_CONNECTIONS
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            connection = Connection.objects.create(
                need=need,
                offer=offer,
                message=message,
                requested_by=actor,
                need_consents=share_contact and can_edit_listing(actor, need),
            )
    except IntegrityError:
        # Another request for the same pair won the race: join it.
        return Connection.objects.get(need=need, offer=offer, status__in=OPEN_CONNECTIONS)
    record(actor, "market.connection.request", connection, {"status": [None, connection.status]})
    notify(
        brokers(),
        title=_("Yêu cầu kết nối mới: %(need)s") % {"need": need.title},
        body=_("Nhu cầu “%(need)s” muốn kết nối với “%(offer)s”.")
        % {"need": need.title, "offer": offer.title},
        link=_link(connection),
        about=connection,
    )
    return connection


def _move(
    actor: User,
    connection: Connection,
    status: str,
    expected_version: int,
    note: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> None:
    if status not in CONNECTION_MOVES[connection.status]:
        raise ActionError(
            _("Không thể chuyển kết nối từ “%(a)s” sang “%(b)s”.")
            % {"a": connection.get_status_display(), "b": ConnectionStatus(status).label}
        )
    claim_version(connection, expected_version)
    before = connection.status
    connection.status = status
    now = timezone.now()
    if connection.first_response_at is None and before == ConnectionStatus.REQUESTED:
        connection.first_response_at = now
    if not connection.is_open:
        connection.closed_at = now
    if note:
        connection.outcome_note = note
    connection.save()
    record(
        actor,
        f"market.connection.{status}",
        connection,
        {"status": [before, status], **(changes or {})},
        note=note[:500],
    )


@transaction.atomic
def introduce(
    actor: User,
    connection: Connection,
    *,
    expected_version: int,
    note: str = "",
    event: Event | None = None,
) -> Connection:
    """The broker introduces the two sides (giới thiệu): both are told; contacts wait for
    consent. ``event``: the supply–demand session (events registry) where it happened."""
    if not can_broker(actor):
        raise NotAllowed()
    check_session_event(actor, event)
    changes = {}
    if event is not None:
        changes["event"] = [_event_label(connection.event), _event_label(event)]
        connection.event = event
    _move(actor, connection, ConnectionStatus.INTRODUCED, expected_version, note, changes)
    people = side_people(connection.need) + side_people(connection.offer)
    notify(
        list(dict.fromkeys(people)),
        title=_("Được giới thiệu kết nối: %(offer)s") % {"offer": connection.offer.title},
        body=_(
            "Cán bộ môi giới đã giới thiệu nhu cầu “%(need)s” với chào bán “%(offer)s”. "
            "Hãy đồng ý chia sẻ thông tin liên hệ để hai bên trao đổi trực tiếp."
        )
        % {"need": connection.need.title, "offer": connection.offer.title},
        link=_link(connection),
        about=connection,
    )
    return connection


def _event_label(event: Event | None) -> str | None:
    return str(event) if event is not None else None


@transaction.atomic
def link_event(
    actor: User, connection: Connection, *, expected_version: int, event: Event | None
) -> Connection:
    """The broker records (or clears) the event where the two sides were introduced."""
    if not can_broker(actor):
        raise NotAllowed()
    check_session_event(actor, event)
    claim_version(connection, expected_version)
    before = connection.event
    connection.event = event
    connection.save()
    record(
        actor,
        "market.connection.event",
        connection,
        {"event": [_event_label(before), _event_label(event)]},
    )
    return connection


@transaction.atomic
def decline(actor: User, connection: Connection, *, expected_version: int, note: str) -> Connection:
    if not can_broker(actor):
        raise NotAllowed()
    if not note.strip():
        raise ActionError(_("Cần ghi lý do từ chối."))
    _move(actor, connection, ConnectionStatus.DECLINED, expected_version, note)
    if connection.requested_by_id:
        notify(
            User.objects.filter(pk=connection.requested_by_id),
            title=_("Yêu cầu kết nối không được tiếp nhận"),
            body=note,
            link=_link(connection),
            about=connection,
        )
    return connection


@transaction.atomic
def consent(actor: User, connection: Connection, *, expected_version: int) -> Connection:
    """One side agrees to share its contact details (đồng ý chia sẻ liên hệ)."""
    side = can_consent(actor, connection)
    if side is None:
        raise NotAllowed()
    if not connection.is_open:
        raise ActionError(_("Kết nối đã kết thúc."))
    claim_version(connection, expected_version)
    setattr(connection, f"{side}_consents", True)
    connection.save()
    record(actor, "market.connection.consent", connection, {f"{side}_consents": [False, True]})
    return connection


@transaction.atomic
def record_meeting(
    actor: User, connection: Connection, *, expected_version: int, held_on: datetime.date,
    place: str = "", notes: str = "", starts_at: datetime.time | None = None,
    event: Event | None = None,
) -> Meeting:  # fmt: skip
    """A one-to-one meeting (gặp gỡ) and its outcome; at a session it is one slot of the
    session's schedule, so it must fall within the event's dates."""
    if (
        not can_broker(actor)
        and can_consent(actor, connection) is None
        and not (
            can_edit_listing(actor, connection.need) or can_edit_listing(actor, connection.offer)
        )
    ):
        raise NotAllowed()
    check_session_event(actor, event)
    if event is not None and not event.starts_on <= held_on <= event.ends_on:
        raise ActionError(
            _("Ngày gặp phải trong thời gian diễn ra sự kiện (%(a)s – %(b)s).")
            % {"a": date_format(event.starts_on, "d/m/Y"), "b": date_format(event.ends_on, "d/m/Y")}
        )
    if connection.status == ConnectionStatus.INTRODUCED:
        _move(actor, connection, ConnectionStatus.MEETING, expected_version)
    elif connection.status == ConnectionStatus.MEETING:
        claim_version(connection, expected_version)
        connection.save()
    else:
        raise ActionError(_("Chỉ ghi buổi gặp sau khi môi giới đã giới thiệu hai bên."))
    meeting = Meeting.objects.create(
        connection=connection, held_on=held_on, starts_at=starts_at, event=event, place=place,
        notes=notes, recorded_by=actor,
    )  # fmt: skip
    changes: dict[str, list[Any]] = {"held_on": [None, held_on]}
    if starts_at is not None:
        changes["starts_at"] = [None, starts_at.strftime("%H:%M")]
    if event is not None:
        changes["meeting_event"] = [None, str(event)]
    record(
        actor,
        "market.connection.meeting",
        connection,
        changes,
        note=notes[:500],
    )
    return meeting


@transaction.atomic
def record_contract(
    actor: User, connection: Connection, *, expected_version: int, signed_on: datetime.date,
    value: int, form: str, number: str = "",
) -> TransferContract:  # fmt: skip
    """The connection ended in a transfer contract (hợp đồng chuyển giao): value, form, date."""
    if not can_broker(actor):
        raise NotAllowed()
    if signed_on > timezone.localdate():
        raise ActionError(_("Ngày ký không được sau hôm nay."))
    _move(actor, connection, ConnectionStatus.DEAL, expected_version)
    contract = TransferContract(
        connection=connection,
        signed_on=signed_on,
        value=value,
        form=form,
        number=number,
        recorded_by=actor,
    )
    contract.full_clean()
    contract.save()
    record(
        actor,
        "market.connection.contract",
        connection,
        {"value": [None, value], "form": [None, form], "signed_on": [None, signed_on]},
    )
    return contract


@transaction.atomic
def close_without_deal(
    actor: User, connection: Connection, *, expected_version: int, note: str
) -> Connection:
    if not can_broker(actor):
        raise NotAllowed()
    if not note.strip():
        raise ActionError(_("Cần ghi lý do không thành."))
    _move(actor, connection, ConnectionStatus.NO_DEAL, expected_version, note)
    return connection


@transaction.atomic
def add_follow_up(
    actor: User, connection: Connection, *, noted_on: datetime.date, notes: str
) -> FollowUp:
    if not can_broker(actor):
        raise NotAllowed()
    if connection.status != ConnectionStatus.DEAL:
        raise ActionError(_("Chỉ theo dõi sau chuyển giao với kết nối đã có hợp đồng."))
    follow = FollowUp.objects.create(
        connection=connection, noted_on=noted_on, notes=notes, recorded_by=actor
    )
    record(
        actor,
        "market.connection.follow_up",
        connection,
        {"noted_on": [None, noted_on]},
        note=notes[:500],
    )
    return follow
