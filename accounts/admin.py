"""Users and memberships in the Django admin.

Memberships are the only way people get rights, so the admin changes them through the audited
actions in ``accounts.actions`` rather than saving rows itself:
- adding a membership (on its own page or in the user's inline) grants it;
- changing its role changes the role; who and which unit are fixed once it exists (end it
  and grant another instead), and "đang hiệu lực" is shown but not edited by hand;
- there is no delete: the "Kết thúc phân quyền" list action ends memberships and keeps them.
The form runs the actions' own checks first, so a refusal shows as a form error (in
Vietnamese) instead of a half-saved page.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy

from accounts.actions import (
    change_membership_role,
    check_membership,
    check_role_change,
    end_membership,
    grant_membership,
)
from accounts.models import Membership, User
from core.errors import ActionError


class MembershipForm(forms.ModelForm):
    """A membership row; ``actor`` (the signed-in admin user) is set per request."""

    actor: User | None = None

    class Meta:
        model = Membership
        fields = ["user", "unit", "role", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fixed = ["is_active"] if self.instance._state.adding else ["user", "unit", "is_active"]
        for name in fixed:
            if name in self.fields:
                self.fields[name].disabled = True

    def validate_unique(self) -> None:
        # The action decides: an active duplicate is refused by ``clean`` with a clear
        # message, and a membership ended earlier is reactivated instead of duplicated.
        pass

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if not role:
            return data
        try:
            if self.instance._state.adding:
                user, unit = data.get("user"), data.get("unit")
                if user is not None and unit is not None:
                    check_membership(self.actor or AnonymousUser(), user, unit, role)
            elif "role" in self.changed_data:
                current = Membership.objects.select_related("user", "unit").get(pk=self.instance.pk)
                check_role_change(self.actor or AnonymousUser(), current, role)
        except ActionError as error:
            raise forms.ValidationError(error.message) from error
        return data


def _with_actor(form: type[forms.ModelForm], request: HttpRequest) -> type[forms.ModelForm]:
    return type(form.__name__, (form,), {"actor": request.user})


def _apply(request: HttpRequest, obj: Membership, changed: list[str], adding: bool) -> None:
    """Carry one submitted row out through the actions and point ``obj`` at the result."""
    actor = cast(User, request.user)
    if adding:
        result = grant_membership(actor, obj.user, obj.unit, obj.role)
    elif "role" in changed:
        result = change_membership_role(actor, obj, obj.role)
    else:
        return
    # The admin logs and redirects using ``obj``: make it the row the action wrote.
    obj.pk, obj.role, obj.is_active = result.pk, result.role, result.is_active
    obj._state.adding = False


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    fields = ["unit", "role", "is_active"]
    extra = 0
    can_delete = False
    autocomplete_fields = ["unit"]

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _with_actor(formset.form, request)
        return formset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("KH&CN", {"fields": ("full_name", "job_title")}),
    )
    list_display = ["username", "full_name", "email", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)  # fills new_objects / changed_objects, writes nothing
        for obj in formset.new_objects:
            obj.user = form.instance
            _apply(request, obj, [], adding=True)
        for obj, changed in formset.changed_objects:
            _apply(request, obj, changed, adding=False)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ["user", "unit", "role", "is_active"]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["user", "unit"]
    actions = ["end_selected"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return _with_actor(form, request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        _apply(request, obj, list(form.changed_data), adding=not change)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Kết thúc các phân quyền đã chọn"), permissions=["change"])
    def end_selected(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        ended = 0
        for membership in queryset.select_related("user", "unit"):
            try:
                end_membership(cast(User, request.user), membership)
                ended += 1
            except ActionError as error:
                self.message_user(request, f"{membership}: {error.message}", messages.ERROR)
        if ended:
            self.message_user(
                request,
                _("Đã kết thúc %(n)s phân quyền.") % {"n": ended},
                messages.SUCCESS,
            )


# API tokens are issued on the profile page and stored hashed (accounts.tokens): DRF's own token
# admin would offer to create clear-text tokens that no longer authenticate.
try:
    admin.site.unregister(TokenProxy)
except NotRegistered:
    pass
