"""Public pages (no login): published plans with aggregate progress, published registries,
supervision conclusions, citizens' feedback, open data and the sitemap.

Function views listed in ``tests/test_scoping.py``'s UNSCOPED_ALLOWED: each reads only
``portal.published``. Pages are cached for ``CACHE_SECONDS`` (they carry nothing per visitor:
the portal's base template shows no user, no messages, no token) with ``cached_page``: for
visitors without a session, in the shared cache and in the worker's memory
(portal/pagecache.py), so an unpublished object leaves them within 60 s; a signed-in user always
gets a fresh page. The feedback form and tracking pages, which carry a CSRF token or a sender's
answer, are not cached.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.errors import ActionError
from portal import actions, published
from portal.forms import FeedbackForm, TrackForm
from portal.models import Feedback
from portal.pagecache import cached_page

CACHE_SECONDS = 60


def _get_or_404(queryset: Any, pk: Any) -> Any:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@require_GET
@cached_page(CACHE_SECONDS)
def home(request: HttpRequest) -> HttpResponse:
    shown = list(published.plans()[:20])
    figures = published.task_progress_of(shown)
    plans = [{"plan": p, "figures": figures[p.pk]} for p in shown]
    context = {
        "plans": plans,
        "counts": {
            "projects": published.projects().count(),
            "offers": published.offers().count(),
            "needs": published.needs().count(),
            "feedback": published.feedback().count(),
        },
        "conclusions": published.supervisions().order_by("-published_at")[:5],
        "reviews": published.reviews()[:5],
        "critiques": published.critiques()[:5],
    }
    return render(request, "portal/home.html", context)


@require_GET
@cached_page(CACHE_SECONDS)
def plan_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    plan = _get_or_404(published.plans(), pk)
    context = {
        "plan": plan,
        "figures": published.task_progress(plan),
        "sections": published.section_progress(plan),
        "reviews": published.reviews().filter(plan=plan),
    }
    return render(request, "portal/plan.html", context)


@require_GET
@cached_page(CACHE_SECONDS)
def projects(request: HttpRequest) -> HttpResponse:
    rows = published.projects().order_by("-accepted_on", "title")[:200]
    return render(request, "portal/projects.html", {"projects": rows})


@require_GET
@cached_page(CACHE_SECONDS)
def project_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    project = _get_or_404(published.projects(), pk)
    return render(
        request,
        "portal/project.html",
        {"project": project, "applications": project.applications.all()},
    )


@require_GET
@cached_page(CACHE_SECONDS)
def market(request: HttpRequest) -> HttpResponse:
    context = {"offers": published.offers()[:100], "needs": published.needs()[:100]}
    return render(request, "portal/market.html", context)


@require_GET
@cached_page(CACHE_SECONDS)
def offer_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """One published offer, without its contacts: a connection goes through the broker."""
    offer = _get_or_404(published.offers(), pk)
    origin = published.projects().filter(pk=offer.origin_project_id).first()
    return render(request, "portal/offer.html", {"offer": offer, "origin": origin})


@require_GET
@cached_page(CACHE_SECONDS)
def conclusion(request: HttpRequest, pk: Any) -> HttpResponse:
    supervision = _get_or_404(published.supervisions(), pk)
    return render(request, "portal/conclusion.html", {"supervision": supervision})


@require_GET
@cached_page(CACHE_SECONDS)
def critique(request: HttpRequest, pk: Any) -> HttpResponse:
    """A published critique: its points, the paragraphs they concern and the answers (the
    experts' working comments stay inside)."""
    item = _get_or_404(published.critiques(), pk)
    points = item.points.select_related("task")
    return render(request, "portal/critique.html", {"critique": item, "points": points})


@require_GET
@cached_page(CACHE_SECONDS)
def feedback_list(request: HttpRequest) -> HttpResponse:
    rows = published.feedback()[:100]
    return render(request, "portal/feedback_list.html", {"rows": rows})


@never_cache
def feedback_form(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = actions.submit_feedback(
                address=request.META.get("REMOTE_ADDR", ""),
                subject=data["subject"],
                body=data["body"],
                sender_name=data["sender_name"],
                sender_contact=data["sender_contact"],
                honeypot=data["website"],
            )
        except ActionError as error:
            form.add_error(None, error.message)
            return render(request, "portal/feedback_form.html", {"form": form}, status=400)
        return redirect("portal:track_code", code=feedback.tracking_code)
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/feedback_form.html", {"form": form}, status=status)


@never_cache
@require_GET
def track(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """The sender follows their feedback by its code: status and answer, nothing else."""
    form = TrackForm(request.GET or None)
    if code is None and form.is_valid():
        return redirect("portal:track_code", code=form.cleaned_data["code"].strip().upper())
    feedback, not_found = None, ""
    if code is not None:
        feedback = Feedback.objects.filter(tracking_code=code.strip().upper()).first()
        if feedback is None:
            form = TrackForm(initial={"code": code})
            not_found = _("Không tìm thấy ý kiến có mã này.")
    context = {"form": form, "feedback": feedback, "code": code, "not_found": not_found}
    return render(
        request, "portal/track.html", context, status=404 if code and not feedback else 200
    )
