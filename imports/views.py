from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.errors import ActionError
from core.forms import MISSING_VERSION
from core.forms_views import ScopedFormActionView
from core.views import ScopedDetailView, ScopedListView
from documents.models import Document
from imports import actions
from imports.draft import Draft
from imports.forms import (
    ConfirmForm,
    ReviewForm,
    UploadForm,
    flatten_sections,
    to_display_date,
)
from imports.matching import find_documents, normalise_number, rematch_units, units_outside
from imports.models import ImportJob, ImportStatus
from orgunits.actions import can_manage_units
from orgunits.models import OrgUnit, UnitKind
from plans.models import Frequency

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

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


class ImportUploadView(ScopedFormActionView):
    """ "Nhập văn bản": upload a file or paste the text; parsing then runs in the background."""

    model = ImportJob
    form_class = UploadForm
    template_name = "imports/upload.html"
    optional_object = True
    invalid_status = 400
    errors_on_form = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not actions.can_import(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A body far over the limit is refused from its declared length, before Django reads
        # the upload at all; otherwise the file's size is checked before its bytes are read.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES + BODY_OVERHEAD:
            context = self.get_context_data(None, UploadForm())
            try:  # not an action: only the action's wording of "too large" is wanted here
                actions.check_upload_size(length)
            except ActionError as error:
                context["upload_error"] = error.message
            return render(request, self.template_name or "", context, status=413)
        return super().post(request, *args, **kwargs)

    def perform(self, form: Any, obj: Any) -> ImportJob:
        return actions.start_import(
            cast(User, self.request.user),
            upload=self.request.FILES.get("file"),
            text=form.cleaned_data.get("text") or "",
        )

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        max_mb = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        return super().get_context_data(obj, form, max_mb=max_mb, **extra)

    def success_url(self, result: Any) -> str:
        return reverse("imports:detail", kwargs={"pk": result.pk})


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


# Options are indented by depth with non-breaking spaces: dashes read as "no value" ("— —").
INDENT = "\u00a0\u00a0\u00a0"


def _unit_rows() -> list[tuple[str, str, int]]:
    return [
        (str(pk), name, depth)
        for pk, name, depth in OrgUnit.objects.order_by("path").values_list("pk", "name", "depth")
    ]


def _review_context(
    job: ImportJob,
    user: User | AnonymousUser,
    errors: list[str] | None = None,
    draft: Draft | None = None,
) -> dict[str, Any]:
    draft = draft if draft is not None else job.get_draft()
    rows = _unit_rows()
    options = [(pk, INDENT * depth + name) for pk, name, depth in rows]
    names = {pk: name for pk, name, _depth in rows}
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
        {
            "i": i,
            "m": m,
            "names": [names.get(u, "?") for u in m.unit_ids],
            "candidates": [(u, names.get(u, "?"), u in m.unit_ids) for u in m.candidates],
        }
        for i, m in enumerate(draft.mentions)
    ]
    owners = actions.owner_choices(user).values_list("pk", "name", "depth")
    return {
        "job": job,
        "draft": draft,
        "errors": errors or [],
        "date": to_display_date(draft.date),
        "unit_options": options,
        "owner_options": [(str(pk), INDENT * d + n) for pk, n, d in owners],
        "references": references,
        "sections": flatten_sections(draft),
        "tasks": tasks,
        "mentions": mentions,
        "unmatched": [row for row in mentions if not row["m"].unit_ids and not row["m"].external],
        "external": [row for row in mentions if row["m"].external],
        "frequencies": Frequency.choices,
        "unit_kinds": UnitKind.choices,
        "can_create_units": can_manage_units(user),
        "can_edit": job.can_edit(user) and job.status == ImportStatus.DONE,
        "recipients_text": "\n".join(draft.recipients),
        "issuer_name": names.get(draft.issuer_id or "", ""),
    }


class ImportReviewView(ScopedFormActionView):
    """Review: the original text beside the extracted structure, every field editable."""

    model = ImportJob
    form_class = ReviewForm
    template_name = "imports/review.html"
    invalid_status = 400
    success_message = gettext_lazy("Đã lưu bản rà soát.")

    def allowed(self, obj: Any) -> bool:
        # Everyone who sees the job may read the review; only its editors post it.
        return self.request.method != "POST" or bool(obj.can_edit(self.request.user))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        job = self.object = self.get_object()
        if job.status != ImportStatus.DONE:
            return redirect("imports:detail", pk=job.pk)
        return self.render_form(job, self.get_form(job))

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"draft": obj.get_draft()}
        if self.request.method == "POST":  # the whole registry's ids, only when checking
            kwargs["unit_ids"] = {str(pk) for pk in OrgUnit.objects.values_list("pk", flat=True)}
            kwargs["can_create_units"] = can_manage_units(self.request.user)
        return kwargs

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        errors, draft = (form.messages(), form.draft) if form.is_bound else ([], None)
        return {**_review_context(obj, self.request.user, errors=errors, draft=draft), **extra}

    def perform(self, form: Any, obj: Any) -> ImportJob:
        before = obj.get_draft()
        _rematch_references(self.request.user, before, form.draft)
        if (form.draft.owner_id, form.draft.issuer_id) != (before.owner_id, before.issuer_id):
            # A new owner (or issuer) changes the area groups expand in: match again.
            rematch_units(form.draft)
        return actions.save_draft(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            draft=form.draft,
        )

    def success_url(self, result: Any) -> str:
        step = "imports:confirm" if self.request.POST.get("next") == "confirm" else "imports:review"
        return reverse(step, kwargs={"pk": result.pk})


def _rematch_references(user: User | AnonymousUser, old: Draft, new: Draft) -> None:
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


class ImportConfirmView(ScopedFormActionView):
    """The last step: a summary of what will be created, then one transaction creates it."""

    model = ImportJob
    form_class = ConfirmForm
    template_name = "imports/confirm.html"
    invalid_message = MISSING_VERSION  # the version is the form's only required field
    invalid_status = 400
    success_message = gettext_lazy("Đã nhập văn bản và tạo kế hoạch.")

    def allowed(self, obj: Any) -> bool:
        return bool(obj.can_edit(self.request.user))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        job = self.object = self.get_object()
        if job.status != ImportStatus.DONE:
            return redirect("imports:detail", pk=job.pk)
        return self.render_form(job, self.get_form(job))

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return {**self._context(obj), "form": form, **extra}

    def perform(self, form: Any, obj: Any) -> ImportJob:
        return actions.confirm_import(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            allow_outside=bool(form.cleaned_data.get("allow_outside")),
        )

    def success_url(self, result: Any) -> str:
        return reverse("plans:detail", kwargs={"pk": result.plan_id})

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
            outside=units_outside(context["draft"]) if owner else [],
        )
        return context
