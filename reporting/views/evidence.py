"""Evidence files (minh chứng) of a unit report: upload, scoped download, removal."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.files import serve_file
from core.forms_views import ScopedFormActionView
from core.views import ScopedActionView
from reporting.actions import evidence as evidence_actions
from reporting.forms import (
    EvidenceForm,
)
from reporting.models import (
    Evidence,
    UnitReport,
)
from reporting.views.reports import report_queryset


class EvidenceUploadView(ScopedFormActionView):
    """A button on the report page: attach an evidence file."""

    model = UnitReport
    form_class = EvidenceForm
    success_message = gettext_lazy("Đã đính kèm minh chứng.")
    invalid_message = gettext_lazy("Hãy chọn một tệp minh chứng.")

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return report_queryset(queryset)

    def allowed(self, obj: Any) -> bool:
        return obj.can_edit(self.request.user)

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> Any:
        return EvidenceForm(data, files, report=obj)

    def perform(self, form: Any, obj: Any) -> Any:
        return evidence_actions.add_evidence(
            cast(User, self.request.user),
            obj,
            form.cleaned_data["file"],
            task_report=form.cleaned_data["task_report"],
        )

    def return_url(self) -> str:
        return reverse("reporting:report_detail", kwargs={"pk": self.object.pk})


class EvidenceDownloadView(ScopedActionView):
    """Only people who can see the report get its files (missing and forbidden: 404)."""

    model = Evidence

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse | FileResponse:
        evidence = self.get_object()
        return serve_file(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )


class EvidenceDeleteView(ScopedFormActionView):
    """A button on the report page: remove an evidence file."""

    model = Evidence
    success_message = gettext_lazy("Đã gỡ minh chứng.")

    def allowed(self, obj: Any) -> bool:
        return obj.unit_report.can_edit(self.request.user)

    def perform(self, form: Any, obj: Any) -> Any:
        return evidence_actions.remove_evidence(cast(User, self.request.user), obj)

    def return_url(self) -> str:
        return reverse("reporting:report_detail", kwargs={"pk": self.object.unit_report_id})
