"""Forms of the public portal and of its moderation queue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionField
from portal.models import FeedbackStatus


class FeedbackForm(forms.Form):
    sender_name = forms.CharField(
        label=_("Họ và tên (không bắt buộc)"), max_length=120, required=False
    )
    sender_contact = forms.CharField(
        label=_("Điện thoại hoặc thư điện tử (không bắt buộc, không công khai)"),
        max_length=120,
        required=False,
    )
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    body = forms.CharField(
        label=_("Nội dung ý kiến, kiến nghị"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # The honeypot: hidden from people (class d-none, out of the tab order), filled by bots.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=16)


class ModerateForm(forms.Form):
    version = VersionField()
    status = forms.ChoiceField(label=_("Kiểm duyệt"), choices=FeedbackStatus.choices)
    answer = forms.CharField(
        label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
