"""Open data (dữ liệu mở): CSV/JSON of the published aggregates with a licence note, and the
sitemap of the portal."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

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


def plan_rows() -> list[dict[str, Any]]:
    rows = []
    for plan in published.plans():
        figures = published.task_progress(plan)
        rows.append(
            {
                "id": str(plan.pk),
                "title": plan.title,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
                "tasks": figures["total"],
                "completed": figures["completed"],
                "in_progress": figures["in_progress"],
                "not_started": figures["not_started"],
                "suspended": figures["suspended"],
                "mean_progress": figures["progress"],
            }
        )
    return rows


def project_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": str(p.pk),
            "title": p.title,
            "unit": p.unit.name if p.unit_id else "",
            "status": p.status,
            "accepted_on": p.accepted_on.isoformat() if p.accepted_on else None,
            "applications": p.applications.count(),
        }
        for p in published.projects().prefetch_related("applications")
    ]


def registry_rows(slug: str) -> Any:
    """A registry's published records, each with its published field groups only."""

    def rows() -> list[dict[str, Any]]:
        return [public_values(obj) for obj in REGISTRIES[slug].records().order_by("pk")]

    return rows


DATASETS = {
    "ke-hoach": plan_rows,
    "nhiem-vu-khcn": project_rows,
    **{slug: registry_rows(slug) for slug in REGISTRIES},
}


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
        {"datasets": list(DATASETS), "licence": LICENCE, "licence_note": LICENCE_NOTE},
    )


@require_GET
@cached_page(CACHE_SECONDS)
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in DATASETS or fmt not in ("csv", "json"):
        raise Http404
    rows = DATASETS[name]()
    if fmt == "json":
        body = json.dumps(
            {"licence": LICENCE, "note": LICENCE_NOTE, "rows": rows}, ensure_ascii=False
        )
        return HttpResponse(body, content_type="application/json; charset=utf-8")
    buffer = io.StringIO()
    # Records publish different field groups: the columns are the union, in first-seen order.
    fields = list(dict.fromkeys(name for row in rows for name in row)) or ["id"]
    writer = csv.DictWriter(buffer, fieldnames=fields, restval="")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Link"] = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
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
