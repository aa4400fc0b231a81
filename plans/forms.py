from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionField, cleaned, limit_choices
from core.permissions import EDIT_PLAN
from orgunits.models import OrgUnit
from orgunits.pickers import UnitMultipleChoiceField, limit_units
from plans.models import Frequency, Plan, PlanStatus, Task, TaskStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


def parse_milestones(text: str) -> dict[int, str]:
    """Lines "2025: nội dung" → {2025: "nội dung"}; raises ValidationError naming the bad line."""
    result: dict[int, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        year, sep, target = line.partition(":")
        if not sep or not year.strip().isdigit() or not 2000 <= int(year) <= 2100:
            raise forms.ValidationError(
                _('Dòng %(n)s không đúng dạng "năm: mục tiêu" (ví dụ "2025: …").'),
                params={"n": number},
            )
        result[int(year)] = target.strip()
    return result


def milestones_text(task: Task) -> str:
    return "\n".join(f"{m.year}: {m.target}" for m in task.milestones.all())


class PlanForm(forms.ModelForm):
    version = VersionField()
    implements = forms.ModelMultipleChoiceField(
        label=_("Thực hiện các nhiệm vụ cấp trên"), queryset=Task.objects.none(), required=False
    )

    class Meta:
        model = Plan
        fields = Plan.EDITABLE_FIELDS
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only units the user may make plans for (the outsider: its own units, not every unit).
        limit_units(self, "owner", user, EDIT_PLAN)
        limit_choices(self, "parent", Plan.objects.visible_to(user))
        limit_choices(
            self,
            "implements",
            Task.objects.visible_to(user).select_related("plan").order_by("plan", "order"),
        )
        self.fields["status"].initial = PlanStatus.DRAFT
        if self.instance._state.adding:  # (the UUID pk is set before the first save)
            del self.fields["version"]  # a new plan has no version yet
        else:
            self.fields["implements"].initial = list(self.instance.implements.all())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = cleaned(self)
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Năm kết thúc phải sau năm bắt đầu."))
        return data

    def action_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class TaskForm(forms.ModelForm):
    version = VersionField()
    lead_units = UnitMultipleChoiceField(label=_("Đơn vị chủ trì"), queryset=OrgUnit.objects.none())
    cooperating_units = UnitMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=OrgUnit.objects.none(), required=False
    )
    milestones = forms.CharField(
        label=_('Mốc theo năm (mỗi dòng "năm: mục tiêu")'),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    class Meta:
        model = Task
        fields = Task.EDITABLE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "deadline": DATE_WIDGET}

    def __init__(self, *args: Any, user: User | AnonymousUser, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A plan may assign work to any unit of the registry (searchable, dissolved ones hidden).
        limit_units(self, "lead_units", user)
        limit_units(self, "cooperating_units", user)
        limit_choices(self, "section", plan.sections.all())
        limit_choices(
            self,
            "parent_task",
            Task.objects.visible_to(user).filter(plan_id=plan.parent_id)
            if plan.parent_id
            else Task.objects.none(),
        )
        self.fields["frequency"].initial = Frequency.YEARLY
        self.fields["status"].initial = TaskStatus.NOT_STARTED
        if self.instance._state.adding:  # (the UUID pk is set before the first save)
            del self.fields["version"]  # a new task has no version yet
        else:
            self.fields["lead_units"].initial = self.instance.lead_units()
            self.fields["cooperating_units"].initial = self.instance.cooperating_units()
            self.fields["milestones"].initial = milestones_text(self.instance)

    def clean_milestones(self) -> dict[int, str]:
        return parse_milestones(self.cleaned_data.get("milestones", ""))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = cleaned(self)
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Năm kết thúc phải sau năm bắt đầu."))
        leads = set(data.get("lead_units") or [])
        if leads & set(data.get("cooperating_units") or []):
            self.add_error(
                "cooperating_units",
                _("Một đơn vị không thể vừa chủ trì vừa phối hợp cùng nhiệm vụ."),
            )
        return data

    def action_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["lead_units"] = list(self.cleaned_data["lead_units"])
        fields["cooperating_units"] = list(self.cleaned_data["cooperating_units"])
        fields["milestones"] = self.cleaned_data["milestones"]
        return fields


class CloseTaskForm(forms.Form):
    version = VersionField()
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[
            (TaskStatus.COMPLETED, TaskStatus.COMPLETED.label),
            (TaskStatus.CLOSED, _("Đóng (không tiếp tục thực hiện)")),
        ],
    )
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}))


class ReassignForm(forms.Form):
    assignment = forms.UUIDField(widget=forms.HiddenInput)
    successor = forms.ModelChoiceField(label=_("Đơn vị kế thừa"), queryset=OrgUnit.objects.none())

    def __init__(self, *args: Any, successors: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "successor", OrgUnit.objects.filter(pk__in=[s.pk for s in successors]))
