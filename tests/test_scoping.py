"""Scoping is the default path: every view is scoped, and the outsider sees nothing private.

These tests walk the URL configuration itself, so a view added later without the scoped base
classes, or an object page that leaks, fails here without anyone writing a new test.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver

from core.api import ScopedViewSetMixin
from core.views import ScopedViewMixin

if TYPE_CHECKING:
    from accounts.models import User


def our_apps() -> set[str]:
    """Every app that lives in this repository: a new app joins the walk by being installed."""
    from django.apps import apps
    from django.conf import settings

    root = Path(settings.BASE_DIR).resolve()
    return {c.name for c in apps.get_app_configs() if Path(c.path).resolve().parent == root}


# Views that show no user data of their own, with the reason they need no scoped queryset.
UNSCOPED_ALLOWED = {
    "home.views.home": "composes scoped querysets (visible_to) of other models",
    "django.contrib.auth.views.LoginView": "sign-in form",
    "django.contrib.auth.views.LogoutView": "sign-out",
    "accounts.views.profile": "shows only request.user's own memberships and token",
    "accounts.views.rotate_token": "acts only on request.user's own token",
    "market.interchange.offer_feed": "public Atom feed of published offers only",
    "accounts.views_otp.KhcnLoginView": "sign-in form (then the second step)",
    "accounts.views_otp.login_verify": "second sign-in step for the user who passed the first",
    "accounts.views_otp.otp_setup": "acts only on request.user's own authenticator device",
    "accounts.member_views.InviteAcceptView": "one-time invitation link: sets the password of "
    "the person its signed token names, nothing else",
    "events.ical.event_feed": "public iCalendar feed of published events only",
    # The public portal (no login): every page reads portal.published (published rows only);
    # portal/tests walks each of these URLs with unpublished objects and expects 404.
    "portal.views.public.home": "public portal: published plans (aggregates) and counts",
    "portal.views.public.plan_detail": "public portal: a published plan's aggregate progress",
    "portal.views.public.projects": "public portal: published accepted projects",
    "portal.views.public.project_detail": "public portal: a published project and its use",
    "portal.views.public.market": "public portal: published offers and needs (no contacts)",
    "portal.views.public.offer_detail": "public portal: one published offer (no contacts)",
    "portal.views.public.conclusion": "public portal: a published supervision conclusion",
    "portal.views.public.critique": "public portal: a published critique and its answers",
    "portal.views.public.feedback_list": "public portal: moderated, published feedback",
    "portal.views.public.feedback_form": "public portal: the citizens' feedback form",
    "portal.views.public.track": "public portal: a sender's own feedback by tracking code",
    "portal.views.reviews.review_list": "public portal: approved and published review reports",
    "portal.views.reviews.review_detail": "public portal: one published review report's text",
    "portal.views.reviews.review_file": "public portal: a published review's final DOCX/PDF "
    "(the flag re-read on every download)",
    "portal.views.data.open_data": "public portal: open data page and licence",
    "portal.views.registries.registry_list": "public portal: published registry records",
    "portal.views.registries.registry_detail": "public portal: one published registry record, "
    "its published field groups only",
    "portal.views.data.dataset": "public portal: CSV/JSON of published aggregates",
    "portal.views.data.sitemap": "public portal: sitemap of published pages",
}


def _walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append((prefix + str(entry.pattern), entry))
    return found


def _view_class(pattern: URLPattern) -> Any:
    callback = pattern.callback
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def _dotted(obj: Any) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def our_patterns() -> list[tuple[str, URLPattern, Any]]:
    result = []
    ours = our_apps()
    for route, pattern in _walk(get_resolver().url_patterns):
        cls = _view_class(pattern)
        target = cls or pattern.callback
        if target.__module__.split(".")[0] in ours:
            result.append((route, pattern, cls))
    return result


def test_every_view_of_ours_uses_the_scoped_base_classes() -> None:
    patterns = our_patterns()
    assert len(patterns) > 15  # the walk found the app's URLs, so the check is not vacuous
    offenders = []
    for route, pattern, cls in patterns:
        if cls is None:
            if _dotted(pattern.callback) not in UNSCOPED_ALLOWED:
                offenders.append(f"{route}: function view {_dotted(pattern.callback)}")
            continue
        if _dotted(cls) in UNSCOPED_ALLOWED:
            continue
        if not issubclass(cls, ScopedViewMixin | ScopedViewSetMixin):
            offenders.append(f"{route}: {_dotted(cls)} is not a scoped view")
        elif getattr(cls, "queryset", None) is not None:
            offenders.append(f"{route}: {_dotted(cls)} sets an unscoped `queryset`")
    assert offenders == []


def _model_of(cls: Any) -> type[Model] | None:
    return getattr(cls, "model", None)


def _hidden_objects(model: type[Model], user: User) -> list[Model]:
    visible = model.objects.visible_to(user).values("pk")  # type: ignore[attr-defined]
    return list(model.objects.exclude(pk__in=visible)[:3])  # type: ignore[attr-defined]


def _url_for(route: str, pk: Any) -> str:
    path = route.replace("<uuid:pk>", str(pk))
    path = path.replace("^", "").replace("$", "").replace("\\.(?P<format>[a-z0-9]+)/?", "")
    path = path.replace("(?P<pk>[0-9a-f-]{36})", str(pk))
    return "/" + path.lstrip("/")


@pytest.mark.django_db
def test_the_outsider_gets_404_for_every_object_url_it_may_not_see(demo: Any) -> None:
    from tests.test_scoping import our_patterns as patterns  # same module, explicit

    outsider = demo.user("outsider")
    client = _client("outsider")
    checked = 0
    for route, _pattern, cls in patterns():
        if "pk" not in route or cls is None or "format" in route:
            continue
        model = _model_of(cls)
        assert model is not None, f"{route} has no model to scope by"
        for obj in _hidden_objects(model, outsider):
            url = _url_for(route, obj.pk)
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                assert response.status_code in (404, 405), f"{method.upper()} {url} leaked"
                checked += 1
        missing = _url_for(route, uuid.uuid4())
        assert client.get(missing).status_code in (404, 405)
    # The demo has private drafts (a ward programme, UBND's internal plan): the walk must have
    # exercised them, otherwise this test would pass over nothing.
    assert checked >= 10


def _client(persona: str) -> Any:
    from conftest import client_for

    return client_for(persona)


@pytest.mark.django_db
def test_list_pages_and_api_do_not_show_other_units_drafts(demo: Any) -> None:
    client = _client("outsider")
    ward_plan, city_plan = demo.ward_plan, demo.city_plan
    for url in ("/plans/", "/plans/tasks/", "/", "/plans/?q=phuong"):
        body = client.get(url).content.decode()
        assert "Chương trình hành động của Đảng bộ Phường 1" not in body, url
        assert "Xây dựng và nhân rộng 10 mô hình" not in body, url
    api = client.get("/api/plans/").json()
    ids = {row["id"] for row in api["results"]}
    assert str(ward_plan.pk) not in ids and str(city_plan.pk) not in ids
    assert str(demo.seed_plan.pk) in ids  # published: visible to every signed-in user
    tasks = client.get("/api/tasks/?page_size=1000").json()
    assert all(row["plan"] == str(demo.seed_plan.pk) for row in tasks["results"])


@pytest.mark.django_db
def test_missing_and_forbidden_answer_the_same(demo: Any) -> None:
    client = _client("outsider")
    forbidden = client.get(f"/plans/{demo.ward_plan.pk}/")
    missing = client.get(f"/plans/{uuid.uuid4()}/")
    assert forbidden.status_code == missing.status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(anonymous: Any, demo: Any) -> None:
    for url in ("/", "/plans/", f"/plans/{demo.seed_plan.pk}/", "/units/", "/documents/"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert anonymous.get("/api/plans/").status_code in (401, 403)
