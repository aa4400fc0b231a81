"""Hooks through which higher apps add to lower apps' pages, without the lower app naming them.

A page of a lower layer (a plan's detail page in ``plans``) offers named *slots*; a higher app
(``reporting``, ``reviews``) registers what it shows there in its ``AppConfig.ready()``. The
same goes for the main menu and for counts shown next to registry rows (a unit's open tasks,
contributed by ``plans`` to the unit list of ``orgunits``). Registration is explicit and
greppable: search for the slot name to find every contributor.

- ``register_panel(slot, template, order=, condition=, context=)`` — rendered by
  ``{% panels "slot" %}`` (``core_panels`` tag library) with the page's context, plus what
  ``context(page_context)`` returns; skipped when ``condition(page_context)`` is false.
- ``register_menu_item(label, url_name, order=, condition=)`` — the main menu, in ``order``.
- ``register_annotation(target, name, label, expression)`` — a per-row count or figure that
  another app computes for ``target``'s list (``annotate(queryset, target)``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

PageContext = Mapping[str, Any]


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    order: int = 100
    condition: Callable[[PageContext], bool] | None = None
    context: Callable[[PageContext], dict[str, Any]] | None = None


@dataclass(frozen=True)
class MenuItem:
    label: Any  # lazy translation
    url_name: str
    order: int = 100
    condition: Callable[[HttpRequest], bool] | None = None
    group: str = ""  # a key of MENU_GROUPS: shown inside that group's drop-down


#: Drop-down groups of the main menu. A laptop's line holds about ten entries; the registries
#: and the unit pages would push it past the screen, so they sit under one entry each.
MENU_GROUPS: dict[str, Any] = {
    "documents": _("Văn bản"),
    "reports": _("Báo cáo"),
    "registries": _("Sổ KH&CN"),
    "units": _("Đơn vị"),
    "supervision": _("Giám sát"),
}


@dataclass(frozen=True)
class Annotation:
    target: str
    name: str
    label: Any
    expression: Callable[[], Any]


_panels: dict[str, list[Panel]] = defaultdict(list)
_menu: list[MenuItem] = []
_annotations: dict[str, list[Annotation]] = defaultdict(list)


def _replace(items: list[Any], new: Any, same: Callable[[Any], bool]) -> None:
    # ready() may run twice (tests, autoreload): registering again replaces, never duplicates.
    items[:] = [item for item in items if not same(item)]
    items.append(new)


def register_panel(
    slot: str,
    template: str,
    *,
    order: int = 100,
    condition: Callable[[PageContext], bool] | None = None,
    context: Callable[[PageContext], dict[str, Any]] | None = None,
) -> None:
    panel = Panel(slot, template, order, condition, context)
    _replace(_panels[slot], panel, lambda p: p.template == template)


def panels_for(slot: str) -> list[Panel]:
    return sorted(_panels.get(slot, ()), key=lambda p: (p.order, p.template))


def register_menu_item(
    label: Any,
    url_name: str,
    *,
    order: int = 100,
    condition: Callable[[HttpRequest], bool] | None = None,
    group: str = "",
) -> None:
    if group and group not in MENU_GROUPS:
        raise ValueError(f"unknown menu group {group!r}")
    item = MenuItem(label, url_name, order, condition, group)
    _replace(_menu, item, lambda m: m.url_name == url_name)


_menu_urls: dict[tuple[str, str], str] = {}


def _menu_url(url_name: str) -> str:
    # Menu entries take no arguments, so their address depends only on the script prefix;
    # reversing twenty names on every page was a tenth of a simple page's time.
    key = (get_script_prefix(), url_name)
    url = _menu_urls.get(key)
    if url is None:
        url = _menu_urls[key] = reverse(url_name)
    return url


def menu_for(request: HttpRequest) -> list[dict[str, Any]]:
    """The main menu entries this request's user sees, with the current one marked. Grouped
    items become one entry with ``children``, placed where the group's first item would be; a
    group with a single visible item is shown as that item."""
    entries: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for item in sorted(_menu, key=lambda m: (m.order, m.url_name)):
        if item.condition is not None and not item.condition(request):
            continue
        url = _menu_url(item.url_name)
        entry = {
            "label": item.label,
            "url": url,
            "active": request.path.startswith(url) and url != "/",
        }
        if not item.group:
            entries.append(entry)
            continue
        group = groups.get(item.group)
        if group is None:
            group = groups[item.group] = {
                "label": MENU_GROUPS[item.group],
                "key": item.group,
                "children": [],
                "active": False,
            }
            entries.append(group)
        group["children"].append(entry)
        group["active"] = group["active"] or entry["active"]
    return [e["children"][0] if "children" in e and len(e["children"]) == 1 else e for e in entries]


def register_annotation(target: str, name: str, label: Any, expression: Callable[[], Any]) -> None:
    _replace(
        _annotations[target], Annotation(target, name, label, expression), lambda a: a.name == name
    )


def annotations_for(target: str) -> list[Annotation]:
    return list(_annotations.get(target, ()))


def annotate(queryset: QuerySet, target: str) -> QuerySet:
    """Add every registered figure for ``target`` to the queryset: one aggregate per figure."""
    extra = {a.name: a.expression() for a in annotations_for(target)}
    return queryset.annotate(**extra) if extra else queryset
