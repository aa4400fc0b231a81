"""People and their roles in organisation units."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel, ScopedQuerySet
from core.permissions import Role

__all__ = ["Membership", "Role", "User"]


class User(AbstractUser):
    """A person who signs in (người dùng). Roles come from memberships, not from the user row."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    job_title = models.CharField(_("chức vụ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.get_username()


class MembershipQuerySet(ScopedQuerySet):
    def _visible_q(self, scope: Any) -> Q:
        # Who holds which role is read where the unit is in scope (the office: everywhere).
        if scope.is_anonymous:
            return Q(pk__in=[])
        return scope.units_q("unit__")


class Membership(BaseModel):
    """A person's role in one organisation unit (thành viên đơn vị); scope covers its subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền theo đơn vị")
        verbose_name_plural = _("phân quyền theo đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """A personal API token (mã truy cập API), stored as a SHA-256 digest with an expiry.

    The key itself is shown once, when it is issued; the database keeps only its digest and a
    short prefix to recognise it on the profile page, so a leaked database or backup holds no
    usable credential. One token per user: issuing a new one ends the old one.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="api_token")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("đầu mã"), max_length=8)
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
