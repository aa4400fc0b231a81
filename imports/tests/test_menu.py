"""The import's place in the main menu (contributed through core.panels)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.django_db
def test_the_import_menu_entry_shows_only_to_those_who_may_import(as_persona: Any) -> None:
    entry = 'href="/imports/new/"'
    assert entry in as_persona("reporter").get("/plans/").content.decode()
    assert entry not in as_persona("supervisor").get("/plans/").content.decode()
