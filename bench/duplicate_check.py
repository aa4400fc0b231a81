"""Cost of the duplicate warning (cảnh báo trùng) of a registry form at scale.

Usage::

    .venv/bin/python bench/duplicate_check.py [--rows 100000] [--repeat 20]
    ./scripts/with_postgres.sh .venv/bin/python bench/duplicate_check.py

Seeds organisations, events and experts (``--rows`` each, the builders of
``bench/registry_search.py``), then times what a form's ``clean`` adds for the warning
(``DuplicateWarningMixin.check_duplicates``: the exact keys, the bounded SQL narrowing on the
folded ``search_text``, the name comparison in Python, the split by ``visible_to``) for names
that are re-typed from an existing row (a match found), new names of common words (the most
candidates read), and a name of no known word (nothing read), as the monitoring office and as a
district manager. Prints median and p95 per scenario; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# The apps first: bench/ holds scripts named like apps (monitoring.py).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))
_spec = importlib.util.spec_from_file_location("registry_search", REPO / "bench/registry_search.py")
assert _spec is not None and _spec.loader is not None
seed = importlib.util.module_from_spec(_spec)
sys.modules["registry_search"] = seed  # its dataclasses look their module up
_spec.loader.exec_module(seed)

TARGET_MS = 50


def check(form_class: Any, user: Any, data: dict[str, Any]) -> Callable[[], int]:
    """One duplicate check on a new record with ``data`` (as ``clean`` would run it)."""
    from django.forms.utils import ErrorDict

    def run() -> int:
        form = form_class(user=user)
        form.cleaned_data = dict(data)
        form._errors = ErrorDict()
        form.check_duplicates(data)
        return len(form.duplicate_matches) + int(form.duplicate_hidden)

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="khcn-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["TEST_SQLITE_PATH"] = f"{tmp}/bench-test.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    result: dict[str, Any] = {
        "engine": connection.vendor,
        "rows_per_registry": args.rows,
        "repeat": args.repeat,
        "target_p95_ms": TARGET_MS,
        "scenarios": {},
    }
    try:
        from events.forms import EventForm
        from events.models import Event
        from experts.forms import ExpertForm
        from experts.models import Expert
        from organisations.forms import OrganisationForm
        from organisations.models import Organisation

        world = seed.build_world()
        rng = random.Random(13)
        started = time.perf_counter()
        seed.build_organisations(args.rows, world, rng)
        seed.build_events(args.rows, world, rng)
        seed.build_experts(args.rows, world, rng)
        seed.analyze()
        result["seed_s"] = round(time.perf_counter() - started, 1)
        org = Organisation.objects.order_by("name")[args.rows // 2]
        event = Event.objects.order_by("title")[args.rows // 2]
        expert = Expert.objects.order_by("full_name")[args.rows // 2]
        day = datetime.date(2020, 6, 1)
        scenarios = {
            "organisation re-typed": (OrganisationForm, {"name": org.name.upper() + "."}),
            "organisation common words": (
                OrganisationForm,
                {"name": "Công ty TNHH cà phê Đà Lạt hữu cơ"},
            ),
            "organisation unknown words": (OrganisationForm, {"name": "Qwxz Vbnm"}),
            "event re-typed, same day": (
                EventForm,
                {
                    "title": event.title.lower(),
                    "starts_on": event.starts_on,
                    "ends_on": event.ends_on,
                },
            ),  # fmt: skip
            "event common words": (
                EventForm,
                {"title": "Hội thảo giống hoa cúc Đà Lạt", "starts_on": day, "ends_on": day},
            ),
            "expert re-typed, same year": (
                ExpertForm,
                {
                    "full_name": expert.full_name.lower(),
                    "birth_year": expert.birth_year,
                    "email": "someone@example.vn",
                    "phone": "0263 3822 123",
                },
            ),  # fmt: skip
            "expert common name": (
                ExpertForm,
                {"full_name": "Nguyễn Văn Đà Lạt", "birth_year": 1970, "email": "", "phone": ""},
            ),
        }
        worst = 0.0
        for persona in ("monitor", "manager"):
            user = world[persona]
            for label, (form_class, data) in scenarios.items():
                run = check(form_class, user, data)
                found = run()  # warm-up
                samples = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    run()
                    samples.append((time.perf_counter() - t0) * 1000)
                median, high = statistics.median(samples), seed.p95(samples)
                worst = max(worst, high)
                name = f"{label} ({persona})"
                result["scenarios"][name] = {
                    "median_ms": round(median, 2),
                    "p95_ms": round(high, 2),
                    "ratio": round(high / TARGET_MS, 3),
                    "matches": found,
                }
                print(f"  {name:45} median {median:7.2f} ms  p95 {high:7.2f} ms  found {found}")
        result["worst_p95_ms"] = round(worst, 2)
        result["meets_target"] = worst <= TARGET_MS
        result["load_average_1m"] = round(os.getloadavg()[0], 2)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
