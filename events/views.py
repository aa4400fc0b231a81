"""Pages of the events registry: list, month calendar, detail, create/edit, drill-down."""

from __future__ import annotations

import calendar
import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.models import User
from audit.log import history_for
from core.forms_views import RecordEditView
from core.sheet_views import SheetExportMixin, SheetImportView, SheetTemplateView
from core.views import ScopedDetailView, ScopedListView, ScopedViewMixin
from events import actions, excel
from events.counts import SOURCES
from events.filtersets import EventFilterSet
from events.forms import EventForm
from events.models import Event
from orgunits.models import OrgUnit


class EventListView(SheetExportMixin, ScopedListView):
    model = Event
    filterset_class = EventFilterSet
    template_name = "events/event_list.html"
    partial_template_name = "events/_event_table.html"
    export_sheet = excel.SHEET

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("organiser").order_by("-starts_on", "title")

    def export_queryset(self, queryset: QuerySet) -> QuerySet:
        return excel.export_queryset(queryset, self.request.user)

    def export_rows(self, objects: list[Any]) -> list[list[Any]]:
        return excel.export_rows(objects, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = context["can_import"] = actions.can_create(self.request.user)
        return context


class _ImportGate:
    model = Event
    sheet = excel.SHEET

    def may_import(self, user: Any) -> bool:
        return actions.can_create(user)


class ImportView(_ImportGate, SheetImportView):
    """Upload events from Excel (XLSX): every row or none."""

    heading = _("Nhập sự kiện KH&CN từ Excel")
    intro = _(
        "Mỗi dòng một sự kiện. Đơn vị quản lý hồ sơ ghi bằng mã đơn vị; đơn vị tổ chức có "
        "trong danh bạ tổ chức thì được liên kết."
    )
    done_message = _("Đã nhập %(n)s sự kiện từ tệp.")
    list_url_name = "events:list"
    template_url_name = "events:import_template"

    def run(self, user: Any, data: bytes) -> int:
        return excel.import_events(cast(User, user), data)


class ImportTemplateView(_ImportGate, SheetTemplateView):
    """The empty events sheet with its guide."""


class CalendarView(ScopedViewMixin, TemplateView):
    """One month as a grid of weeks (Monday first), with the events of each day."""

    model = Event
    template_name = "events/calendar.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year, _sep, month = self.request.GET.get("month", "").partition("-")
        try:
            first = datetime.date(int(year), int(month), 1)
        except ValueError:
            first = today.replace(day=1)
        if not 1900 <= first.year <= 2200:
            first = today.replace(day=1)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        grid_start, grid_end = weeks[0][0], weeks[-1][-1]
        events = list(
            self.scoped_queryset()
            .filter(starts_on__lte=grid_end, ends_on__gte=grid_start)
            .order_by("starts_on", "title")
        )
        rows = [
            [
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "today": day == today,
                    "events": [e for e in events if e.starts_on <= day <= e.ends_on],
                }
                for day in week
            ]
            for week in weeks
        ]
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        context.update(
            month=first,
            weeks=rows,
            previous=f"{previous:%Y-%m}",
            following=f"{following:%Y-%m}",
        )
        return context


class EventDetailView(ScopedDetailView):
    model = Event
    template_name = "events/event_detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("organiser", "owner_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_edit"] = actions.can_edit(user, self.object)
        full = actions.sees_all(user, self.object)
        # Beyond its owners only the published field groups are rendered (not even labels).
        context["groups"] = self.object.shown_groups(full=full)
        context["organisations"] = self.object.participant_organisations.visible_to(user).order_by(
            "name"
        )
        if full:
            context["history"] = history_for(self.object)[:50]
        return context


class EventEditView(RecordEditView):
    model = Event
    form_class = EventForm
    template_name = "events/event_form.html"
    success_message = _("Đã lưu sự kiện.")
    detail_url_name = "events:detail"
    links = ("participant_organisations",)

    def may_create(self, user: Any) -> bool:
        return actions.can_create(user)

    def may_edit(self, user: Any, obj: Any) -> bool:
        return actions.can_edit(user, obj)

    def create(self, user: Any, **values: Any) -> Event:
        return actions.create_event(user, **values)

    def update(self, user: Any, obj: Any, *, expected_version: int, **values: Any) -> Event:
        return actions.update_event(user, obj, expected_version=expected_version, **values)


class CountedView(ScopedViewMixin, TemplateView):
    """Exactly the events a computed indicator counted for a unit and period."""

    model = Event
    template_name = "events/counted.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        source = SOURCES.get(self.kwargs["code"])
        data = self.request.GET
        try:
            start = datetime.date.fromisoformat(data.get("from", ""))
            end = datetime.date.fromisoformat(data.get("to", ""))
            unit = OrgUnit.objects.visible_to(self.request.user).get(pk=data.get("unit", ""))
        except (ValueError, ValidationError, OrgUnit.DoesNotExist):
            raise Http404 from None
        if source is None:
            raise Http404
        rows = source.rows(unit.path, start, end)
        visible = self.scoped_queryset().filter(pk__in=rows.values("pk")).order_by("starts_on")
        context.update(
            source=source,
            unit=unit,
            start=start,
            end=end,
            rows=visible.select_related("organiser")[:500],
            figure=source.figure(unit.path, start, end),
            hidden=rows.count() - visible.count(),
        )
        return context
