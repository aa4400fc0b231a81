"""Every public portal page, as the anonymous citizen sees it, passes axe-core (no serious or
critical violation) and fits a laptop (1366 px) and a phone (390 px) without horizontal
scrolling: home (the list of published plans), a plan, the published review reports and one of
them, the published registries (projects, one project, the market and one offer, organisations,
IP titles, events and agreements with one record each), supervision conclusions,
a critique, citizens' feedback, tracking and open data."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_layout import AXE, WIDTHS, _axe, _culprits, _settle

pytestmark = pytest.mark.browser


def _portal_pages() -> list[str]:
    from django.core.cache import cache
    from django.urls import reverse

    from plans.models import Plan
    from projects.models import Project, Status
    from reviews.models import Review
    from supervision.models import Critique, Supervision

    # Publish what the demo keeps inside, so every kind of page has something to show.
    Project.objects.filter(status=Status.ACCEPTED).update(is_published=True)
    Critique.objects.update(is_published=True)
    cache.clear()
    plan = Plan.objects.filter(is_published=True).order_by("start_year").first()
    review = Review.objects.published().first()
    project = Project.objects.filter(is_published=True, status=Status.ACCEPTED).first()
    conclusion = Supervision.objects.published().first()
    critique = Critique.objects.filter(is_published=True).first()
    assert plan and review and project and conclusion and critique
    from portal import published

    offer = published.offers().first()
    registries: list[tuple[str, Any]] = [
        (slug, query().first())
        for slug, query in (
            ("to-chuc", published.organisations),
            ("van-bang-shtt", published.ip_titles),
            ("su-kien", published.events),
            ("hop-tac", published.agreements),
        )
    ]
    assert offer and all(record for _slug, record in registries)
    registry_pages = [
        url
        for slug, record in registries
        for url in (
            reverse("portal:registry", args=[slug]),
            reverse("portal:registry_detail", args=[slug, record.pk]),
        )
    ]
    return [
        reverse("portal:home"),
        reverse("portal:plan", args=[plan.pk]),
        reverse("portal:reviews"),
        reverse("portal:review", args=[review.pk]),
        reverse("portal:projects"),
        reverse("portal:project", args=[project.pk]),
        reverse("portal:market"),
        reverse("portal:offer", args=[offer.pk]),
        *registry_pages,
        reverse("portal:conclusion", args=[conclusion.pk]),
        reverse("portal:critique", args=[critique.pk]),
        reverse("portal:feedback_list"),
        reverse("portal:feedback"),
        reverse("portal:track"),
        reverse("portal:open_data"),
    ]


def test_every_portal_page_passes_axe_and_fits_at_both_widths(page: Any) -> None:
    from django.urls import reverse

    from reviews.models import Review

    assert AXE.exists(), "run `make assets` (axe-core from npm into static/vendor)"
    urls = _portal_pages()
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            _settle(page, url)
            assert page.url.endswith(url), (url, page.url)  # public: no sign-in on the way
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                problems.append(f"{url} @ {width}px: {scroll_width}px {_culprits(page, width)}")
            problems += [
                f"{url} @ {width}px: {v['id']} ({v['impact']}) {v['nodes']}" for v in _axe(page)
            ]
    assert not problems, "\n".join(problems)
    # The published review's page offers its final documents.
    review = Review.objects.published().first()
    assert review is not None
    review_url = reverse("portal:review", args=[review.pk])
    _settle(page, review_url)
    assert page.get_by_test_id("review-files").get_by_role("link").count() == 2
