from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VersionField, cleaned, limit_choices
from orgunits.models import OrgUnit
from orgunits.pickers import limit_units
from plans.models import TaskStatus
from reporting.models import (
    REGULAR_KINDS,
    Issue,
    IssueSeverity,
    IssueStatus,
    PeriodKind,
    TaskReport,
    UnitReport,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kỳ báo cáo"), choices=[(k.value, k.label) for k in REGULAR_KINDS]
    )
    due_days_after_end = forms.IntegerField(
        label=_("Hạn nộp (số ngày sau khi kết thúc kỳ)"), min_value=0, max_value=120, initial=15
    )
    start_date = forms.DateField(label=_("Áp dụng từ ngày"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET, required=False)


class GenerateRoundsForm(forms.Form):
    until = forms.DateField(label=_("Tạo các kỳ đến ngày"), widget=DATE_WIDGET)


class RoundForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại kỳ"),
        choices=[
            (PeriodKind.INTERIM_REVIEW.value, PeriodKind.INTERIM_REVIEW.label),
            (PeriodKind.FINAL_REVIEW.value, PeriodKind.FINAL_REVIEW.label),
        ],
    )
    label = forms.CharField(label=_("Tên kỳ"), max_length=120)
    period_start = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    due_date = forms.DateField(label=_("Hạn nộp"), widget=DATE_WIDGET)
    template = forms.CharField(
        label=_("Đề cương, hướng dẫn báo cáo"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = cleaned(self)
        start, end, due = data.get("period_start"), data.get("period_end"), data.get("due_date")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc kỳ phải sau ngày bắt đầu."))
        if start and due and due < start:
            self.add_error("due_date", _("Hạn nộp không thể trước ngày bắt đầu kỳ."))
        return data


class SectionForm(forms.ModelForm):
    """One task's section of the report; prefixed by the section id."""

    class Meta:
        model = TaskReport
        fields = TaskReport.EDITABLE_FIELDS
        widgets = {
            "results": forms.Textarea(attrs={"rows": 3}),
            "difficulties": forms.Textarea(attrs={"rows": 2}),
            "proposals": forms.Textarea(attrs={"rows": 2}),
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "—"), *TaskStatus.choices]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


class ReportForm(forms.Form):
    """The whole report: summary + version; the sections come as SectionForms."""

    version = VersionField()
    summary = forms.CharField(
        label=_("Đánh giá chung"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        required=False,
    )


def section_forms(report: UnitReport, data: Any = None) -> list[tuple[TaskReport, SectionForm]]:
    sections = list(
        report.task_reports.select_related("task").order_by("task__order", "task__code")
    )
    return [(s, SectionForm(data, instance=s, prefix=f"s-{s.pk}")) for s in sections]


class CommentForm(forms.Form):
    version = VersionField()
    comment = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng (PDF, DOCX, XLSX, ảnh)"))
    task_report = forms.ModelChoiceField(
        label=_("Cho nhiệm vụ"), queryset=TaskReport.objects.none(), required=False
    )

    def __init__(self, *args: Any, report: UnitReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "task_report", report.task_reports.select_related("task"))


class EvidencePartForm(EvidenceForm):
    """The attachment inside the report's one form: optional, attached by its "Lưu nháp"."""

    def __init__(self, *args: Any, report: UnitReport, **kwargs: Any) -> None:
        super().__init__(*args, report=report, **kwargs)
        self.fields["file"].required = False
        self.fields["task_report"].widget.attrs["class"] = "form-select form-select-sm"


class PromoteIssueForm(forms.Form):
    title = forms.CharField(label=_("Vướng mắc"), max_length=300)
    description = forms.CharField(
        label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=OrgUnit.objects.none())
    severity = forms.ChoiceField(
        label=_("Mức độ"), choices=IssueSeverity.choices, initial=IssueSeverity.MEDIUM
    )
    due_date = forms.DateField(label=_("Hạn xử lý"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_units(self, "owner", user)  # searchable; any current unit may handle an issue


class IssueForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = Issue
        fields = Issue.EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "resolution": forms.Textarea(attrs={"rows": 3}),
            "due_date": DATE_WIDGET,
        }

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_units(self, "owner", user)  # searchable; any current unit may handle an issue

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = cleaned(self)
        if (
            data.get("status") in (IssueStatus.RESOLVED, IssueStatus.CLOSED)
            and not (data.get("resolution") or "").strip()
        ):
            self.add_error(
                "resolution", _("Hãy ghi kết quả xử lý trước khi chuyển sang đã giải quyết.")
            )
        return data

    def action_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
