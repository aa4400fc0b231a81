"""Abstract base models shared by every domain app."""

from __future__ import annotations

import uuid
from typing import Any, Self

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to restrict itself to what a user may see.

    Subclasses implement ``_visible_q(scope)``. Views and API viewsets never call
    ``Model.objects.all()`` for user-facing data: the base classes in ``core.views`` and
    ``core.api`` call ``visible_to(request.user)``, and ``tests/test_scoping.py`` fails when a
    view bypasses it.
    """

    def visible_to(self, user: AbstractUser | AnonymousUser | None) -> Self:
        from core.scoping import scope_for

        return self.visible_to_scope(scope_for(user))

    # False where ``_visible_q`` names only the model's own columns and ``__in`` subqueries:
    # no join can repeat a row, so no DISTINCT, which would make the database sort the whole
    # visible registry (every column) before it returns one page.
    visible_rows_may_repeat = True

    def visible_to_scope(self, scope: Any) -> Self:
        if scope.sees_everything:
            return self.all()
        visible = self.filter(self._visible_q(scope))
        return visible.distinct() if self.visible_rows_may_repeat else visible

    def _visible_q(self, scope: Any) -> models.Q:  # pragma: no cover - abstract
        raise NotImplementedError


class BaseModel(models.Model):
    """UUID primary key (opaque in URLs) plus creation and modification times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(BaseModel):
    """Adds an edit counter for optimistic locking: a save based on a stale copy is refused."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class SubmissionKey(models.Model):
    """One form submission (lượt gửi biểu mẫu), claimed once: a double click, a resent POST or
    two tabs sending the same rendered form have one effect (core.idempotency)."""

    key = models.UUIDField(primary_key=True)
    user_id = models.BigIntegerField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "lượt gửi biểu mẫu"
        verbose_name_plural = "lượt gửi biểu mẫu"
