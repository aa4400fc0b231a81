"""Open data (dữ liệu mở): CSV/JSON of the published aggregates with a licence note, and the
sitemap of the portal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal import published
from portal.pagecache import cached_page
from portal.registries import REGISTRIES, public_values

CACHE_SECONDS = 60
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/deed.vi)"
LICENCE_NOTE = (
    "Dữ liệu mở theo giấy phép Creative Commons Ghi công 4.0 (CC BY 4.0): được sao chép, "
    "phân phối, sử dụng lại kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn."
)


# One file holds at most this many records (ordered by key); the next ones are on
# ``?trang=2``, ``3``… (the JSON names the next file, the CSV's ``Link: rel="next"`` header
# too). So a download reads a bounded number of rows with a constant number of queries
# however large a registry grows.
FILE_ROWS = 5000


@dataclass(frozen=True)
class Dataset:
    records: Callable[[], QuerySet]  # ordered, with what ``rows`` reads fetched up front
    rows: Callable[[list[Any]], list[dict[str, Any]]]  # one file's records → plain rows


def plan_records() -> QuerySet:
    return published.plans().order_by("pk")


def plan_rows(plans: list[Any]) -> list[dict[str, Any]]:
    """Aggregates only (no task text), for every plan of the file in one grouped query."""
    figures = {row["plan"]: row for row in published.task_progress_by_plan(plans)}
    empty = dict.fromkeys(("total", "completed", "in_progress", "not_started", "suspended"), 0)
    rows = []
    for plan in plans:
        f = figures.get(plan.pk, empty)
        rows.append(
            {
                "id": str(plan.pk),
                "title": plan.title,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
                "tasks": f["total"],
                "completed": f["completed"],
                "in_progress": f["in_progress"],
                "not_started": f["not_started"],
                "suspended": f["suspended"],
                "mean_progress": round(f.get("progress") or 0, 1),
            }
        )
    return rows


def project_records() -> QuerySet:
    return published.projects().annotate(application_count=Count("applications")).order_by("pk")


def project_rows(projects: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": str(p.pk),
            "title": p.title,
            "unit": p.unit.name if p.unit_id else "",
            "status": p.status,
            "accepted_on": p.accepted_on.isoformat() if p.accepted_on else None,
            "applications": p.application_count,
        }
        for p in projects
    ]


def registry_records(slug: str) -> Callable[[], QuerySet]:
    def records() -> QuerySet:
        return REGISTRIES[slug].full_records().order_by("pk")

    return records


def registry_rows(objects: list[Any]) -> list[dict[str, Any]]:
    """A registry's published records, each with its published field groups only."""
    return [public_values(obj) for obj in objects]


DATASETS = {
    "ke-hoach": Dataset(plan_records, plan_rows),
    "nhiem-vu-khcn": Dataset(project_records, project_rows),
    **{slug: Dataset(registry_records(slug), registry_rows) for slug in REGISTRIES},
}


def _page(request: HttpRequest) -> int:
    """``?trang=`` (1 when absent); anything but a whole number from 1 is no such file."""
    raw = request.GET.get("trang", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise Http404
    return int(raw)


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined (related rows as JSON objects)."""
    if isinstance(value, list):
        return "; ".join(
            json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value
        )
    return value


@require_GET
@cached_page(CACHE_SECONDS)
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/open_data.html",
        {
            "datasets": list(DATASETS),
            "licence": LICENCE,
            "licence_note": LICENCE_NOTE,
            "file_rows": FILE_ROWS,
        },
    )


@require_GET
@cached_page(CACHE_SECONDS)
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in DATASETS or fmt not in ("csv", "json"):
        raise Http404
    page = _page(request)
    data = DATASETS[name]
    start = (page - 1) * FILE_ROWS
    # One row more than the file holds says whether a next file exists (no count query).
    objects = list(data.records()[start : start + FILE_ROWS + 1])
    has_next = len(objects) > FILE_ROWS
    if page > 1 and not objects:
        raise Http404
    rows = data.rows(objects[:FILE_ROWS])
    url = reverse("portal:dataset", kwargs={"name": name, "fmt": fmt})
    next_url = request.build_absolute_uri(f"{url}?trang={page + 1}") if has_next else None
    links = ['<https://creativecommons.org/licenses/by/4.0/>; rel="license"']
    if next_url:
        links.append(f'<{next_url}>; rel="next"')
    if fmt == "json":
        body = json.dumps(
            {
                "licence": LICENCE,
                "note": LICENCE_NOTE,
                "page": page,
                "page_size": FILE_ROWS,
                "next": next_url,
                "rows": rows,
            },
            ensure_ascii=False,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Link"] = ", ".join(links)
        return response
    buffer = io.StringIO()
    # Records publish different field groups: the columns are the union, in first-seen order.
    fields = list(dict.fromkeys(name for row in rows for name in row)) or ["id"]
    writer = csv.DictWriter(buffer, fieldnames=fields, restval="")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    suffix = f"-{page}" if page > 1 else ""
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.csv"'
    response["Link"] = ", ".join(links)
    return response


@require_GET
@cached_page(CACHE_SECONDS)
def sitemap(request: HttpRequest) -> HttpResponse:
    urls = [
        reverse("portal:home"),
        reverse("portal:projects"),
        reverse("portal:reviews"),
        reverse("portal:market"),
        reverse("portal:feedback_list"),
        reverse("portal:feedback"),
        reverse("portal:open_data"),
    ]
    urls += [reverse("portal:plan", kwargs={"pk": p.pk}) for p in published.plans()]
    urls += [reverse("portal:project", kwargs={"pk": p.pk}) for p in published.projects()]
    urls += [reverse("portal:offer", kwargs={"pk": pk}) for pk in published.offer_ids()]
    urls += [reverse("portal:review", kwargs={"pk": r.pk}) for r in published.reviews()]
    urls += [reverse("portal:conclusion", kwargs={"pk": s.pk}) for s in published.supervisions()]
    urls += [reverse("portal:critique", kwargs={"pk": c.pk}) for c in published.critiques()]
    # The registries' list pages (their records run to tens of thousands: linked from there).
    urls += [reverse("portal:registry", kwargs={"slug": slug}) for slug in REGISTRIES]
    locations = [request.build_absolute_uri(url) for url in urls]
    return render(
        request, "portal/sitemap.xml", {"locations": locations}, content_type="application/xml"
    )
