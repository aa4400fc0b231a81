"""Pages of offers and needs: lists, search, detail with matches and reasons, posting."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import User
from audit.log import history_for
from core.forms import VersionForm
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView, ScopedListView, ScopedViewMixin
from experts.models import Expert
from market import actions, interchange, search
from market.filtersets import NeedFilterSet, OfferFilterSet
from market.forms import ConnectionRequestForm, NeedForm, OfferForm, SearchForm
from market.models import Connection, ListingStatus, Need, Offer


class MarketHomeView(ScopedViewMixin, TemplateView):
    """The market's front page: ask in one's own words, see offers with reasons."""

    model = Offer
    template_name = "market/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        visible = Offer.objects.visible_to(self.request.user)
        context["form"] = form
        if form.is_valid() and form.cleaned_data["q"].strip():
            context["suggestions"] = search.offers_for_text(form.cleaned_data["q"], visible)
            context["asked"] = True
        context["latest_offers"] = visible.published().order_by("-published_at")[:6]
        context["latest_needs"] = Need.objects.visible_to(self.request.user).published()[:6]
        context["can_post"] = actions.can_post(self.request.user)
        context["can_broker"] = actions.can_broker(self.request.user)
        context["counts"] = {
            "offers": visible.published().count(),
            "needs": Need.objects.visible_to(self.request.user).published().count(),
        }
        return context


class OfferListView(ScopedListView):
    model = Offer
    filterset_class = OfferFilterSet
    template_name = "market/offer_list.html"
    partial_template_name = "market/_offer_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("owner_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_post"] = actions.can_post(self.request.user)
        return context


class NeedListView(ScopedListView):
    model = Need
    filterset_class = NeedFilterSet
    template_name = "market/need_list.html"
    partial_template_name = "market/_need_table.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("owner_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_post"] = actions.can_post(self.request.user)
        return context


def _contact_visible(user: Any, listing: Any) -> bool:
    """Contacts go to the listing's own people and the brokers; others reach them through a
    brokered connection whose both sides agreed."""
    return actions.can_edit_listing(user, listing) or actions.can_broker(user)


class OfferDetailView(ScopedDetailView):
    model = Offer
    template_name = "market/offer_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("owner_unit", "organisation", "origin_project")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        offer = self.object
        context["can_edit"] = actions.can_edit_listing(user, offer)
        context["show_contact"] = _contact_visible(user, offer)
        if context["can_edit"] or actions.can_broker(user):
            context["suggestions"] = search.needs_for_offer(offer, Need.objects.visible_to(user))
        context["connections"] = (
            Connection.objects.visible_to(user).filter(offer=offer).select_related("need")
        )
        context["experts"] = search.experts_for_offer(offer, Expert.objects.visible_to(user))
        context["public_url"] = interchange.public_offer_link(offer)
        context["history"] = history_for(offer)[:30]
        return context


class NeedDetailView(ScopedDetailView):
    model = Need
    template_name = "market/need_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("owner_unit", "organisation")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        need = self.object
        context["can_edit"] = actions.can_edit_listing(user, need)
        context["can_request"] = (
            actions.can_request(user, need) and need.status != ListingStatus.CLOSED
        )
        context["show_contact"] = _contact_visible(user, need)
        context["suggestions"] = search.offers_for_need(need, Offer.objects.visible_to(user))
        context["experts"] = search.experts_for_need(need, Expert.objects.visible_to(user))
        connections = Connection.objects.visible_to(user).filter(need=need).select_related("offer")
        context["connections"] = connections
        context["requested"] = {c.offer_id for c in connections if c.is_open}
        context["request_form"] = ConnectionRequestForm()
        context["history"] = history_for(need)[:30]
        return context


class ListingEditView(ScopedFormActionView):
    """Post (no pk) or edit one offer or need."""

    optional_object = True
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit_listing(self.request.user, obj)

    def get_object(self) -> Any:
        obj = super().get_object()
        if obj is None and not actions.can_post(self.request.user):
            raise Http404
        return obj

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"instance": obj, "user": self.request.user}

    def perform(self, form: Any, obj: Any) -> Any:
        user = cast(User, self.request.user)
        data = {
            k: form.cleaned_data[k] for k in self.model.EDITABLE_FIELDS if k in form.cleaned_data
        }
        if obj is None:
            return actions.create_listing(
                user,
                self.model,
                owner_unit=form.cleaned_data["owner_unit"],
                publish=form.cleaned_data.get("publish", False),
                **data,
            )
        return actions.update_listing(
            user, obj, expected_version=form.cleaned_data["version"], **data
        )

    def success_url(self, result: Any) -> str:
        name = "market:offer" if isinstance(result, Offer) else "market:need"
        return reverse(name, kwargs={"pk": result.pk})

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        context = super().get_context_data(obj, form, **extra)
        context["listing_kind"] = self.model.__name__.lower()
        return context


class OfferEditView(ListingEditView):
    model = Offer
    form_class = OfferForm
    template_name = "market/listing_form.html"


class NeedEditView(ListingEditView):
    model = Need
    form_class = NeedForm
    template_name = "market/listing_form.html"

    def get_initial(self, obj: Any) -> dict[str, Any]:
        initial = super().get_initial(obj)
        if obj is None and actions.can_broker(self.request.user):
            initial["entered_by_broker"] = True
        return initial


class ListingStatusView(ScopedFormActionView):
    """Publish, close or take back to draft (a button)."""

    form_class = VersionForm
    success_message = _("Đã cập nhật trạng thái.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_edit_listing(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        status = self.kwargs["status"]
        return actions.set_listing_status(
            cast(User, self.request.user),
            obj,
            status,
            expected_version=form.cleaned_data["version"],
        )

    def return_url(self) -> str:
        return self.success_url(self.object)

    def success_url(self, result: Any) -> str:
        name = "market:offer" if isinstance(result, Offer) else "market:need"
        return reverse(name, kwargs={"pk": result.pk})


class OfferStatusView(ListingStatusView):
    model = Offer


class NeedStatusView(ListingStatusView):
    model = Need
