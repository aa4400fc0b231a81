"""Named, transactional writes for accounts: the personal API token and unit memberships
(phân quyền theo đơn vị). Each checks who may act, saves, and writes its own audit row; the
profile page and the Django admin call these and nothing else to change the rows.

A membership is never deleted: ending it keeps the row (inactive) and the audit trail says
who ended it and when. Every membership change drops the affected user's cached scope
(``core.scoping.forget_scope``), so the new rights apply from the next check on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.invitations import deliver, invitation_link
from accounts.models import ApiToken, Membership, Role, User
from accounts.tokens import issue_token
from audit.log import record
from core.errors import ActionError, NotAllowed
from core.permissions import MANAGE_MEMBERS, SEE_EVERYTHING, USE_SECOND_FACTOR
from core.scoping import forget_scope, scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from orgunits.models import OrgUnit

# Roles that reach beyond a subtree: only someone who already sees everything may grant them.
GLOBAL_ROLES = SEE_EVERYTHING.everywhere


def may_manage_members(actor: User | AnonymousUser, unit: OrgUnit, role: str | None = None) -> bool:
    """May ``actor`` grant, change or end memberships in ``unit`` (with ``role``)?

    The system administrator and the monitoring office (who manage the unit registry, see
    ``orgunits.actions.can_manage_units``) may; so may a manager (quản lý) of the unit or of a
    unit above it, as ``Scope.has_role_over`` reads "over" everywhere else — but never for a
    role that reaches beyond their subtree (the monitoring role sees everything).
    """
    if not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_for(actor)
    if role in GLOBAL_ROLES and not scope.can(SEE_EVERYTHING):
        return False
    return scope.can(MANAGE_MEMBERS, unit.path)


def _forget(actor: User, *users: User) -> None:
    """Drop the cached scope of every object in hand that stands for the affected person:
    the scope is cached per user object, so the caller's copy, the row's copy and the actor
    (when acting on themselves) all forget it."""
    for user in users:
        forget_scope(user)
        if getattr(actor, "pk", None) == user.pk:
            forget_scope(actor)


def check_membership(
    actor: User | AnonymousUser,
    user: User,
    unit: OrgUnit,
    role: str,
    *,
    current: Membership | None = None,
) -> None:
    """Refuse a membership ``actor`` may not give or that would duplicate an active one.

    ``current`` is the membership being changed (left out of the duplicate check). Used by
    the actions and, for form errors, by the admin form before it calls them.
    """
    if role not in Role.values:
        raise ActionError(_("Vai trò không hợp lệ."))
    if not may_manage_members(actor, unit, role):
        raise NotAllowed(
            _("Bạn không có quyền phân quyền vai trò này tại %(unit)s.") % {"unit": unit.name}
        )
    if user.pk is None:
        return  # a user being created has no memberships yet
    duplicate = Membership.objects.filter(user=user, unit=unit, role=role, is_active=True)
    if current is not None and current.pk is not None:
        duplicate = duplicate.exclude(pk=current.pk)
    if duplicate.exists():
        raise ActionError(
            _("%(user)s đã có vai trò %(role)s tại %(unit)s.")
            % {"user": user, "role": Role(role).label, "unit": unit.name}
        )


def check_role_change(actor: User | AnonymousUser, membership: Membership, role: str) -> None:
    """Refuse changing ``membership`` to ``role``: it must be active, and both the role taken
    away and the role given must be within the actor's reach."""
    if not membership.is_active:
        raise ActionError(_("Phân quyền này đã kết thúc; hãy cấp lại phân quyền mới."))
    if not may_manage_members(actor, membership.unit, membership.role):
        raise NotAllowed(
            _("Bạn không có quyền phân quyền vai trò này tại %(unit)s.")
            % {"unit": membership.unit.name}
        )
    if role != membership.role:
        check_membership(actor, membership.user, membership.unit, role, current=membership)


