"""Duplicate warnings before a registry record is saved (cảnh báo trùng trước khi lưu).

Every registry (organisations, products and IP titles, experts, agreements, events) warns the
same way when the record being added may already be there: the same key typed again (an
expert's e-mail, an agreement's number) or a near-identical name ("Cong ty TNHH Hoa Cao Nguyen
Xanh." and "Công ty TNHH Hoa Cao Nguyên Xanh" are one enterprise typed twice). Nothing is
refused: two real records may share a phone or bear close names, so the user looks at the
matches and ticks "confirm" to save anyway. A key the database forbids (a tax code, an IP
title's number and kind) stays a hard error of the form, as before.

A ``ModelForm`` declares its rules with ``DuplicateWarningMixin``:

- ``duplicate_keys``: ``SameKey`` rules, records whose key fields hold the same values;
- ``duplicate_name``: a ``SimilarName`` rule, a near-identical name, optionally only among
  records that also share some fields (same kind, same birth year) or pass a narrowing in SQL
  (overlapping dates, a partner in common) or in Python (the same area);
- ``duplicate_detail_url``: the detail page a visible match links to.

Which records. The rules hold registry-wide (a unit adding an expert another unit already
keeps should hear of it), but a user sees only ``visible_to(user)``: matches the user may see
are listed with their names and links; of matches hidden from them nothing is said but that
the registry, kept by the managing office, holds a similar record — no name, no count.

Cost. Names are compared folded (``core.text.text_key``: no diacritics, đ → d, no case,
spacing or punctuation). The candidates are narrowed in SQL on the record's folded
``search_text`` (trigram-indexed on PostgreSQL) by its distinctive words and bounded
(``CANDIDATES``), so a check reads a few hundred rows at most whatever the registry's size;
Python then compares the names (``difflib`` ratio, or the same words in another order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import text_key

SIMILARITY = 0.85  # ratio of the distinctive parts of two names at which a warning is shown
WORD_SIMILARITY = 0.75  # two words taken for one typed differently ("lat" / "la")
CANDIDATES = 300  # rows read per SQL narrowing: the check stays cheap at 100,000 records
SHOWN = 10  # matches listed at most


def name_key(name: str, noise: Iterable[str] = ()) -> str:
    """The distinctive part of a name, folded: words in ``noise`` (a legal form such as
    "công ty TNHH", already folded) say nothing about which record it is."""
    skip = frozenset(noise)
    return " ".join(w for w in text_key(name).split() if w not in skip)


def _close(word: str, other: str) -> bool:
    return word == other or SequenceMatcher(None, word, other).ratio() >= WORD_SIMILARITY


def near_identical(a: str, b: str) -> bool:
    """Two name keys (``name_key``) that name the same thing: equal, the same words in another
    order, or at least ``SIMILARITY`` alike with at most one word on either side that has no
    close match on the other (a letter typed wrong, a word left out) — so "cà phê Cầu Đất"
    and "chè Cầu Đất", alike letter by letter, are two products."""
    if not a or not b:
        return False
    words_a, words_b = a.split(), b.split()
    if a == b or sorted(words_a) == sorted(words_b):
        return True
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < SIMILARITY:
        return False  # the ratio cannot reach it: most candidates stop here, cheaply
    matcher = SequenceMatcher(None, a, b)
    if matcher.quick_ratio() < SIMILARITY or matcher.ratio() < SIMILARITY:
        return False
    # Pair the words one to one, equal words first, then close ones.
    lone_a, lone_b = list(words_a), list(words_b)
    for word in list(lone_a):
        if word in lone_b:
            lone_a.remove(word)
            lone_b.remove(word)
    for word in list(lone_a):
        other = next((v for v in lone_b if _close(word, v)), None)
        if other is not None:
            lone_a.remove(word)
            lone_b.remove(other)
    return max(len(lone_a), len(lone_b)) <= 1


def similar_names(
    name: str,
    queryset: QuerySet,
    *,
    field: str = "name",
    noise: Iterable[str] = (),
    search_field: str = "search_text",
    accept: Callable[[Any], bool] | None = None,
    limit: int = SHOWN,
    common_words: Iterable[str] = (),
) -> list[Any]:
    """Records of ``queryset`` whose ``field`` is near-identical to ``name``.

    Bounded SQL narrowings on the folded ``search_field``: rows holding the longest distinctive
    word (a word misspelt or left out elsewhere), and when those reach the bound, rows holding
    every distinctive word (the same name re-typed: always found); ``CANDIDATES`` rows each."""
    key = name_key(name, noise)
    # The narrowing word: the longest one that is not common (a surname such as "nguyễn",
    # held by a third of the experts, narrows nothing).
    common = frozenset(common_words)
    words = sorted(set(key.split()), key=lambda w: (w in common, -len(w)))
    if not words:
        return []
    every = Q()
    for word in words[:4]:
        every &= Q(**{f"{search_field}__contains": word})

    # Names only (pk, name) are read and compared; whole rows for the few that match. No
    # ORDER BY: the scan stops at the bound instead of sorting every row holding the word.
    def names(narrowed: QuerySet) -> list[tuple[Any, str]]:
        return list(narrowed.order_by().values_list("pk", field)[:CANDIDATES])

    rows = names(queryset.filter(**{f"{search_field}__contains": words[0]}))
    if len(rows) == CANDIDATES and len(words) > 1:
        # The bound was reached: the same name re-typed may lie beyond it.
        rows += names(queryset.filter(every))
    seen: set[Any] = set()
    hits: list[Any] = []
    for pk, other in rows:
        if pk not in seen:
            seen.add(pk)
            if near_identical(key, name_key(other, noise)):
                hits.append(pk)
    if not hits:
        return []
    records = {r.pk: r for r in queryset.filter(pk__in=hits)}
    found = [
        records[pk] for pk in hits if pk in records and (accept is None or accept(records[pk]))
    ]
    return found[:limit]


@dataclass(frozen=True)
class SameKey:
    """An exact key: another record whose ``fields`` hold the same values (all filled in).

    ``match`` builds the filter from the cleaned values (default: each field equal, text
    compared without case); ``None`` from it means the key is empty and nothing is checked."""

    fields: tuple[str, ...]
    reason: Any  # shown beside each match: "cùng thư điện tử"
    match: Callable[[dict[str, Any]], Q | None] | None = None
    accept: Callable[[Any, dict[str, Any]], bool] | None = None  # a check SQL cannot make

    def query(self, data: dict[str, Any]) -> Q | None:
        if self.match is not None:
            return self.match(data)
        q = Q()
        for name in self.fields:
            value = data.get(name)
            if value in (None, ""):
                return None
            q &= Q(**{f"{name}__iexact" if isinstance(value, str) else name: value})
        return q


@dataclass(frozen=True)
class SimilarName:
    """A near-identical name among the records that also share ``same`` (equal values) and
    pass ``narrow`` (an SQL filter from the cleaned values: overlapping dates, a partner in
    common) and ``accept`` (a Python check on a candidate: the same area, folded)."""

    field: str = "name"
    reason: Any = _("tên gần giống")
    noise: frozenset[str] = frozenset()
    same: tuple[str, ...] = ()
    narrow: Callable[[dict[str, Any]], Q] | None = None
    accept: Callable[[Any, dict[str, Any]], bool] | None = None
    watch: tuple[str, ...] = ()  # further fields whose change asks for the check again
    common: frozenset[str] = frozenset()  # folded words too frequent to narrow the search by
    search_field: str = "search_text"


@dataclass
class DuplicateMatch:
    """A record the user may see that may be the one being saved, and why."""

    record: Any
    reasons: list[str] = field(default_factory=list)
    url: str = ""
    detail: str = ""

    @property
    def label(self) -> str:
        return str(self.record)


class DuplicateWarningMixin(forms.BaseForm):
    """A registry form that warns of likely duplicates before saving (see the module).

    The form takes ``user`` (the candidates are split by ``visible_to(user)``) and calls
    ``check_duplicates(data)`` from its ``clean``; the confirm box is hidden until a warning
    is shown (or was confirmed), and confirming saves.
    """

    duplicate_keys: tuple[SameKey, ...] = ()
    duplicate_name: SimilarName | None = None
    duplicate_detail_url = ""
    duplicate_message: Any = _(
        "Có thể bản ghi này đã có trong sổ (xem các bản ghi nêu ở đầu trang). Kiểm tra lại; "
        "nếu đúng là bản ghi khác, đánh dấu ô xác nhận rồi lưu."
    )
    duplicate_confirm_label: Any = _("Tôi đã xem các bản ghi có thể trùng và vẫn muốn lưu")

    user: Any
    instance: Model

    def add_confirm_field(self) -> None:
        """The confirm box, hidden until a warning is shown (call from ``__init__``)."""
        self.duplicate_matches: list[DuplicateMatch] = []
        self.duplicate_hidden = False
        self.fields["confirm_duplicate"] = forms.BooleanField(
            label=self.duplicate_confirm_label, required=False, widget=forms.HiddenInput
        )

    def duplicate_queryset(self) -> QuerySet:
        """Every record of the registry but the one being edited (the rules hold
        registry-wide; what the user may see is decided by ``visible_to``)."""
        model = type(self.instance)
        queryset = model._default_manager.all()
        if not self.instance._state.adding:
            queryset = queryset.exclude(pk=self.instance.pk)
        return queryset

    def shown_reasons(self, record: Any, reasons: list[str]) -> list[str]:
        """What the user may be told of a match they see: a reason naming a field they may
        not see (an expert's e-mail not consented to, a title's unpublished application
        number) is left out, and a match left with no reason is treated as hidden."""
        return reasons

    def describe_duplicate(self, record: Any) -> str:
        """A few words beside a visible match's name (a tax code, dates)."""
        return ""

    def _changed(self, names: Iterable[str]) -> bool:
        return self.instance._state.adding or any(n in self.changed_data for n in names)

    def check_duplicates(self, data: dict[str, Any]) -> None:
        """Warn (an error on the confirm box) of the records this one may duplicate."""
        confirm = self.fields["confirm_duplicate"]
        if data.get("confirm_duplicate"):
            confirm.widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
            return
        found: dict[Any, tuple[Any, list[str]]] = {}

        def note(records: Iterable[Any], reason: Any) -> None:
            for record in records:
                found.setdefault(record.pk, (record, []))[1].append(str(reason))

        base = self.duplicate_queryset()
        for key in self.duplicate_keys:
            q = key.query(data) if self._changed(key.fields) else None
            if q is None:
                continue
            rows = list(base.filter(q).order_by()[:CANDIDATES])
            note((r for r in rows if key.accept is None or key.accept(r, data)), key.reason)
        rule = self.duplicate_name
        name = data.get(rule.field) if rule else ""
        if rule and name and self._changed((rule.field, *rule.same, *rule.watch)):
            candidates = base
            for same in rule.same:
                value = data.get(same)
                candidates = candidates.filter(**{same: value})
            if rule.narrow is not None:
                candidates = candidates.filter(rule.narrow(data))
            accept = rule.accept
            note(
                similar_names(
                    name,
                    candidates,
                    field=rule.field,
                    noise=rule.noise,
                    search_field=rule.search_field,
                    common_words=rule.common,
                    accept=(lambda r: accept(r, data)) if accept else None,
                ),
                rule.reason,
            )
        if not found:
            return
        model = type(self.instance)
        visible = set(
            model._default_manager.visible_to(self.user)  # type: ignore[attr-defined]
            .filter(pk__in=list(found))
            .values_list("pk", flat=True)
        )
        shown = {pk: self.shown_reasons(found[pk][0], found[pk][1]) for pk in visible}
        visible = {pk for pk, reasons in shown.items() if reasons}
        self.duplicate_matches = [
            DuplicateMatch(
                record,
                shown[pk],
                reverse(self.duplicate_detail_url, kwargs={"pk": record.pk})
                if self.duplicate_detail_url
                else "",
                self.describe_duplicate(record),
            )
            for pk, (record, _reasons) in found.items()
            if pk in visible
        ][:SHOWN]
        self.duplicate_hidden = len(visible) < len(found)
        confirm.widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
        self.add_error("confirm_duplicate", str(self.duplicate_message))


