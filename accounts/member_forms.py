"""Forms of the members pages (thành viên đơn vị): add a person to a unit, change a role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actions import GLOBAL_ROLES
from accounts.models import Role, User
from core.forms import cleaned
from core.permissions import MANAGE_MEMBERS, SEE_EVERYTHING
from core.scoping import scope_for
from orgunits.models import OrgUnit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def role_choices(actor: User | AnonymousUser) -> list[tuple[str, str]]:
    """Roles the actor may give: never one reaching beyond a subtree unless they see all."""
    everything = scope_for(actor).can(SEE_EVERYTHING)
    return [(v, str(label)) for v, label in Role.choices if everything or v not in GLOBAL_ROLES]


def manageable_units(actor: User | AnonymousUser) -> Any:
    """Units (valid today) where the actor may add people: the office everywhere, a manager
    in their own subtree."""
    scope = scope_for(actor)
    return (
        OrgUnit.objects.visible_to(actor)
        .active_on(timezone.localdate())
        .filter(scope.units_where_q(MANAGE_MEMBERS))
        .order_by("path")
    )


class MemberAddForm(forms.Form):
    """A person already in the system (by user name) or a new one, who is then invited."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"))
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_(
            "Người đã có tài khoản: chỉ cần tên đăng nhập. Người mới: nhập thêm họ tên và "
            "thư điện tử, hệ thống gửi lời mời đặt mật khẩu."
        ),
    )
    full_name = forms.CharField(label=_("Họ và tên (người mới)"), max_length=200, required=False)
    email = forms.EmailField(label=_("Thư điện tử (người mới)"), required=False)
    job_title = forms.CharField(label=_("Chức vụ (người mới)"), max_length=200, required=False)

    def __init__(self, *args: Any, actor: Any, unit: OrgUnit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = manageable_units(actor)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
        if unit is not None:
            self.initial.setdefault("unit", unit.pk)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = role_choices(actor)
        self.initial.setdefault("role", Role.REPORTER)

    def clean(self) -> dict[str, Any]:
        data = cleaned(self)
        username = (data.get("username") or "").strip()
        self.existing = User.objects.filter(username__iexact=username).first() if username else None
        if username and self.existing is None:
            if not (data.get("full_name") or "").strip():
                self.add_error("full_name", _("Người mới: hãy nhập họ và tên."))
            if not data.get("email"):
                self.add_error("email", _("Người mới: hãy nhập thư điện tử để gửi lời mời."))
        return data


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò mới"))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = role_choices(actor)


class EndMemberForm(forms.Form):
    note = forms.CharField(label=_("Lý do (không bắt buộc)"), max_length=500, required=False)
