"""Imports point one way: an app imports only itself and apps of lower layers.

The layers are drawn in ``docs/architecture.md``; this test is their executable form. It reads
every Python file of every app (tests included, since a low app's tests importing a high app
is the same seam), with ``ast`` — so imports inside functions and under ``TYPE_CHECKING``
count too — and fails naming each import that points up or sideways. Strict layering also
rules out cycles between apps.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. Apps in one layer are independent of each other.
LAYERS: list[set[str]] = [
    {"docparse"},  # a plain Python library for Vietnamese administrative documents, no Django
    {"core"},  # base models, scoping path, base views, panels/menu hooks, errors, text
    {"audit"},  # the audit log every action writes
    {"orgunits"},  # the organisation tree
    {"accounts"},  # people, memberships, roles and capabilities (core.permissions)
    {"documents", "notifications", "organisations"},  # documents; inbox; organisations registry
    {"plans"},  # plans, sections, tasks, assignments
    {"reporting"},  # rounds, unit reports, evidence, issues
    {"indicators", "imports", "reminders"},  # apps that read plans and reports
    {"projects", "ip", "events", "experts", "cooperation"},  # S&T projects; counted registries
    {"market"},  # technology market: offers, needs, matching, brokered connections
    {"monitoring", "reviews"},  # dashboard; compiled review reports
    {"supervision"},  # supervision by the Fatherland Front: grants, recommendations, answers
    {"portal"},  # public portal: published material, citizens' feedback, open data
    {"home"},  # start page and demo dataset: reads every app
    {"khcn"},  # the project: settings, URL and API mounting, serving
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def _imported_apps(path: Path) -> set[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in LAYER_OF:
                found.add((top, getattr(node, "lineno", 0)))
    return found


def _app_files() -> list[tuple[str, Path]]:
    files = []
    for app in LAYER_OF:
        app_dir = ROOT / app
        if not app_dir.is_dir():
            continue
        for path in sorted(app_dir.rglob("*.py")):
            if "migrations" not in path.parts:
                files.append((app, path))
    return files


def wrong_way_imports() -> list[str]:
    offenders = []
    for app, path in _app_files():
        for target, line in sorted(_imported_apps(path)):
            if target != app and LAYER_OF[target] >= LAYER_OF[app]:
                where = path.relative_to(ROOT)
                offenders.append(
                    f"{where}:{line}: {app} (layer {LAYER_OF[app]}) imports "
                    f"{target} (layer {LAYER_OF[target]})"
                )
    return offenders


def test_every_app_is_placed_in_a_layer() -> None:
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps - set(LAYER_OF) == set(), "add new apps to LAYERS and docs/architecture.md"


def test_imports_point_down_only() -> None:
    assert len(_app_files()) > 100  # the walk found the code, so the check is not vacuous
    assert wrong_way_imports() == []


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from plans.models import Plan\n", encoding="utf-8")
    assert _imported_apps(module) == {("plans", 2)}
