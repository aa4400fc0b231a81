"""Interchange with national technology exchanges: export, import, and an Atom feed.

The format (documented in ``docs/market-interchange.md``) is one JSON object per offer (JSON:
an array; JSON Lines: one per line; CSV: one row, keywords and transfer forms separated by
"; "). Its keys are what national exchanges publish for a technology: ``id``, ``title`` (tên
công nghệ), ``provider`` (chủ sở hữu / đơn vị chào bán), ``field`` (lĩnh vực), ``summary``
(mô tả), ``keywords``, ``readiness`` (mức độ sẵn sàng), ``transfer_forms`` (hình thức chuyển
giao), ``price`` (giá tham khảo), ``ip_status`` (tình trạng SHTT), ``origin`` (xuất xứ: the
S&T project), ``place``, ``source_url``, ``synthetic``. The shared catalogue
``offers.jsonl`` is a file of this format. Import is all-or-nothing: one bad line and nothing
is written, with a message per line ("Dòng 7, trường field: …").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib.syndication.views import Feed
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from accounts.models import User
from audit.log import record
from core.views import ScopedViewMixin
from market import actions
from market.models import Field, ListingStatus, Offer, Readiness, TransferForm
from orgunits.models import OrgUnit

COLUMNS = (
    "id",
    "title",
    "provider",
    "field",
    "summary",
    "keywords",
    "readiness",
    "transfer_forms",
    "price",
    "ip_status",
    "origin",
    "place",
    "source_url",
    "synthetic",
)
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
LIMITS = {
    "title": 300,
    "provider": 300,
    "summary": 6000,
    "price": 300,
    "ip_status": 300,
    "place": 200,
    "id": 64,
}


def offer_record(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.external_id or str(offer.pk),
        "title": offer.title,
        "provider": offer.provider_name,
        "field": offer.field,
        "summary": offer.summary,
        "keywords": offer.keyword_list,
        "readiness": offer.readiness,
        "transfer_forms": list(offer.transfer_forms),
        "price": offer.price_note,
        "ip_status": offer.ip_status,
        "origin": offer.origin_project.title
        if offer.origin_project_id and offer.origin_project
        else "",
        "place": offer.place,
        "source_url": offer.source_url,
        "synthetic": offer.is_example,
    }


def export(offers: Any, fmt: str) -> HttpResponse:
    rows = [offer_record(o) for o in offers.select_related("origin_project")]
    if fmt == "json":
        body = json.dumps(rows, ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "jsonl":
        body = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
        response = HttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for r in rows:
            flat = {k: "; ".join(v) if isinstance(v, list) else v for k, v in r.items()}
            # A cell starting with = + - @ would become a formula in a spreadsheet.
            writer.writerow(
                {
                    k: "'" + v if isinstance(v, str) and v[:1] in "=+-@" else v
                    for k, v in flat.items()
                }
            )
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="chao-ban-cong-nghe.{fmt}"'
    return response


class ImportError_(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def parse(data: bytes, filename: str) -> list[dict[str, Any]]:
    """Read a JSON, JSON Lines or CSV file into records; raise with every problem found."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportError_([_("Tệp quá lớn (tối đa 5 MB).")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_([_("Tệp không phải văn bản UTF-8.")]) from None
    name = filename.lower()
    try:
        if name.endswith(".csv"):
            rows: list[Any] = list(csv.DictReader(io.StringIO(text)))
        elif text.lstrip().startswith("["):
            rows = json.loads(text)
        else:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    except (json.JSONDecodeError, csv.Error) as error:
        raise ImportError_([_("Tệp không đọc được: %(e)s") % {"e": error}]) from None
    if len(rows) > MAX_IMPORT_ROWS:
        raise ImportError_([_("Quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_IMPORT_ROWS}])
    return rows


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in str(value or "").replace(",", ";").split(";") if p.strip()]


def clean(rows: list[Any]) -> list[dict[str, Any]]:
    """Validate every row; the fields an ``Offer`` takes, or every error with its line."""
    errors: list[str] = []
    out: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        where = _("Dòng %(n)s") % {"n": number}
        if not isinstance(row, dict):
            errors.append(_("%(w)s: không phải một đối tượng.") % {"w": where})
            continue
        problems = []
        for key, limit in LIMITS.items():
            if len(str(row.get(key) or "")) > limit:
                problems.append(_("trường %(k)s dài quá %(n)s ký tự") % {"k": key, "n": limit})
        title = str(row.get("title") or "").strip()
        provider = str(row.get("provider") or "").strip()
        if not title:
            problems.append(_("thiếu trường title (tên công nghệ)"))
        if not provider:
            problems.append(_("thiếu trường provider (đơn vị chào bán)"))
        field = str(row.get("field") or "other").strip()
        if field not in Field.values:
            problems.append(
                _("trường field: “%(v)s” không thuộc danh mục lĩnh vực") % {"v": field[:60]}
            )
        readiness = str(row.get("readiness") or "").strip()
        if readiness not in Readiness.values:
            problems.append(_("trường readiness: “%(v)s” không hợp lệ") % {"v": readiness[:30]})
        forms_ = _list(row.get("transfer_forms"))
        bad = [f for f in forms_ if f not in TransferForm.values]
        if bad:
            problems.append(
                _("trường transfer_forms: “%(v)s” không hợp lệ") % {"v": ", ".join(bad)[:60]}
            )
        url = str(row.get("source_url") or "").strip()
        if url and not url.startswith(("http://", "https://")):
            problems.append(_("trường source_url phải là địa chỉ http(s)"))
        keywords = ", ".join(_list(row.get("keywords")))[:600]
        if problems:
            errors.append(f"{where}: " + "; ".join(str(p) for p in problems))
            continue
        out.append(
            {
                "external_id": str(row.get("id") or "").strip(),
                "title": title,
                "provider_name": provider,
                "field": field,
                "summary": str(row.get("summary") or "").strip() or title,
                "keywords": keywords,
                "readiness": readiness,
                "transfer_forms": forms_,
                "price_note": str(row.get("price") or "").strip(),
                "ip_status": str(row.get("ip_status") or "").strip(),
                "place": str(row.get("place") or "").strip(),
                "source_url": url,
                "is_example": str(row.get("synthetic")).lower() in {"true", "1", "yes", "có"},
            }
        )
    if errors:
        raise ImportError_(errors[:50])
    seen: dict[str, int] = {}
    for number, item in enumerate(out, start=1):
        key = str(item["external_id"])
        if key and key in seen:
            raise ImportError_(
                [
                    _("Dòng %(n)s: mã %(id)s trùng với dòng %(m)s.")
                    % {"n": number, "id": key, "m": seen[key]}
                ]
            )
        if key:
            seen[key] = number
    return out


@transaction.atomic
def import_offers(
    actor: User | None, owner_unit: OrgUnit, rows: list[dict[str, Any]], publish: bool = True
) -> dict[str, int]:
    """Write validated offers (a row with a known ``id`` updates that offer): all or nothing."""
    if actor is not None and not actions.can_broker(actor):
        from core.errors import NotAllowed

        raise NotAllowed()
    created = updated = 0
    now = timezone.now()
    for item in rows:
        offer = (
            Offer.objects.filter(external_id=item["external_id"]).first()
            if item["external_id"]
            else None
        )
        if offer is None:
            offer = Offer(owner_unit=owner_unit, created_by=actor)
            created += 1
        else:
            updated += 1
        for key, value in item.items():
            setattr(offer, key, value)
        if publish and offer.status == ListingStatus.DRAFT:
            offer.status = ListingStatus.PUBLISHED
            offer.published_at = offer.published_at or now
        offer.save()
    record(
        actor,
        "market.offers.import",
        owner_unit,
        {"created": [None, created], "updated": [None, updated]},
    )
    return {"created": created, "updated": updated}


class ExportView(ScopedViewMixin, View):
    """Published offers the user can see, in the interchange format."""

    model = Offer

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        offers = Offer.objects.visible_to(request.user).published().order_by("title")
        return export(offers, fmt)


class ImportForm(forms.Form):
    file = forms.FileField(label=_lazy("Tệp JSON, JSON Lines hoặc CSV theo định dạng trao đổi"))
    owner_unit = forms.ModelChoiceField(
        label=_lazy("Đơn vị quản lý các tin"), queryset=OrgUnit.objects.none()
    )


class ImportView(ScopedViewMixin, View):
    """The broker imports offers cross-posted from another exchange."""

    model = Offer

    def _form(self, request: HttpRequest, data: Any = None, files: Any = None) -> ImportForm:
        form = ImportForm(data, files)
        units = OrgUnit.objects.visible_to(request.user).order_by("path")
        form.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]
        return form

    def get(self, request: HttpRequest) -> HttpResponse:
        if not actions.can_broker(request.user):
            raise Http404
        return render(request, "market/import.html", {"form": self._form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        if not actions.can_broker(request.user):
            raise Http404
        form = self._form(request, request.POST, request.FILES)
        errors: list[str] = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = clean(parse(upload.read(MAX_IMPORT_BYTES + 1), upload.name))
                result = import_offers(
                    cast(User, request.user), form.cleaned_data["owner_unit"], rows
                )
            except ImportError_ as error:
                errors = error.errors
            else:
                from django.contrib import messages

                messages.success(
                    request,
                    _("Đã nhập %(c)s tin mới, cập nhật %(u)s tin.")
                    % {"c": result["created"], "u": result["updated"]},
                )
                return redirect("market:offers")
        return render(request, "market/import.html", {"form": form, "errors": errors}, status=400)


#: How an offer is linked for readers who may not be signed in (the feed's entries). The public
#: portal, a higher layer, registers its page here (``PortalConfig.ready()``); without it the
#: entries fall back to the signed-in page.
_public_offer_link: Callable[[Offer], str] | None = None
_public_offers_link: Callable[[], str] | None = None


def register_public_offer_link(
    link: Callable[[Offer], str], listing: Callable[[], str] | None = None
) -> None:
    """``link(offer)``: the public page of one published offer; ``listing()``: the public list."""
    global _public_offer_link, _public_offers_link
    _public_offer_link, _public_offers_link = link, listing


def public_offer_link(offer: Offer) -> str | None:
    """The public page of a published offer, or None (not published, or no public page)."""
    if _public_offer_link is None or offer.status != ListingStatus.PUBLISHED:
        return None
    return _public_offer_link(offer)


class OfferFeed(Feed):
    """Atom feed of newly published offers (public: published offers only)."""

    feed_type = Atom1Feed
    title = _lazy("Chào bán công nghệ mới")
    subtitle = _lazy("Các công nghệ, thiết bị, giải pháp vừa đăng trên chợ công nghệ")

    def link(self) -> str:
        return _public_offers_link() if _public_offers_link else reverse("market:offers")

    def items(self) -> Any:
        return Offer.objects.published().order_by("-published_at")[:50]

    def item_title(self, item: Offer) -> str:
        return item.title

    def item_description(self, item: Offer) -> str:
        return f"{item.provider_name} — {item.summary[:500]}"

    def item_link(self, item: Offer) -> str:
        return public_offer_link(item) or reverse("market:offer", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Offer) -> Any:
        return item.published_at

    def item_updateddate(self, item: Offer) -> Any:
        return item.updated_at


def offer_feed(request: HttpRequest) -> HttpResponse:
    """The public Atom feed (a function, so the URL walk can name it)."""
    return OfferFeed()(request)
