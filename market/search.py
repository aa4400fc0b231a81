"""Matching on the stored market: need → offers, offer → needs, with reasons in Vietnamese.

The ranking itself is ``market.matching`` (plain Python). This module keeps one index per
process and kind, rebuilt only when the published listings change: every query first asks the
database for a cheap stamp (count and latest change), so a new or edited offer is found at once
and an unchanged market costs one aggregate query.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Max, QuerySet
from django.utils.translation import gettext as _

from experts.models import Expert
from experts.models import Field as ExpertField
from market.matching import Document, Index, Match
from market.models import Field, Need, Offer, Readiness

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[Any, ...], Index]] = {}
_building: set[str] = set()
#: Catalogues smaller than this are re-indexed within the request that notices a change.
SYNC_REBUILD_LIMIT = 3000


def _offer_document(offer: Offer) -> Document:
    return Document(
        key=str(offer.pk),
        title=offer.title,
        summary=offer.summary,
        keywords=offer.keyword_list,
        field=offer.field,
        place=offer.place,
        readiness=offer.readiness,
    )


def _need_document(need: Need) -> Document:
    return Document(
        key=str(need.pk),
        title=need.title,
        summary=need.description,
        field=need.field,
        place=need.place,
    )


#: The experts registry's broad fields (lĩnh vực KH&CN) each market field belongs to: an expert
#: of that field is "in the field" of the offer or need.
EXPERT_FIELDS: dict[str, str] = {
    Field.VARIETIES: ExpertField.AGRICULTURE,
    Field.TISSUE_CULTURE: ExpertField.AGRICULTURE,
    Field.BIO_PRODUCTS: ExpertField.AGRICULTURE,
    Field.POST_HARVEST: ExpertField.AGRICULTURE,
    Field.PROCESSING: ExpertField.ENGINEERING,
    Field.MECHANISATION: ExpertField.ENGINEERING,
    Field.IRRIGATION: ExpertField.ENGINEERING,
    Field.ENVIRONMENT: ExpertField.ENGINEERING,
    Field.ENERGY: ExpertField.ENGINEERING,
    Field.IT: ExpertField.ENGINEERING,
    Field.MATERIALS: ExpertField.ENGINEERING,
    Field.MEDICINE: ExpertField.MEDICAL,
    Field.FOOD: ExpertField.ENGINEERING,
}


def matchable_experts() -> QuerySet:
    """Experts who may be proposed by the market (chuyên gia được gợi ý).

    Only people who consented to a public professional profile, have not withdrawn, and whose
    record is published (NĐ 13/2023: their stated purpose is connecting them with enterprises).
    Only the professional keywords are indexed — never the name, contact or personal details —
    so a reason ("Cùng từ: …") can only quote what the person agreed to show.
    """
    return Expert.objects.filter(
        is_published=True,
        consent_profile=True,
        is_anonymised=False,
        consent_withdrawn_on__isnull=True,
    )


def _expert_document(expert: Expert) -> Document:
    keywords = [k.strip() for k in expert.keywords.split(",") if k.strip()]
    return Document(
        key=str(expert.pk), title=expert.keywords, keywords=keywords, field=expert.field
    )


def _build(kind: str, queryset: QuerySet) -> Index:
    if kind == "experts":
        rows = queryset.only("pk", "keywords", "field").iterator(chunk_size=2000)
        return Index(_expert_document(e) for e in rows)
    if kind == "offers":
        fields: tuple[str, ...] = (
            "pk",
            "title",
            "summary",
            "keywords",
            "field",
            "place",
            "readiness",
        )
        return Index(_offer_document(o) for o in queryset.only(*fields).iterator(chunk_size=2000))
    fields = ("pk", "title", "description", "field", "place")
    return Index(_need_document(n) for n in queryset.only(*fields).iterator(chunk_size=2000))


def _rebuild_in_background(kind: str, queryset: QuerySet, stamp: tuple[Any, ...]) -> None:
    def run() -> None:
        try:
            index = _build(kind, queryset.all())
            with _lock:
                _cache[kind] = (stamp, index)
        finally:
            _building.discard(kind)
            connection.close()  # this thread's own database connection

    _building.add(kind)
    threading.Thread(target=run, name=f"market-index-{kind}", daemon=True).start()


def _index(kind: str, queryset: QuerySet) -> Index:
    """The current index of ``kind``; rebuilt when the stored listings changed.

    A small catalogue is rebuilt on the spot (well under a second). A large one is rebuilt in a
    background thread while queries keep using the previous index for those few seconds: a
    new offer appears slightly later, but nobody waits for a whole catalogue to be re-read.
    """
    stamp = tuple(queryset.aggregate(n=Count("pk"), last=Max("updated_at")).values())
    cached = _cache.get(kind)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    if cached is not None and cached[1].n >= SYNC_REBUILD_LIMIT:
        with _lock:
            if kind not in _building:
                _rebuild_in_background(kind, queryset, stamp)
        return cached[1]
    with _lock:
        cached = _cache.get(kind)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        index = _build(kind, queryset)
        _cache[kind] = (stamp, index)
        return index


@dataclass
class Suggestion:
    """One ranked result with its reasons, ready for a page."""

    obj: Any
    match: Match

    @property
    def reasons(self) -> list[str]:
        m = self.match
        out = []
        if m.shared:
            out.append(_("Cùng từ: %(words)s") % {"words": ", ".join(m.shared[:6])})
        if m.concepts:
            out.append(_("Gần nghĩa: %(c)s") % {"c": ", ".join(m.concepts[:3])})
        if m.same_field:
            out.append(_("Đúng lĩnh vực"))
        if m.places:
            out.append(_("Cùng địa bàn: %(p)s") % {"p": ", ".join(m.places)})
        if m.readiness:
            out.append(_("Mức sẵn sàng: %(r)s") % {"r": Readiness(m.readiness).label})
        return out


def _resolve(model: type[Any], visible: QuerySet, matches: list[Match]) -> list[Suggestion]:
    objects = visible.in_bulk([m.key for m in matches])
    by_key = {str(k): v for k, v in objects.items()}
    return [Suggestion(by_key[m.key], m) for m in matches if m.key in by_key]


def offers_for_text(text: str, visible: QuerySet, limit: int = 10) -> list[Suggestion]:
    """Published offers ranked for a free text, restricted to what the asker may see."""
    index = _index("offers", Offer.objects.published())
    return _resolve(Offer, visible, index.search(text, limit=limit))


def offers_for_need(need: Need, visible: QuerySet, limit: int = 10) -> list[Suggestion]:
    index = _index("offers", Offer.objects.published())
    fields = [need.field] if need.field and need.field != "other" else []
    return _resolve(Offer, visible, index.search(need.text, limit=limit, fields=fields))


def needs_for_offer(offer: Offer, visible: QuerySet, limit: int = 10) -> list[Suggestion]:
    """Published needs an offer could answer (the seller's view of the market)."""
    index = _index("needs", Need.objects.published())
    text = " ".join([offer.title, offer.keywords, offer.summary])
    return _resolve(Need, visible, index.search(text, limit=limit))


def _experts_for(text: str, field: str, visible: QuerySet, limit: int) -> list[Suggestion]:
    index = _index("experts", matchable_experts())
    wanted = EXPERT_FIELDS.get(field)
    matches = index.search(text, limit=limit * 2, fields=[wanted] if wanted else [])
    # Shared words or a bridged concept are the reason: an expert only "in the field" is no match.
    matches = [m for m in matches if m.shared or m.concepts][:limit]
    narrowed = matchable_experts().filter(pk__in=visible.values("pk")).select_related("affiliation")
    return _resolve(Expert, narrowed, matches)


def experts_for_offer(offer: Offer, visible: QuerySet, limit: int = 5) -> list[Suggestion]:
    """Experts who could help transfer or adapt an offer (chuyên gia phù hợp)."""
    text = " ".join([offer.title, offer.keywords, offer.summary])
    return _experts_for(text, offer.field, visible, limit)


def experts_for_need(need: Need, visible: QuerySet, limit: int = 5) -> list[Suggestion]:
    """Experts who could advise on a need, in its asker's own words."""
    return _experts_for(need.text, need.field, visible, limit)


def clear_cache() -> None:
    _cache.clear()
