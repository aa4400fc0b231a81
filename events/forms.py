"""The event form; units and organisations limited to what the user may use."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.duplicates import DuplicateWarningMixin, SimilarName
from core.forms import VersionField, cleaned, limit_choices
from core.permissions import EDIT_ST_REGISTRIES
from core.scoping import scope_for
from events.models import MAX_PARTICIPANTS, Event
from organisations.models import Organisation
from orgunits.models import OrgUnit

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class CountField(forms.IntegerField):
    """A head count typed as "1.200" or "1200" (a text box: a number box refuses "1.200")."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip()
        if re.fullmatch(r"\d{1,3}([. ]\d{3})+", text):
            text = text.replace(".", "").replace(" ", "")
        return super().to_python(text)


def _overlapping(data: dict[str, Any]) -> Q:
    """Events whose dates overlap the ones typed (a one-day event: that day)."""
    starts, ends = data.get("starts_on"), data.get("ends_on") or data.get("starts_on")
    if starts is None or ends is None:
        return Q(pk__in=[])
    return Q(starts_on__lte=ends, ends_on__gte=starts)


class EventForm(DuplicateWarningMixin, forms.ModelForm):
    """An event; a near-identical name on overlapping dates asks for confirmation (a yearly
    fair keeps its name: other years are other events)."""

    version = VersionField()
    duplicate_name = SimilarName(
        field="title",
        reason=_("tên gần giống, trùng ngày"),
        narrow=_overlapping,
        watch=("starts_on", "ends_on"),
    )
    duplicate_detail_url = "events:detail"
    participants = CountField(
        label=_("Số người tham dự"), min_value=0, max_value=MAX_PARTICIPANTS, initial=0
    )

    class Meta:
        model = Event
        fields = [*Event.EDITABLE_FIELDS, "participant_organisations"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "participant_organisations": forms.SelectMultiple(attrs={"size": 8}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_confirm_field()
        if self.instance._state.adding:
            del self.fields["version"]
        units = OrgUnit.objects.visible_to(user).filter(
            scope_for(user).units_where_q(EDIT_ST_REGISTRIES)
        )
        limit_choices(self, "owner_unit", units.order_by("path"))
        orgs = Organisation.objects.visible_to(user).order_by("name")
        limit_choices(self, "organiser", orgs)
        limit_choices(self, "participant_organisations", orgs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif not isinstance(widget, forms.HiddenInput):
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", css)

    def describe_duplicate(self, record: Any) -> str:
        start, end = (
            date_format(record.starts_on, "SHORT_DATE_FORMAT"),
            date_format(record.ends_on, "SHORT_DATE_FORMAT"),
        )
        return start if start == end else f"{start}–{end}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or cleaned(self)
        self.check_duplicates(data)
        return data
