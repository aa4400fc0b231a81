"""Parts of the unit report page that higher apps own (a hook, like core.panels): the page
has one form and one "Lưu nháp", so what a unit types anywhere on it is saved in one go.

A higher app (``indicators``: the period's figures) registers a part in its
``AppConfig.ready()`` with ``register_report_part``: how to build its form for a report and
a user (``None`` when it does not apply, e.g. the user may not enter figures), the template
rendered inside the report's ``<form>`` (given ``part_form``), and how to save a valid form —
by calling the owning app's action. ``reporting.actions.save_report`` runs every part's save
in the transaction that saves the report's text: if any part is refused, nothing is saved.
Grep ``register_report_part`` to find every contributor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django import forms

    from accounts.models import User
    from reporting.models import UnitReport


@dataclass(frozen=True)
class ReportPart:
    name: str
    template: str
    # (report, user, POST data, uploaded files) → the part's form, or None when it does not apply
    build: Callable[[UnitReport, Any, Any, Any], forms.Form | None]
    save: Callable[[User, UnitReport, Any], Any]  # (actor, report, the part's valid form)
    order: int = 100


@dataclass
class BoundPart:
    """A part's form for one request (bound to the POST data, or unbound to show)."""

    part: ReportPart
    form: forms.Form

    @property
    def name(self) -> str:
        return self.part.name

    @property
    def template(self) -> str:
        return self.part.template


_parts: dict[str, ReportPart] = {}


def register_report_part(
    name: str,
    *,
    template: str,
    build: Callable[[UnitReport, Any, Any, Any], forms.Form | None],
    save: Callable[[User, UnitReport, Any], Any],
    order: int = 100,
) -> None:
    # ready() may run twice (tests, autoreload): registering again replaces.
    _parts[name] = ReportPart(name, template, build, save, order)


def report_parts() -> list[ReportPart]:
    return sorted(_parts.values(), key=lambda p: (p.order, p.name))


def bind_parts(
    report: UnitReport, user: Any, data: Any = None, files: Any = None
) -> list[BoundPart]:
    """The parts that apply to ``report`` for ``user``, each with its form."""
    bound = []
    for part in report_parts():
        form = part.build(report, user, data, files)
        if form is not None:
            bound.append(BoundPart(part, form))
    return bound
