"""Pages of programmes and supervisions: list, plan, edit, the supervised material, the
conclusion and its DOCX export."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.log import history_for
from core.errors import ActionError
from core.forms_views import ScopedFormActionView
from core.views import ScopedActionView, ScopedDetailView, ScopedListView
from indicators.models import IndicatorValue
from reporting.models import ReportStatus, UnitReport
from reviews.rendering import pdf_response
from supervision import actions
from supervision.export import export_docx, filename
from supervision.forms import ConclusionForm, ProgrammeForm, RecommendationForm, SupervisionEditForm
from supervision.models import Critique, GrantRead, Programme, Recommendation, Supervision

#: The latest reads shown on the supervision's page (the count says how many in all).
READS_SHOWN = 100

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def is_team_member(user: Any, supervision: Supervision) -> bool:
    return bool(user.is_authenticated and supervision.team.filter(pk=user.pk).exists())


class HomeView(ScopedListView):
    """Programmes by year with their supervisions; what is addressed to the user's units."""

    model = Programme
    template_name = "supervision/home.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        visible = Supervision.objects.visible_to(self.request.user)
        return queryset.select_related("organiser").prefetch_related(
            Prefetch("supervisions", queryset=visible.prefetch_related("supervised_units"))
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_supervise"] = actions.can_supervise(user)
        context["critiques"] = Critique.objects.visible_to(user).select_related("plan")[:20]
        context["addressed"] = (
            Recommendation.objects.visible_to(user)
            .filter(unit__in=_own_units(user))
            .select_related("unit", "supervision")[:50]
        )
        return context


def _own_units(user: Any) -> QuerySet:
    from core.scoping import scope_for
    from orgunits.models import OrgUnit

    return OrgUnit.objects.filter(pk__in=scope_for(user).units_subquery(own=True))


class ProgrammeCreateView(ScopedFormActionView):
    model = Programme
    optional_object = True
    form_class = ProgrammeForm
    template_name = "supervision/form.html"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lập chương trình giám sát.")

    def get_object(self) -> Any:
        if not actions.can_supervise(self.request.user):
            raise Http404
        return None

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(obj, form, **extra),
            "heading": _("Lập chương trình giám sát năm"),
        }

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.create_programme(cast(User, self.request.user), **form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return reverse("supervision:home")


class SupervisionCreateView(ScopedFormActionView):
    """Plan a supervision inside a programme (pk: the programme)."""

    model = Programme
    form_class = SupervisionEditForm
    template_name = "supervision/form.html"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lập cuộc giám sát.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_supervise(self.request.user, obj.organiser)

    def get_initial(self, obj: Any) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user, "organiser": obj.organiser}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return {**super().get_context_data(obj, form, **extra), "heading": _("Lập cuộc giám sát")}

    def perform(self, form: Any, obj: Any) -> Any:
        data = dict(form.cleaned_data)
        data.pop("version", None)
        return actions.create_supervision(cast(User, self.request.user), obj, **data)

    def success_url(self, result: Any) -> str:
        return reverse("supervision:detail", kwargs={"pk": result.pk})


class SupervisionEditView(ScopedFormActionView):
    model = Supervision
    form_class = SupervisionEditForm
    template_name = "supervision/form.html"
    errors_on_form = True
    invalid_status = 400
    success_message = _("Đã lưu cuộc giám sát.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage(self.request.user, obj)

    def get_form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"user": self.request.user, "organiser": obj.programme.organiser, "instance": obj}

    def get_context_data(self, obj: Any, form: Any, **extra: Any) -> dict[str, Any]:
        return {**super().get_context_data(obj, form, **extra), "heading": _("Sửa cuộc giám sát")}

    def perform(self, form: Any, obj: Any) -> Any:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return actions.update_supervision(
            cast(User, self.request.user), obj, expected_version=version, **data
        )

    def success_url(self, result: Any) -> str:
        return reverse("supervision:detail", kwargs={"pk": result.pk})


def supervised_q(supervision: Supervision, prefix: str = "unit__") -> Q:
    paths = [u.path for u in supervision.supervised_units.all()]
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


class SupervisionDetailView(ScopedDetailView):
    model = Supervision
    template_name = "supervision/detail.html"

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("programme__organiser").prefetch_related(
            "supervised_units", "team"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        supervision = self.object
        manage = actions.can_manage(user, supervision)
        member = is_team_member(user, supervision)
        context["can_manage"] = manage
        context["is_member"] = member
        context["grant_active"] = supervision.grant_active()
        context["recommendations"] = (
            Recommendation.objects.visible_to(user)
            .filter(supervision=supervision)
            .select_related("unit")
        )
        if manage or member:
            # Whatever the user reads here comes through the one scoping path: during the
            # period the team's grant opens the accepted reports, afterwards it closes.
            context["reports"] = (
                UnitReport.objects.visible_to(user)
                .filter(supervised_q(supervision), status=ReportStatus.ACCEPTED)
                .select_related("unit", "round")
                .order_by("-round__period_end", "unit__name")[:100]
            )
            context["value_count"] = (
                IndicatorValue.objects.visible_to(user).filter(supervised_q(supervision)).count()
            )
        if manage:
            # Every read of the supervised units' records through the team's grant.
            reads = GrantRead.objects.visible_to(user).filter(supervision=supervision)
            context["read_count"] = reads.count()
            context["reads"] = reads.select_related("user", "unit")[:READS_SHOWN]
            context["recommend_form"] = RecommendationForm(supervision=supervision)
            context["conclusion_form"] = ConclusionForm(
                initial={
                    "version": supervision.version,
                    "conclusion": supervision.conclusion,
                    "publish": supervision.conclusion_published,
                }
            )
        context["history"] = history_for(supervision)[:30]
        return context


class ConclusionView(ScopedFormActionView):
    """Write the conclusion and publish it (or take it back) — a form on the detail page."""

    model = Supervision
    form_class = ConclusionForm
    success_message = _("Đã lưu kết luận giám sát.")

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage(self.request.user, obj)

    def perform(self, form: Any, obj: Any) -> Any:
        return actions.publish_conclusion(
            cast(User, self.request.user),
            obj,
            expected_version=form.cleaned_data["version"],
            conclusion=form.cleaned_data["conclusion"],
            publish=form.cleaned_data["publish"],
        )

    def return_url(self) -> str:
        return reverse("supervision:detail", kwargs={"pk": self.object.pk})


class ExportView(ScopedActionView):
    """The supervision report (báo cáo kết quả giám sát) as DOCX, in the State layout."""

    model = Supervision

    def allowed(self, obj: Any) -> bool:
        return actions.can_manage(self.request.user, obj) or is_team_member(self.request.user, obj)

    def get(self, request: HttpRequest, pk: Any, fmt: str = "docx") -> HttpResponse:
        supervision = self.get_object()
        body, content_type = export_docx(supervision), DOCX
        name = filename(supervision).removesuffix(".docx") + f".{fmt}"
        if fmt == "pdf":
            try:  # the review exports' background conversion (reviews.rendering)
                return pdf_response(
                    request,
                    body,
                    filename=name,
                    back_url=reverse("supervision:detail", kwargs={"pk": supervision.pk}),
                )
            except ActionError as error:
                self.action_failed(request, error)
                return redirect("supervision:detail", pk=supervision.pk)
        if fmt != "docx":
            raise Http404
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
