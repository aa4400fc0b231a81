"""Members pages (thành viên đơn vị): the monitoring office (all units) and a unit's manager
(their subtree) add people to units with roles, change and end memberships, and invite new
people to set a password — all through ``accounts.actions`` (audited)."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import actions
from accounts.filtersets import MembershipFilterSet
from accounts.member_forms import EndMemberForm, MemberAddForm, MemberRoleForm, manageable_units
from accounts.models import Membership, User
from core.forms_views import ScopedFormActionView
from core.permissions import MANAGE_MEMBERS
from core.scoping import scope_for
from core.text import fold
from core.views import ScopedListView
from orgunits.models import OrgUnit, OrgUnitQuerySet


def can_manage_members(request: Any) -> bool:
    """Menu condition: the members pages are for those who manage members somewhere."""
    return bool(request.user.is_authenticated and scope_for(request.user).can(MANAGE_MEMBERS))


class MemberListView(ScopedListView):
    """Memberships in the units the user manages (active first)."""

    model = Membership
    filterset_class = MembershipFilterSet
    template_name = "accounts/member_list.html"
    partial_template_name = "accounts/_member_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        scope = scope_for(self.request.user)
        return (
            queryset.filter(scope.units_where_q(MANAGE_MEMBERS, "unit__"))
            .select_related("user", "unit")
            .order_by("-is_active", "unit__path", "user__full_name")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        for membership in context["object_list"]:
            membership.manageable = actions.may_manage_members(  # type: ignore[attr-defined]
                user, membership.unit, membership.role
            )
            membership.invitable = (  # type: ignore[attr-defined]
                membership.is_active and not membership.user.has_usable_password()
            )
        context["without_members"] = units_without_members(user).count()
        return context


def units_without_members(user: Any) -> QuerySet:
    """Units valid today, in the user's reach, with no active member (flagged: nobody there
    files reports or receives reminders)."""
    return (
        manageable_units(user)
        .annotate(active_members=Count("memberships", filter=Q(memberships__is_active=True)))
        .filter(active_members=0)
    )


class UnitMembersView(ScopedListView):
    """The units the user manages with their number of active members; ``?empty=1`` keeps
    only those with none."""

    model = OrgUnit
    template_name = "accounts/unit_members.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        scope = scope_for(self.request.user)
        queryset = (
            cast(OrgUnitQuerySet, queryset)
            .active_on(timezone.localdate())
            .filter(scope.units_where_q(MANAGE_MEMBERS))
            .annotate(active_members=Count("memberships", filter=Q(memberships__is_active=True)))
            .order_by("path")
        )
        if self.request.GET.get("empty") == "1":
            queryset = queryset.filter(active_members=0)
        for word in self.request.GET.get("q", "").split():
            queryset = queryset.filter(search_text__contains=fold(word))
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["only_empty"] = self.request.GET.get("empty") == "1"
        context["q"] = self.request.GET.get("q", "")
        return context


class MemberAddView(ScopedFormActionView):
    """Add a person to a unit with a role; a new person is invited to set a password."""

    model = Membership
    form_class = MemberAddForm
    template_name = "accounts/member_add.html"
    optional_object = True
    invalid_status = 400
    invalid_message = gettext_lazy("Chưa thêm được: hãy sửa các ô được đánh dấu.")

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        raw = self.request.GET.get("unit", "")
        unit = manageable_units(self.request.user).filter(pk=raw).first() if _uuid(raw) else None
        return {"actor": self.request.user, "unit": unit}

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not can_manage_members(request):
            raise Http404
        return super().get(request, *args, **kwargs)

    def perform(self, form: Any, obj: Any) -> Membership:
        actor = cast(User, self.request.user)
        data = form.cleaned_data
        if form.existing is not None:
            return actions.grant_membership(actor, form.existing, data["unit"], data["role"])
        return actions.invite_person(
            actor,
            username=data["username"],
            full_name=data["full_name"],
            email=data["email"],
            job_title=data["job_title"],
            unit=data["unit"],
            role=data["role"],
        )

    def get_success_message(self, result: Any) -> str:
        if not result.user.has_usable_password():
            return _("Đã thêm %(user)s vào %(unit)s và gửi lời mời đặt mật khẩu tới %(email)s.") % {
                "user": result.user,
                "unit": result.unit.name,
                "email": result.user.email,
            }
        return _("Đã thêm %(user)s vào %(unit)s.") % {"user": result.user, "unit": result.unit.name}

    def success_url(self, result: Any) -> str:
        return reverse("accounts:member_list") + f"?unit={result.unit_id}"


def _uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class MemberRoleView(ScopedFormActionView):
    """Change the role of an active membership."""

    model = Membership
    form_class = MemberRoleForm
    template_name = "accounts/member_role.html"
    object_name = "membership"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("user", "unit")

    def allowed(self, obj: Any) -> bool:
        return obj.is_active and actions.may_manage_members(self.request.user, obj.unit, obj.role)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {"role": obj.role}

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"actor": self.request.user}

    def perform(self, form: Any, obj: Any) -> Membership:
        return actions.change_membership_role(
            cast(User, self.request.user), obj, form.cleaned_data["role"]
        )

    def get_success_message(self, result: Any) -> str:
        return _("Đã đổi vai trò của %(user)s tại %(unit)s thành %(role)s.") % {
            "user": result.user,
            "unit": result.unit.name,
            "role": result.get_role_display(),
        }

    def success_url(self, result: Any) -> str:
        return reverse("accounts:member_list") + f"?unit={result.unit_id}"


class MemberEndView(ScopedFormActionView):
    """Button: end a membership (the row stays, inactive, for the record)."""

    model = Membership
    form_class = EndMemberForm

    def allowed(self, obj: Any) -> bool:
        return obj.is_active and actions.may_manage_members(self.request.user, obj.unit, obj.role)

    def perform(self, form: Any, obj: Any) -> Membership:
        return actions.end_membership(
            cast(User, self.request.user), obj, note=form.cleaned_data["note"]
        )

    def get_success_message(self, result: Any) -> str:
        return _("Đã kết thúc vai trò %(role)s của %(user)s tại %(unit)s.") % {
            "role": result.get_role_display(),
            "user": result.user,
            "unit": result.unit.name,
        }

    def return_url(self) -> str:
        return reverse("accounts:member_list") + f"?unit={self.object.unit_id}"


class MemberInviteView(ScopedFormActionView):
    """Button: send the invitation again to a person who has not set a password yet."""

    model = Membership

    def allowed(self, obj: Any) -> bool:
        return actions.may_invite(self.request.user, obj.user)

    def perform(self, form: Any, obj: Any) -> User:
        return actions.resend_invitation(cast(User, self.request.user), obj.user)

    def get_success_message(self, result: Any) -> str:
        return _("Đã gửi lại lời mời tới %(email)s.") % {"email": result.email}

    def return_url(self) -> str:
        return reverse("accounts:member_list") + f"?unit={self.object.unit_id}"


class InviteAcceptView(PasswordResetConfirmView):
    """The invitation link: the person sets their password once (Django's reset token)."""

    template_name = "accounts/invite_accept.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form: Any) -> Any:
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đặt mật khẩu. Mời đồng chí đăng nhập."))
        return response
