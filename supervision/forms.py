"""Forms of supervision pages; choices are limited to what the user may pick."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User
from core.forms import VersionField, limit_choices
from core.permissions import SUPERVISE
from core.scoping import scope_for
from orgunits.models import OrgUnit
from plans.models import Task
from supervision.models import CritiqueComment, CritiquePoint, ResponseKind, Supervision

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class ProgrammeForm(forms.Form):
    organiser = forms.ModelChoiceField(label=_("Cơ quan chủ trì"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        limit_choices(
            self,
            "organiser",
            OrgUnit.objects.visible_to(user).filter(scope.units_where_q(SUPERVISE)),
        )


class SupervisionEditForm(forms.ModelForm):
    version = VersionField(required=False)
    supervised_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị chịu sự giám sát"), queryset=OrgUnit.objects.none()
    )
    team = forms.ModelMultipleChoiceField(
        label=_("Thành viên đoàn giám sát"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Supervision
        fields = [*Supervision.EDITABLE_FIELDS]
        widgets = {
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: User, organiser: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "supervised_units", OrgUnit.objects.visible_to(user).order_by("path"))
        # The team comes from the organiser's own people (the Front and its member bodies).
        members = Membership.objects.filter(is_active=True, unit__path__startswith=organiser.path)
        limit_choices(self, "team", User.objects.filter(pk__in=members.values("user_id")))
        self.fields["supervised_units"].widget.attrs["size"] = 8
        if not self.instance._state.adding:
            self.fields["version"].required = True
            self.initial.setdefault("supervised_units", list(self.instance.supervised_units.all()))
            self.initial.setdefault("team", list(self.instance.team.all()))


class RecommendationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị nhận kiến nghị"), queryset=OrgUnit.objects.none())
    finding = forms.CharField(
        label=_("Phát hiện qua giám sát"), widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = forms.DateField(label=_("Hạn trả lời"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, supervision: Supervision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "unit", supervision.supervised_units.all())


class AnswerForm(forms.Form):
    version = VersionField()
    kind = forms.ChoiceField(label=_("Hình thức trả lời"), choices=ResponseKind.choices)
    response = forms.CharField(
        label=_("Nội dung (kế hoạch thực hiện, giải trình hoặc lý do)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CloseForm(forms.Form):
    version = VersionField()
    note = forms.CharField(
        label=_("Ý kiến của Mặt trận"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReopenForm(forms.Form):
    version = VersionField()
    note = forms.CharField(label=_("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("Hạn trả lời mới"), widget=DATE_WIDGET)


class ConclusionForm(forms.Form):
    version = VersionField()
    conclusion = forms.CharField(
        label=_("Kết luận giám sát"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    publish = forms.BooleanField(label=_("Công khai kết luận trên cổng thông tin"), required=False)


class CritiqueSubmitForm(forms.Form):
    organiser = forms.ModelChoiceField(
        label=_("Gửi phản biện tới"), queryset=OrgUnit.objects.none()
    )
    deadline = forms.DateField(label=_("Hạn góp ý"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fronts = Membership.objects.filter(is_active=True, role__in=SUPERVISE.roles)
        limit_choices(
            self,
            "organiser",
            OrgUnit.objects.visible_to(user).filter(pk__in=fronts.values("unit_id")),
        )


class InviteForm(forms.Form):
    version = VersionField()
    experts = forms.ModelMultipleChoiceField(
        label=_("Chuyên gia, tổ chức được mời"), queryset=User.objects.filter(is_active=True)
    )


class CommentForm(forms.Form):
    task: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Đoạn (nhiệm vụ) được góp ý"), queryset=Task.objects.none(), required=False
    )
    text = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, critique: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "task", critique.plan.tasks.order_by("order", "code"))


class PointForm(CommentForm):
    sources: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Tổng hợp từ các ý kiến"), queryset=CritiqueComment.objects.none(), required=False
    )

    def __init__(self, *args: Any, critique: Any, **kwargs: Any) -> None:
        super().__init__(*args, critique=critique, **kwargs)
        self.fields["text"].label = _("Nội dung phản biện")
        limit_choices(self, "sources", critique.comments.all())


class PointAnswerForm(forms.Form):
    point: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Nội dung phản biện"), queryset=CritiquePoint.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Trả lời"),
        choices=[
            (ResponseKind.ACCEPTED.value, _("Tiếp thu")),
            (ResponseKind.EXPLAINED.value, _("Giải trình")),
        ],
    )
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, critique: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "point", critique.points.all())


class PublishForm(forms.Form):
    version = VersionField()
    publish = forms.BooleanField(label=_("Công khai"), required=False)