# --- imports ---------------------------------------------------------------------------------


@dataclass
class RowWarning:
    """A row of an imported sheet whose name is near-identical to records already in the
    registry (those the user may see are named) or to an earlier row of the same file."""

    row: int
    name: str
    matches: list[str] = field(default_factory=list)
    hidden: bool = False
    earlier_rows: list[int] = field(default_factory=list)

    def message(self) -> str:
        parts = []
        if self.matches:
            parts.append(
                str(_("gần giống bản ghi đã có: %(names)s"))
                % {"names": "; ".join(f"“{m}”" for m in self.matches)}
            )
        if self.hidden:
            parts.append(
                str(
                    _(
                        "sổ đăng ký do cơ quan quản lý nắm giữ có bản ghi tương tự mà bạn "
                        "không xem được"
                    )
                )
            )
        if self.earlier_rows:
            parts.append(
                str(_("gần giống dòng %(rows)s của tệp"))
                % {"rows": ", ".join(str(n) for n in self.earlier_rows)}
            )
        return str(_("“%(name)s” %(what)s")) % {"name": self.name, "what": "; ".join(parts)}


def _plain(value: Any) -> Any:
    return getattr(value, "pk", value)


def _narrowing_words(key: str, common: frozenset[str]) -> list[str]:
    # Two words, so that a name with its longest word typed wrong is still found.
    return sorted(set(key.split()), key=lambda w: (w in common, -len(w)))[:2]