@transaction.atomic
def grant_membership(actor: User, user: User, unit: OrgUnit, role: str) -> Membership:
    """Give ``user`` ``role`` in ``unit`` (and so in its subtree). A membership with the same
    role that was ended before is reactivated rather than duplicated."""
    check_membership(actor, user, unit, role)
    membership = (
        Membership.objects.select_for_update().filter(user=user, unit=unit, role=role).first()
    )
    if membership is None:
        membership = Membership.objects.create(user=user, unit=unit, role=role)
        changes: dict[str, Any] = {"user": [None, user], "unit": [None, unit], "role": [None, role]}
    else:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
        changes = {"is_active": [False, True]}
    record(actor, "membership.grant", membership, changes)
    _forget(actor, user)
    return membership


@transaction.atomic
def change_membership_role(actor: User, membership: Membership, role: str) -> Membership:
    """Change the role of an active membership (same person, same unit); returns the
    membership that now carries the role."""
    given = membership.user
    membership = (
        Membership.objects.select_for_update().select_related("user", "unit").get(pk=membership.pk)
    )
    check_role_change(actor, membership, role)
    if role == membership.role:
        return membership
    before = membership.role
    # (user, unit, role) is unique, ended memberships included: when the person held the new
    # role here before, that membership comes back and this one ends, so no row is lost.
    earlier = (
        Membership.objects.select_for_update()
        .filter(user=membership.user, unit=membership.unit, role=role, is_active=False)
        .first()
    )
    if earlier is not None:
        membership.is_active = False
        membership.save(update_fields=["is_active", "updated_at"])
        note = _("Chuyển từ vai trò %(old)s sang %(new)s.") % {
            "old": Role(before).label,
            "new": Role(role).label,
        }
        record(actor, "membership.end", membership, {"is_active": [True, False]}, note=note)
        earlier.is_active = True
        earlier.save(update_fields=["is_active", "updated_at"])
        record(actor, "membership.grant", earlier, {"is_active": [False, True]}, note=note)
        _forget(actor, given, membership.user)
        return earlier
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    record(actor, "membership.change_role", membership, {"role": [before, role]})
    _forget(actor, given, membership.user)
    return membership


@transaction.atomic
def end_membership(actor: User, membership: Membership, *, note: str = "") -> Membership:
    """End a membership (thôi giữ vai trò): the row stays, inactive, for the record."""
    given = membership.user
    membership = (
        Membership.objects.select_for_update().select_related("user", "unit").get(pk=membership.pk)
    )
    if not may_manage_members(actor, membership.unit, membership.role):
        raise NotAllowed()
    if not membership.is_active:
        raise ActionError(_("Phân quyền này đã kết thúc trước đó."))
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    record(actor, "membership.end", membership, {"is_active": [True, False]}, note=note)
    _forget(actor, given, membership.user)
    return membership


@transaction.atomic
def invite_person(
    actor: User,
    *,
    username: str,
    full_name: str,
    email: str,
    unit: OrgUnit,
    role: str,
    job_title: str = "",
) -> Membership:
    """Add a new person (người dùng mới) to ``unit`` with ``role`` and send them an invitation
    to set their own password; the account has no usable password until then."""
    check_membership(actor, User(), unit, role)
    username, email = username.strip(), email.strip()
    if not username or not full_name.strip():
        raise ActionError(_("Hãy nhập tên đăng nhập và họ tên của người được mời."))
    if not email:
        raise ActionError(_("Hãy nhập địa chỉ thư điện tử để gửi lời mời."))
    if User.objects.filter(username__iexact=username).exists():
        raise ActionError(_("Tên đăng nhập %(u)s đã có người dùng.") % {"u": username})
    if User.objects.filter(email__iexact=email).exists():
        raise ActionError(
            _("Địa chỉ thư điện tử %(e)s đã thuộc về người dùng khác.") % {"e": email}
        )
    user = User(
        username=username, full_name=full_name.strip(), email=email, job_title=job_title.strip()
    )
    user.set_unusable_password()
    user.save()
    record(
        actor,
        "user.invite",
        user,
        {"username": [None, username], "full_name": [None, user.full_name], "email": [None, email]},
    )
    membership = grant_membership(actor, user, unit, role)
    _send_invitation(actor, user)
    return membership


