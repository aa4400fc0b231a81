"""Every main page fits a laptop (1366 px) and a phone (390 px), and passes axe-core.

A page fits when ``document.documentElement.scrollWidth`` does not exceed the viewport: wide
tables scroll inside their own ``.table-responsive`` box, the menu collapses behind a button on a
phone. axe-core (npm, copied to ``static/vendor`` by ``make assets``) must report no serious or
critical violation on any page for the monitoring officer and a reporter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.browser.pages import main_pages
from tests.browser.test_main_flow import login

pytestmark = pytest.mark.browser

WIDTHS = (1366, 390)
AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe.min.js"


def _settle(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    page.wait_for_load_state("networkidle")


def _culprits(page: Any, width: int) -> list[str]:
    """The outermost elements that stick out of the viewport (to say what to fix)."""
    return page.evaluate(
        """(width) => {
            const out = [];
            for (const el of document.body.querySelectorAll('*')) {
                const right = el.getBoundingClientRect().right;
                const parent = el.parentElement.getBoundingClientRect().right;
                if (right > width + 1 && parent <= width + 1) {
                    out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
                             + `#${el.id} ${Math.round(right)}`);
                }
            }
            return out.slice(0, 4);
        }""",
        width,
    )


@pytest.mark.parametrize("username", ["theodoi", "donvi"])
def test_every_main_page_fits_the_screen_and_passes_axe(page: Any, username: str) -> None:
    """One walk per width: the page must not scroll sideways, and axe-core must find no serious
    or critical violation at either width (the phone layout has its own collapsed menu, its
    own stacked tables and forms)."""
    assert AXE.exists(), "run `make assets` (axe-core from npm into static/vendor)"
    urls = main_pages(username)
    assert len(urls) >= 12, urls
    login(page, username)
    too_wide, violations = [], []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            _settle(page, url)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide.append(f"{url} @ {width}px: {scroll_width}px {_culprits(page, width)}")
            violations += [
                f"{url} @ {width}px: {v['id']} ({v['impact']}) {v['nodes']}" for v in _axe(page)
            ]
    assert not too_wide, "\n".join(too_wide)
    assert not violations, "\n".join(violations)


def test_menu_collapses_on_a_phone_and_opens_with_its_button(page: Any) -> None:
    login(page, "theodoi")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/")
    plans_link = page.get_by_role("link", name="Kế hoạch", exact=True).first
    assert not plans_link.is_visible()  # collapsed behind the button
    page.get_by_role("button", name="Mở menu").click()
    plans_link.wait_for(state="visible")
    plans_link.click()
    page.wait_for_url("**/plans/")
    # At 1366 px the whole menu and the language box are shown on one line, unclipped.
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto("/")
    assert page.get_by_role("link", name="Kế hoạch", exact=True).first.is_visible()
    language = page.get_by_label("Ngôn ngữ")
    fits = language.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert fits, "the language box clips its text"
    nav_height = page.locator("nav.navbar").evaluate("el => el.getBoundingClientRect().height")
    assert nav_height < 80, f"the menu wraps onto several lines ({nav_height}px)"
    # Switching the language (the box sends its form by itself) keeps the page within the width.
    language.select_option(value="en")
    page.get_by_role("link", name="Plan", exact=True).first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.locator("html").get_attribute("lang") == "en"


def _axe(page: Any) -> list[dict[str, Any]]:
    # From the app's own static files: the Content-Security-Policy refuses inline scripts.
    page.add_script_tag(url="/static/vendor/axe.min.js")
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => ({id: v.id, impact: v.impact,
                          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
