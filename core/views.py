"""Base views. Every page that shows user data derives from these, so scoping is the default.

A view names its ``model``; the queryset is always ``model.objects.visible_to(user)``, refined
by ``refine_queryset``. Setting ``queryset`` on a view is refused (``tests/test_scoping.py``
checks it), so there is no way to reach ``Model.objects.all()`` from a page by accident.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View
from django.views.generic import DetailView, ListView

from core.errors import ActionError, NotAllowed
from core.pagination import BoundedPaginator
from core.scoping import note_granted_read

READ_METHODS = ("GET", "HEAD")


class ScopedViewMixin(LoginRequiredMixin):
    """Objects come from ``visible_to(request.user)`` only; missing and forbidden are both 404."""

    model: Any
    request: HttpRequest

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        """Hook for select_related/annotate/filter on top of the scoped queryset."""
        return queryset

    def scoped_queryset(self) -> QuerySet:
        if getattr(self, "queryset", None) is not None:
            raise ImproperlyConfigured("Scoped views must not set `queryset`; use refine_queryset.")
        return self.refine_queryset(self.model.objects.visible_to(self.request.user))  # type: ignore[attr-defined]

    def get_queryset(self) -> QuerySet:
        return self.scoped_queryset()


class ScopedListView(ScopedViewMixin, ListView):
    """A list page: scoped queryset + optional filterset; htmx requests get only the table."""

    paginate_by = 50
    # Counting stops early on large registries (core.pagination): a page costs the same at
    # 100 and at 100,000 records.
    paginator_class = BoundedPaginator
    filterset_class: Any = None
    partial_template_name: str | None = None

    def get_queryset(self) -> QuerySet:
        queryset = self.scoped_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(
                self.request.GET or None, queryset=queryset, request=self.request
            )
            queryset = self.filterset.qs
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        return context

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False) and self.partial_template_name:
            return [self.partial_template_name]
        return super().get_template_names()


class ScopedDetailView(ScopedViewMixin, DetailView):
    """A detail page looked up by UUID inside the scoped queryset.

    A read reached only through a read grant (a supervision team) is reported to the grant's
    app, which audits it (``core.scoping.note_granted_read``); list pages are not."""

    def get_object(self, queryset: QuerySet | None = None) -> Any:
        obj = super().get_object(queryset)
        if self.request.method in READ_METHODS:
            note_granted_read(self.request.user, obj)
        return obj


class ScopedActionView(ScopedViewMixin, View):
    """A form page that acts on one scoped object through a named action.

    Subclasses implement ``allowed(obj)`` (a model predicate); both a missing object and a
    refused permission answer 404, so an outsider learns nothing from probing. A page that
    runs a form through an action derives from ``core.forms_views.ScopedFormActionView``;
    this class alone is for downloads and the few pages that do not fit a single form.
    """

    pk_url_kwarg = "pk"

    def get_object(self) -> Any:
        try:
            obj = self.scoped_queryset().get(pk=self.kwargs[self.pk_url_kwarg])
        except (self.model.DoesNotExist, ValueError) as exc:  # type: ignore[attr-defined]
            raise Http404 from exc
        if not self.allowed(obj):
            raise Http404
        if self.request.method in READ_METHODS:
            note_granted_read(self.request.user, obj)
        return obj

    def allowed(self, obj: Any) -> bool:
        return True

    def action_failed(self, request: HttpRequest, error: ActionError) -> None:
        if isinstance(error, NotAllowed):
            raise Http404
        messages.error(request, error.message)


def render_partial_or_page(
    request: HttpRequest, page: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    return render(request, partial if getattr(request, "htmx", False) else page, context)
