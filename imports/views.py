from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ActionError, NotAllowed
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from documents.models import Document
from imports import actions
from imports.draft import Draft
from imports.forms import UploadForm, draft_from_post, flatten_sections, to_display_date
from imports.matching import find_documents, normalise_number
from imports.models import ImportJob, ImportStatus
from orgunits.actions import can_manage_units
from orgunits.models import OrgUnit, UnitKind
from plans.models import Frequency

if TYPE_CHECKING:
    pass

# Room for the multipart envelope and the other form fields around the file itself.
BODY_OVERHEAD = 64 * 1024


class ImportJobListView(ScopedListView):
    """My import jobs (the monitoring officer sees everyone's)."""

    model = ImportJob
    template_name = "imports/job_list.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("created_by", "plan").order_by("-created_at")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_import"] = actions.can_import(self.request.user)
        return context


class ImportUploadView(ScopedActionView):
    """ "Nhập văn bản": upload a file or paste the text; parsing then runs in the background."""

    model = ImportJob
    template_name = "imports/upload.html"

    def check(self, request: HttpRequest) -> None:
        if not actions.can_import(request.user):
            raise Http404

    def get(self, request: HttpRequest) -> HttpResponse:
        self.check(request)
        return render(request, self.template_name, self._context(UploadForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        self.check(request)
        # A body far over the limit is refused from its declared length, before Django reads
        # the upload at all; otherwise the file's size is checked before its bytes are read.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES + BODY_OVERHEAD:
            context = self._context(UploadForm())
            try:
                actions.check_upload_size(length)
            except ActionError as error:
                context["upload_error"] = error.message
            return render(request, self.template_name, context, status=413)
        upload = request.FILES.get("file")
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = actions.start_import(
                    cast(User, request.user),
                    upload=upload,
                    text=form.cleaned_data.get("text") or "",
                )
                return redirect("imports:detail", pk=job.pk)
            except ActionError as error:
                if isinstance(error, NotAllowed):
                    raise Http404 from error
                form.add_error(None, error.message)
        return render(request, self.template_name, self._context(form), status=400)

    def _context(self, form: UploadForm) -> dict[str, Any]:
        return {"form": form, "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}


class ImportJobDetailView(ScopedDetailView):
    """The job's status page; htmx polls it every second until parsing has finished."""

    model = ImportJob
    template_name = "imports/job_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = job = self.get_object()
        if getattr(request, "htmx", False):
            response = render(request, "imports/_job_status.html", {"job": job})
            if job.status == ImportStatus.DONE:
                response["HX-Redirect"] = reverse("imports:review", kwargs={"pk": job.pk})
            return response
        if job.status == ImportStatus.DONE and job.can_edit(request.user):
            return redirect("imports:review", pk=job.pk)
        return self.render_to_response(self.get_context_data(object=job))


def _unit_options() -> list[tuple[str, str]]:
    return [
        (str(pk), ("— " * depth) + name)
        for pk, name, depth in OrgUnit.objects.order_by("path").values_list("pk", "name", "depth")
    ]


def _review_context(
    job: ImportJob, user: Any, errors: list[str] | None = None, draft: Draft | None = None
) -> dict[str, Any]:
    draft = draft if draft is not None else job.get_draft()
    options = _unit_options()
    names = dict(options)
    for index, spec in enumerate(draft.new_units):
        token = Draft.new_unit_token(index)
        names[token] = _("%(name)s (đơn vị mới)") % {"name": spec.name}
        options.append((token, names[token]))
    target_ids = [r.target_id for r in draft.references if r.target_id]
    targets = {str(d.pk): d for d in Document.objects.visible_to(user).filter(pk__in=target_ids)}
    references = [
        {
            "i": i,
            "ref": ref,
            "date": to_display_date(ref.date),
            "target": targets.get(ref.target_id or ""),
        }
        for i, ref in enumerate(draft.references)
    ]
    tasks = [
        {
            "i": i,
            "task": task,
            "lead": set(task.lead_ids),
            "coop": set(task.cooperating_ids),
            "lead_names": [names.get(u, "?") for u in task.lead_ids],
            "coop_names": [names.get(u, "?") for u in task.cooperating_ids],
        }
        for i, task in enumerate(draft.tasks)
    ]
    mentions: list[dict[str, Any]] = [
        {"i": i, "m": m, "names": [names.get(u, "?") for u in m.unit_ids]}
        for i, m in enumerate(draft.mentions)
    ]
    owners = actions.owner_choices(user).values_list("pk", "name", "depth")
    return {
        "job": job,
        "draft": draft,
        "errors": errors or [],
        "date": to_display_date(draft.date),
        "unit_options": options,
        "owner_options": [(str(pk), ("— " * d) + n) for pk, n, d in owners],
        "references": references,
        "sections": flatten_sections(draft),
        "tasks": tasks,
        "mentions": mentions,
        "unmatched": [row for row in mentions if not row["m"].unit_ids],
        "frequencies": Frequency.choices,
        "unit_kinds": UnitKind.choices,
        "can_create_units": can_manage_units(user),
        "can_edit": job.can_edit(user) and job.status == ImportStatus.DONE,
        "recipients_text": "\n".join(draft.recipients),
        "issuer_name": names.get(draft.issuer_id or "", ""),
    }


class ImportReviewView(ScopedActionView):
    """Review: the original text beside the extracted structure, every field editable."""

    model = ImportJob
    template_name = "imports/review.html"

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        job = self.get_object()
        if job.status != ImportStatus.DONE:
            return redirect("imports:detail", pk=job.pk)
        return render(request, self.template_name, _review_context(job, request.user))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        job = self.get_object()
        if not job.can_edit(request.user):
            raise Http404
        unit_ids = {str(pk) for pk in OrgUnit.objects.values_list("pk", flat=True)}
        old = job.get_draft()
        draft, errors = draft_from_post(
            request.POST,
            old,
            unit_ids=unit_ids,
            can_create_units=can_manage_units(request.user),
        )
        if not errors:
            _rematch_references(request.user, old, draft)
            try:
                version = request.POST.get("version")
                actions.save_draft(
                    cast(User, request.user),
                    job,
                    expected_version=int(version) if version and version.isdigit() else None,
                    draft=draft,
                )
                messages.success(request, _("Đã lưu bản rà soát."))
                if request.POST.get("next") == "confirm":
                    return redirect("imports:confirm", pk=job.pk)
                return redirect("imports:review", pk=job.pk)
            except ActionError as error:
                self.action_failed(request, error)
                job.refresh_from_db()
        return render(
            request,
            self.template_name,
            _review_context(job, request.user, errors=errors, draft=draft),
            status=400,
        )


def _rematch_references(user: Any, old: Draft, new: Draft) -> None:
    """A corrected number/symbol is looked up again in the registry."""
    before = old.references
    changed = [
        ref
        for i, ref in enumerate(new.references)
        if i < len(before)
        and normalise_number(ref.number_symbol) != normalise_number(before[i].number_symbol)
    ]
    if not changed:
        return
    found = find_documents(user, [r.number_symbol or "" for r in changed])
    for ref in changed:
        doc = found.get(normalise_number(ref.number_symbol))
        ref.target_id = str(doc.pk) if doc else None


class ImportConfirmView(ScopedActionView):
    """The last step: a summary of what will be created, then one transaction creates it."""

    model = ImportJob
    template_name = "imports/confirm.html"

    def allowed(self, obj: Any) -> bool:
        return bool(obj.can_edit(self.request.user))

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        job = self.get_object()
        if job.status != ImportStatus.DONE:
            return redirect("imports:detail", pk=job.pk)
        return render(request, self.template_name, self._context(job))

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        job = self.get_object()
        version = request.POST.get("version")
        try:
            job = actions.confirm_import(
                cast(User, request.user),
                job,
                expected_version=int(version) if version and version.isdigit() else None,
            )
        except ActionError as error:
            self.action_failed(request, error)
            job.refresh_from_db()
            return render(request, self.template_name, self._context(job), status=400)
        messages.success(request, _("Đã nhập văn bản và tạo kế hoạch."))
        return redirect("plans:detail", pk=job.plan_id)

    def _context(self, job: ImportJob) -> dict[str, Any]:
        context = _review_context(job, self.request.user)
        tasks = [t for t in context["tasks"] if t["task"].include]
        refs = [r for r in context["references"] if r["ref"].include]
        owner_id = context["draft"].owner_id
        owner = OrgUnit.objects.filter(pk=owner_id).first() if owner_id else None
        context.update(
            included_tasks=tasks,
            included_refs=refs,
            owner=owner,
            no_lead=[t for t in tasks if not t["task"].lead_ids],
            section_count=len(context["sections"]),
        )
        return context