def similar_rows(
    rows: Iterable[tuple[int, dict[str, Any]]],
    rule: SimilarName,
    model: type[Model],
    user: Any,
    *,
    may_name: Callable[[Any, Any], bool] | None = None,
) -> list[RowWarning]:
    """The rows of an import whose name is near-identical to a record of the registry or to an
    earlier row (the same ``rule`` as the registry's form, ``same``, ``narrow`` and ``accept``
    included). One pass over the registry's names, not a query per row: a 2,000-row file
    against 100,000 records reads the names once and compares each row with the few records
    sharing one of its two most distinctive words. ``may_name(user, record)``: whether a
    visible match may be named (an expert only to who sees all of the record)."""
    keyed: list[tuple[int, dict[str, Any], str, list[str]]] = []
    wanted: set[str] = set()
    for number, data in rows:
        key = name_key(str(data.get(rule.field) or ""), rule.noise)
        words = _narrowing_words(key, rule.common)
        if words:
            keyed.append((number, data, key, words))
            wanted.update(words)
    if not keyed:
        return []
    index: dict[str, list[tuple[Any, str, tuple[Any, ...]]]] = {}
    names = (
        model._default_manager.order_by()
        .values_list("pk", rule.field, *rule.same)
        .iterator(chunk_size=5000)
    )
    for pk, name, *same in names:
        key = name_key(name or "", rule.noise)
        for word in wanted.intersection(key.split()):
            index.setdefault(word, []).append((pk, key, tuple(same)))
    found: dict[int, list[Any]] = {}
    file_index: dict[str, list[tuple[int, str, tuple[Any, ...]]]] = {}
    warnings: dict[int, RowWarning] = {}
    for number, data, key, words in keyed:
        same = tuple(_plain(data.get(name)) for name in rule.same)
        candidates = {entry for word in words for entry in index.get(word, ())}
        hits = [
            pk for pk, other, values in candidates if values == same and near_identical(key, other)
        ]
        if hits and (rule.narrow is not None or rule.accept is not None):
            narrowed = model._default_manager.filter(pk__in=hits)
            if rule.narrow is not None:
                narrowed = narrowed.filter(rule.narrow(data))
            accept = rule.accept
            hits = [r.pk for r in narrowed if accept is None or accept(r, data)]
        earlier = sorted(
            {
                row
                for word in words
                for row, other, values in file_index.get(word, ())
                if values == same and near_identical(key, other)
            }
        )
        for word in set(key.split()):
            file_index.setdefault(word, []).append((number, key, same))
        if hits or earlier:
            found[number] = hits
            warnings[number] = RowWarning(number, str(data.get(rule.field)), earlier_rows=earlier)
    every = {pk for hits in found.values() for pk in hits}
    if every:
        visible = {
            r.pk: r
            for r in model._default_manager.visible_to(user).filter(pk__in=every)  # type: ignore[attr-defined]
            if may_name is None or may_name(user, r)
        }
        for number, hits in found.items():
            named = [visible[pk] for pk in hits if pk in visible]
            warnings[number].matches = [str(r) for r in named[:3]]
            warnings[number].hidden = len(named) < len(hits)
    return [warnings[n] for n in sorted(warnings)]
