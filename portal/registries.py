"""The registries on the public portal: organisations, IP titles, events, cooperation
agreements — each published record with only its published field groups.

Which fields show is decided by the model (``public_fields()``, ``core.field_groups``); this
module only turns those fields into values (pages and open data share it), so a field of an
unpublished group is never read, let alone rendered. Related lists are narrowed to what is
itself published (an organisation named by a published event shows only if published too).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organisations.models import FUND_AMOUNT_FIELDS, Organisation, StFund
from portal import published


@dataclass(frozen=True)
class Registry:
    slug: str
    title: Any
    rows: Any  # () -> QuerySet of the published records

    def records(self) -> QuerySet:
        return self.rows()

    def full_records(self) -> QuerySet:
        """The published records with their published related lists fetched in one query
        per list for the whole page (a detail page, an open-data file), never per record."""
        model = self.records().model
        return self.records().prefetch_related(*public_prefetches(model))


REGISTRIES = {
    r.slug: r
    for r in (
        Registry("to-chuc", _("Tổ chức KH&CN và doanh nghiệp"), published.organisations),
        Registry("van-bang-shtt", _("Văn bằng sở hữu trí tuệ"), published.ip_titles),
        Registry("su-kien", _("Sự kiện KH&CN"), published.events),
        Registry("hop-tac", _("Thỏa thuận hợp tác"), published.agreements),
    )
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _related_names(model: Any) -> list[str]:
    """The related lists (funds, authorised users, organisations, projects) among the groups."""
    return [
        name
        for group in model.FIELD_GROUPS
        for name in group.fields
        if model._meta.get_field(name).many_to_many or model._meta.get_field(name).one_to_many
    ]


def _public_rows(model: Any, name: str) -> QuerySet:
    """What of a related list may show: itself published (an organisation named by a
    published event shows only if published too)."""
    related = model._meta.get_field(name).related_model
    if name == "funds":
        return StFund.objects.filter(is_published=True).order_by("year")
    if name == "users":
        rows = related.objects.filter(organisation__is_published=True)
        return rows.select_related("organisation").order_by("valid_from")
    if related is Organisation:
        return Organisation.objects.filter(is_published=True)
    if name == "projects":
        return published.projects()
    return related.objects.all()


def public_prefetches(model: Any) -> list[Prefetch]:
    """One ``Prefetch`` per related list of ``model``'s groups, narrowed to what may show, into
    ``public_<name>`` (a list), so that ``public_values`` reads no query per record."""
    return [
        Prefetch(name, queryset=_public_rows(model, name), to_attr=f"public_{name}")
        for name in _related_names(model)
    ]


def _fund_rows(funds: list[Any]) -> list[dict[str, Any]]:
    return [
        {"year": f.year, "is_established": f.is_established}
        | {name: getattr(f, name) for name in FUND_AMOUNT_FIELDS}
        for f in funds
    ]


def _user_rows(users: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "organisation": u.organisation.name,
            "area": u.area,
            "volume_tonnes": _plain(u.volume_tonnes),
            "valid_from": _plain(u.valid_from),
            "valid_to": _plain(u.valid_to),
        }
        for u in users
    ]


def _related(obj: Any, name: str) -> Any:
    """A related list of a published group, itself narrowed to published rows."""
    attr = f"public_{name}"
    if not hasattr(obj, attr):  # a record read without ``full_records()``: fetch it now
        prefetch_related_objects([obj], *public_prefetches(type(obj)))
    rows = getattr(obj, attr)
    if name == "funds":
        return _fund_rows(rows)
    if name == "users":
        return _user_rows(rows)
    return [str(row) for row in rows]


def public_values(obj: Any) -> dict[str, Any]:
    """The record's published fields as plain values (an id first)."""
    values: dict[str, Any] = {"id": str(obj.pk)}
    for name in obj.public_fields():
        field = obj._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            values[name] = _related(obj, name)
        elif getattr(field, "choices", None):
            values[name] = getattr(obj, f"get_{name}_display")()
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def labels(model: Any) -> dict[str, Any]:
    """Field name → its label (the field's verbose name; a related list: its group's)."""
    result: dict[str, Any] = {}
    for group in model.FIELD_GROUPS:
        for name in group.fields:
            field = model._meta.get_field(name)
            result[name] = getattr(field, "verbose_name", None) or group.label
            if field.one_to_many:
                result[name] = group.label
    return result


def _shown(value: Any) -> Any:
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, int | Decimal):
        return formats.number_format(value, force_grouping=True)
    return value


def _fund_line(row: dict[str, Any]) -> str:
    used = sum(row[name] or 0 for name in FUND_AMOUNT_FIELDS[1:])
    return gettext("Năm %(year)s: trích lập %(set)s đồng, đã sử dụng %(used)s đồng") % {
        "year": row["year"],
        "set": _shown(row["amount_set_aside"] or 0),
        "used": _shown(used),
    }


def _user_line(row: dict[str, Any]) -> str:
    parts = [row["organisation"], row["area"]]
    if row["volume_tonnes"] is not None:
        volume = _shown(Decimal(row["volume_tonnes"]))
        parts.append(gettext("%(v)s tấn/năm") % {"v": volume})
    start = _shown(datetime.date.fromisoformat(row["valid_from"]))
    end = _shown(datetime.date.fromisoformat(row["valid_to"])) if row["valid_to"] else "…"
    parts.append(f"{start} – {end}")
    return " · ".join(str(p) for p in parts if p)


def display_rows(obj: Any) -> list[dict[str, Any]]:
    """Label and value of each published field, for the page (empty values left out)."""
    names = labels(type(obj))
    plain = public_values(obj)
    rows = []
    for name in obj.public_fields():
        value = plain[name]
        if value in (None, "", []):
            continue
        if name == "funds":
            value = [_fund_line(row) for row in value]
        elif name == "users":
            value = [_user_line(row) for row in value]
        elif not isinstance(value, list):
            raw = getattr(obj, name)
            value = value if isinstance(raw, models.Model) else _shown(raw)
            if getattr(obj._meta.get_field(name), "choices", None):
                value = plain[name]
        is_list = isinstance(value, list)
        rows.append({"name": name, "label": names[name], "value": value, "is_list": is_list})
    return rows
