"""Forms of the technology market: what people type, bounded and validated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import VersionField, limit_choices
from core.permissions import POST_LISTING
from core.scoping import scope_for
from market.models import MAX_VND, Need, Offer, TransferForm
from market.sessions import session_events
from organisations.models import Organisation
from orgunits.models import OrgUnit


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
        elif not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
            field.widget.attrs.setdefault("class", "form-control")


class ListingForm(forms.ModelForm):
    """Shared by offers and needs: the owner unit among the user's own, the organisation among
    those the user can see."""

    version = VersionField()
    owner_unit = forms.ModelChoiceField(label=_("Đơn vị đăng"), queryset=OrgUnit.objects.none())
    publish = forms.BooleanField(label=_("Đăng ngay lên chợ công nghệ"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            del self.fields["version"]
            units = OrgUnit.objects.visible_to(user).filter(
                scope_for(user).units_where_q(POST_LISTING)
            )
            limit_choices(self, "owner_unit", units.order_by("path"))
            if len(self.fields["owner_unit"].queryset) == 1:  # type: ignore[attr-defined]
                self.fields["owner_unit"].initial = self.fields["owner_unit"].queryset.first()  # type: ignore[attr-defined]
        else:
            del self.fields["owner_unit"]
            del self.fields["publish"]
        if "organisation" in self.fields:
            limit_choices(
                self, "organisation", Organisation.objects.visible_to(user).order_by("name")
            )
        _style(self)


class OfferForm(ListingForm):
    transfer_forms = forms.MultipleChoiceField(
        label=_("Hình thức chuyển giao"),
        choices=TransferForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Offer
        fields = list(Offer.EDITABLE_FIELDS)
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        if "origin_project" in self.fields:
            from projects.models import FINISHED, Project

            limit_choices(
                self,
                "origin_project",
                Project.objects.visible_to(user).filter(status__in=FINISHED).order_by("title"),
            )


class NeedForm(ListingForm):
    budget_min = forms.IntegerField(
        label=_("Kinh phí từ (đồng)"), required=False, min_value=0, max_value=MAX_VND
    )
    budget_max = forms.IntegerField(
        label=_("Kinh phí đến (đồng)"), required=False, min_value=0, max_value=MAX_VND
    )

    class Meta:
        model = Need
        fields = list(Need.EDITABLE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "description": _(
                "Viết như khi kể với cán bộ khuyến nông: cây gì, bị gì, muốn gì, có bao nhiêu tiền."
            )
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and high < low:
            self.add_error("budget_max", _("Kinh phí “đến” phải không nhỏ hơn kinh phí “từ”."))
        return data


class ConnectionRequestForm(forms.Form):
    offer = forms.UUIDField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Lời nhắn cho cán bộ môi giới"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    share_contact = forms.BooleanField(
        label=_("Đồng ý chia sẻ thông tin liên hệ của tôi với bên cung khi được giới thiệu"),
        required=False,
    )


class NoteForm(forms.Form):
    version = VersionField()
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _event_field(label: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=session_events(None),
        required=False,
        empty_label=_("— Không gắn với sự kiện —"),
    )


class SessionEventMixin:
    """Forms that may name an event of the events registry: only the session kinds the user
    can see are offered (and accepted)."""

    fields: dict[str, Any]

    def _limit_events(self, user: Any) -> None:
        self.fields["event"].queryset = session_events(user)


class IntroduceForm(SessionEventMixin, NoteForm):
    event = _event_field(_("Giới thiệu tại sự kiện"))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_events(user)


class EventLinkForm(SessionEventMixin, forms.Form):
    version = VersionField()
    event = _event_field(_("Sự kiện nơi hai bên được giới thiệu"))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_events(user)


class MeetingForm(SessionEventMixin, forms.Form):
    version = VersionField()
    held_on = forms.DateField(label=_("Ngày gặp"))
    starts_at = forms.TimeField(
        label=_("Giờ gặp"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    event = _event_field(_("Tại phiên kết nối, hội chợ…"))
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=200)
    notes = forms.CharField(
        label=_("Nội dung, kết quả"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_events(user)

    def clean_held_on(self) -> Any:
        value = self.cleaned_data["held_on"]
        today = timezone.localdate()
        if abs((value - today).days) > 3660:
            raise forms.ValidationError(_("Ngày gặp phải trong khoảng mười năm quanh hôm nay."))
        return value


class ContractForm(forms.Form):
    version = VersionField()
    number = forms.CharField(label=_("Số hợp đồng"), required=False, max_length=100)
    signed_on = forms.DateField(label=_("Ngày ký"))
    value = forms.IntegerField(label=_("Giá trị (đồng)"), min_value=0, max_value=MAX_VND)
    form = forms.ChoiceField(label=_("Hình thức chuyển giao"), choices=TransferForm.choices)

    def clean_signed_on(self) -> Any:
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Ngày ký không được sau hôm nay."))
        if value.year < 2000:
            raise forms.ValidationError(_("Ngày ký không hợp lệ."))
        return value


class FollowUpForm(forms.Form):
    noted_on = forms.DateField(label=_("Ngày"))
    notes = forms.CharField(
        label=_("Nội dung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Bạn cần giải quyết việc gì?"),
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "placeholder": _("Ví dụ: vườn rau bị ốc sên cắn lá non"),
            }
        ),
    )