def may_invite(actor: User | AnonymousUser, user: User) -> bool:
    """An invitation is (re)sent by someone who manages one of the person's active
    memberships, while the person has not set a password yet."""
    if user.has_usable_password() or not user.is_active:
        return False
    return any(
        may_manage_members(actor, m.unit, m.role)
        for m in user.memberships.filter(is_active=True).select_related("unit")
    )


@transaction.atomic
def resend_invitation(actor: User, user: User) -> User:
    """Send the invitation again (the earlier link keeps working until a password is set)."""
    if not may_invite(actor, user):
        raise NotAllowed()
    _send_invitation(actor, user)
    return user


def _send_invitation(actor: User, user: User) -> None:
    record(actor, "user.invitation", user, {"email": [None, user.email]})
    link = invitation_link(user)
    # Inside the invitation's transaction: the sender queues the e-mail in the outbox, so it is
    # committed with the invitation (never lost, sent by the worker after the commit) and a
    # rolled-back invitation leaves nothing to send.
    deliver(user, link, actor)


@transaction.atomic
def rotate_api_token(actor: User) -> tuple[ApiToken, str]:
    """Issue a new personal API token; the old one stops working at once.

    Returns the stored row (digest only) and the key, which the caller shows once.
    """
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed()
    token, key = issue_token(actor)
    record(actor, "token.rotate", actor, {"prefix": [None, token.prefix]})
    return token, key


def may_use_second_factor(actor: User | AnonymousUser) -> bool:
    """The monitoring office and administrators may protect their sign-in with a TOTP code."""
    return bool(getattr(actor, "is_authenticated", False)) and scope_for(actor).can(
        USE_SECOND_FACTOR
    )


@transaction.atomic
def start_totp_enrolment(actor: User) -> TOTPDevice:
    """Create (or reuse) the unconfirmed authenticator device whose secret the page shows."""
    if not may_use_second_factor(actor):
        raise NotAllowed()
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="totp", confirmed=False)
    return device


def confirm_totp_device(actor: User, code: str) -> TOTPDevice:
    """Turn the second factor on once the person proves their app shows the right code.

    The code is checked outside the write transaction on purpose: django-otp counts failed
    attempts on the device (and slows guessing down), and a refusal must not roll that back.
    """
    if not may_use_second_factor(actor):
        raise NotAllowed()
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        raise ActionError(_("Chưa bắt đầu đăng ký ứng dụng xác thực; hãy tải lại trang."))
    if not device.verify_token(code.strip()):
        raise ActionError(_("Mã xác thực không đúng hoặc đã hết hạn."))
    return _enable_device(actor, device)


@transaction.atomic
def _enable_device(actor: User, device: TOTPDevice) -> TOTPDevice:
    TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(actor, "otp.enable", actor, {"second_factor": [False, True]})
    return device


def remove_totp_devices(actor: User, code: str) -> None:
    """Turn the second factor off; the current code is asked so a left-open session cannot.

    As above, the code is checked before the write transaction so failed guesses still count.
    """
    devices = list(TOTPDevice.objects.filter(user=actor, confirmed=True))
    if not devices:
        raise ActionError(_("Tài khoản chưa bật xác thực hai bước."))
    if not any(d.verify_token(code.strip()) for d in devices):
        raise ActionError(_("Mã xác thực không đúng hoặc đã hết hạn."))
    _disable_devices(actor)


@transaction.atomic
def _disable_devices(actor: User) -> None:
    TOTPDevice.objects.filter(user=actor).delete()
    record(actor, "otp.disable", actor, {"second_factor": [True, False]})
