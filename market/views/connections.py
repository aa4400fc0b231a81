"""Pages of brokered connections: the broker's queue, one connection's steps, the request."""

from __future__ import annotations

import statistics
from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.log import history_for
from core.forms import VersionForm
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView, ScopedListView
from events.models import Event
from market import actions
from market.forms import (
    ConnectionRequestForm,
    ContractForm,
    EventLinkForm,
    FollowUpForm,
    IntroduceForm,
    MeetingForm,
    NoteForm,
)
from market.models import OPEN_CONNECTIONS, Connection, ConnectionStatus, Need, Offer


def response_days(queryset: QuerySet) -> dict[str, Any]:
    """Time to first response of the broker (ngày chờ phản hồi): median over answered requests,
    and how many still wait, with the oldest wait."""
    answered = queryset.exclude(first_response_at=None).values_list(
        "requested_at", "first_response_at"
    )
    days = [(b - a).total_seconds() / 86400 for a, b in answered]
    waiting = queryset.filter(status=ConnectionStatus.REQUESTED).values_list(
        "requested_at", flat=True
    )
    now = timezone.now()
    waits = [(now - w).days for w in waiting]
    return {
        "median_days": round(statistics.median(days), 1) if days else None,
        "answered": len(days),
        "waiting": len(waits),
        "oldest_wait_days": max(waits) if waits else None,
    }


class ConnectionListView(ScopedListView):
    model = Connection
    template_name = "market/connection_list.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        status = self.request.GET.get("status", "")
        if status == "open":
            queryset = queryset.filter(status__in=OPEN_CONNECTIONS)
        elif status in ConnectionStatus.values:
            queryset = queryset.filter(status=status)
        return queryset.select_related("need", "offer", "contract")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["response"] = response_days(Connection.objects.visible_to(self.request.user))
        context["statuses"] = ConnectionStatus.choices
        context["current_status"] = self.request.GET.get("status", "")
        return context


class ConnectionDetailView(ScopedDetailView):
    model = Connection
    template_name = "market/connection_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(
            "need__owner_unit", "offer__owner_unit", "requested_by", "event"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        c = self.object
        is_broker = actions.can_broker(user)
        context["is_broker"] = is_broker
        context["consent_side"] = actions.can_consent(user, c) if c.is_open else None
        context["show_contacts"] = c.contacts_shared or is_broker
        today = timezone.localdate()
        version = {"version": c.version}
        # Several small forms share one page: distinct ids keep every label tied to its field.
        for step in ("decline", "no_deal"):
            context[f"{step}_form"] = NoteForm(initial=version, auto_id=f"{step}_%s")
        context["introduce_form"] = IntroduceForm(
            initial=version, auto_id="introduce_%s", user=user
        )
        context["event_form"] = EventLinkForm(
            initial={**version, "event": c.event_id}, auto_id="event_%s", user=user
        )
        context["meeting_form"] = MeetingForm(
            initial={**version, "held_on": today, "event": c.event_id},
            auto_id="meeting_%s",
            user=user,
        )
        context["contract_form"] = ContractForm(
            initial={**version, "signed_on": today}, auto_id="contract_%s"
        )
        context["follow_form"] = FollowUpForm(initial={"noted_on": today}, auto_id="follow_%s")
        context["history"] = history_for(c)[:30]
        # An event is named only to those who may see it (an unpublished one stays private).
        meetings = list(c.meetings.select_related("event"))
        linked = {c.event_id} | {m.event_id for m in meetings}
        context["meetings"] = meetings
        context["seen_events"] = set(
            Event.objects.visible_to(user)
            .filter(pk__in=linked - {None})
            .values_list("pk", flat=True)
        )
        return context


class ConnectionRequestView(ScopedFormActionView):
    """ "Kết nối" on a need's page: ask the broker to connect it with one offer."""

    model = Need
    form_class = ConnectionRequestForm
    template_name = None

    def allowed(self, obj: Any) -> bool:
        return actions.can_request(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        visible = Offer.objects.visible_to(self.request.user)
        offer = visible.filter(pk=form.cleaned_data["offer"]).first()
        if offer is None:
            raise Http404
        return actions.request_connection(
            cast(User, self.request.user),
            obj,
            offer,
            message=form.cleaned_data["message"],
            share_contact=form.cleaned_data["share_contact"],
        )

    def get_success_message(self, result: Any) -> str:
        return str(_("Đã gửi yêu cầu kết nối tới cán bộ môi giới."))

    def return_url(self) -> str:
        return reverse("market:need", kwargs={"pk": self.kwargs["pk"]})

    def success_url(self, result: Any) -> str:
        return reverse("market:connection", kwargs={"pk": result.pk})


class ConnectionStepView(ScopedFormActionView):
    """One step on a connection's page (a button or a small form), named by ``step``."""

    model = Connection
    template_name = None
    steps: dict[str, tuple[Any, Any]] = {
        "introduce": (IntroduceForm, _("Đã giới thiệu hai bên.")),
        "event": (EventLinkForm, _("Đã ghi sự kiện nơi giới thiệu hai bên.")),
        "decline": (NoteForm, _("Đã từ chối yêu cầu.")),
        "consent": (VersionForm, _("Đã đồng ý chia sẻ thông tin liên hệ.")),
        "meeting": (MeetingForm, _("Đã ghi buổi gặp.")),
        "contract": (ContractForm, _("Đã ghi hợp đồng chuyển giao.")),
        "no_deal": (NoteForm, _("Đã ghi kết nối không thành.")),
        "follow_up": (FollowUpForm, _("Đã ghi theo dõi sau chuyển giao.")),
    }

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("step") not in self.steps:
            raise Http404
        self.form_class = self.steps[kwargs["step"]][0]
        self.success_message = self.steps[kwargs["step"]][1]
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, obj: Any) -> bool:
        return True  # each action checks its own actor; refusals answer 404 through NotAllowed

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        if self.kwargs["step"] in ("introduce", "event", "meeting"):
            return {"user": self.request.user}  # the events offered are those the user sees
        return {}

    def perform(self, form: Any, obj: Any) -> Any:
        user = cast(User, self.request.user)
        data = form.cleaned_data
        step = self.kwargs["step"]
        version = data.get("version")
        if step == "introduce":
            return actions.introduce(
                user, obj, expected_version=version, note=data["note"], event=data["event"]
            )
        if step == "event":
            return actions.link_event(user, obj, expected_version=version, event=data["event"])
        if step == "decline":
            return actions.decline(user, obj, expected_version=version, note=data["note"])
        if step == "consent":
            return actions.consent(user, obj, expected_version=version)
        if step == "meeting":
            return actions.record_meeting(
                user,
                obj,
                expected_version=version,
                held_on=data["held_on"],
                starts_at=data["starts_at"],
                event=data["event"],
                place=data["place"],
                notes=data["notes"],
            )
        if step == "contract":
            return actions.record_contract(
                user,
                obj,
                expected_version=version,
                signed_on=data["signed_on"],
                value=data["value"],
                form=data["form"],
                number=data["number"],
            )
        if step == "no_deal":
            return actions.close_without_deal(
                user, obj, expected_version=version, note=data["note"]
            )
        return actions.add_follow_up(user, obj, noted_on=data["noted_on"], notes=data["notes"])

    def return_url(self) -> str:
        return reverse("market:connection", kwargs={"pk": self.kwargs["pk"]})

    def success_url(self, result: Any) -> str:
        return self.return_url()
