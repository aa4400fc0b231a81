"""Pages of the organisation registry: list, detail, create, edit."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.log import history_for
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView, ScopedListView
from organisations import actions
from organisations.filtersets import OrganisationFilterSet
from organisations.forms import OrganisationForm
from organisations.models import Organisation


class OrganisationListView(ScopedListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "organisations/organisation_list.html"
    partial_template_name = "organisations/_organisation_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit").order_by("name")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = actions.can_create_organisation(self.request.user)
        return context


class OrganisationDetailView(ScopedDetailView):
    model = Organisation
    template_name = "organisations/organisation_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_edit"] = actions.can_edit_organisation(self.request.user, self.object)
        context["history"] = history_for(self.object)[:50]
        return context


class OrganisationEditView(ScopedFormActionView):
    """Create (no pk) or edit one organisation."""

    model = Organisation
    form_class = OrganisationForm
    template_name = "organisations/organisation_form.html"
    optional_object = True
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu tổ chức.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit_organisation(self.request.user, obj)

    def get_object(self) -> Any:
        obj = super().get_object()
        if obj is None and not actions.can_create_organisation(self.request.user):
            from django.http import Http404

            raise Http404
        return obj

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> Organisation:
        user = cast(User, self.request.user)
        data = {k: form.cleaned_data[k] for k in Organisation.EDITABLE_FIELDS}
        if obj is None:
            return actions.create_organisation(user, **data)
        return actions.update_organisation(
            user, obj, expected_version=form.cleaned_data["version"], **data
        )

    def success_url(self, result: Any) -> str:
        return reverse("organisations:detail", kwargs={"pk": result.pk})
