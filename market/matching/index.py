"""A BM25F index over technology offers (or needs, or experts) with concept expansion.

Scoring, per document: BM25F over syllables and adjacent syllable pairs of the query
(title and keywords weigh more than the summary), plus the same over the technical terms of
the lexicon concepts the query triggers (at a lower weight), plus a small prior for documents in
the fields those concepts point to. Every match carries its reasons: the words shared, the
concepts that bridged the wording, the field, the place.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from market.matching.lexicon import CONCEPTS, Concept, crops_in
from market.matching.text import FILLER, fold, syllables

#: Field weights (BM25F): a word in the title says more about a document than one in its summary.
FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.5, "summary": 1.0, "field": 1.0}
K1 = 1.4
B = 0.6
EXPANSION_WEIGHT = 0.45
FIELD_PRIOR = 0.6
PAIR_WEIGHT = 1.0
FOLDED_PAIR_WEIGHT = 1.4
FOLDED_WORD_WEIGHT = 0.7
OTHER_PHRASES = 0.25
#: Expansion words found in more than this share of documents say nothing about the concept.
EXPANSION_MAX_DF = 0.12
#: A query word found in a quarter of the catalogue ("cây", "trồng") ranks almost nothing, and
#: adding it up over thousands of documents is what a query would spend its time on.
QUERY_MAX_DF = 0.4
#: A need about one crop is rarely solved by an offer about another one (tea is not coffee).
CROP_AGREES = 1.25
CROP_DIFFERS = 0.6

#: Places the province's users name; a shared place is a reason, not a score.
PLACES = (
    "Đà Lạt",
    "Lâm Đồng",
    "Bảo Lộc",
    "Đức Trọng",
    "Đơn Dương",
    "Lạc Dương",
    "Lâm Hà",
    "Di Linh",
    "Cầu Đất",
    "Xuân Thọ",
    "Tây Nguyên",
    "Đắk Nông",
    "Bình Thuận",
)


@dataclass(frozen=True)
class Document:
    """One searchable record: an offer (chào bán), a need (nhu cầu) or an expert (chuyên gia)."""

    key: str
    title: str
    summary: str = ""
    keywords: Sequence[str] = ()
    field: str = ""
    place: str = ""
    readiness: str = ""


@dataclass
class Match:
    key: str
    score: float
    shared: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    same_field: bool = False
    places: list[str] = field(default_factory=list)
    readiness: str = ""


def _terms(text: str, accented: bool) -> list[str]:
    """Index terms of a text: syllables and adjacent pairs, accented ("a:") or folded ("f:")."""
    sylls = syllables(text)
    if not accented:
        sylls = [_fold_word(s) for s in sylls]
    prefix = "a:" if accented else "f:"
    out = [prefix + s for s in sylls]
    out += [prefix + a + " " + b for a, b in zip(sylls, sylls[1:], strict=False)]
    return out


def _probes(accented: bool) -> list[tuple[Concept, tuple[str, ...]]]:
    def probe(trigger: str) -> str:
        words = syllables(trigger)
        return " " + " ".join(words if accented else [fold(w) for w in words]) + " "

    return [(c, tuple(probe(t) for t in c.triggers)) for c in CONCEPTS]


_PROBES = {True: _probes(True), False: _probes(False)}


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=65536)
def _is_filler(term: str) -> bool:
    return all(_fold_word(w) in FILLER for w in term[2:].split(" "))


def accented_query(text: str) -> bool:
    """A query is matched on accented forms when most of its words carry their marks."""
    sylls = syllables(text)
    if not sylls:
        return False
    marked = sum(1 for s in sylls if fold(s) != s)
    return marked / len(sylls) >= 0.3


class Index:
    """The searchable form of a catalogue: compact postings of precomputed BM25F weights.

    Built in two passes so that memory stays near the size of the result (two flat arrays per
    term: about 8 bytes per term occurrence): the first pass measures field lengths, the second
    weighs each document's terms and appends them to the postings.
    """

    def __init__(self, documents: Iterable[Document]):
        self.docs: list[Document] = list(documents)
        self.n = len(self.docs)
        texts = [(d.title, " ; ".join(d.keywords), d.summary, d.field) for d in self.docs]
        names = ("title", "keywords", "summary", "field")
        lengths = [[len(syllables(t)) for t in row] for row in texts]
        count = max(self.n, 1)
        avg = [max(sum(row[i] for row in lengths) / count, 1.0) for i in range(len(names))]
        weights = [FIELD_WEIGHTS[name] for name in names]
        ids: dict[str, array[int]] = {}
        tfs: dict[str, array[float]] = {}
        for n, row in enumerate(texts):
            combined: dict[str, float] = defaultdict(float)
            for i, text in enumerate(row):
                if not text:
                    continue
                # BM25F: each field's count, normalised by the field's length, then weighted.
                scale = weights[i] / (1 - B + B * lengths[n][i] / avg[i])
                for accented in (True, False):
                    for term, raw in Counter(_terms(text, accented)).items():
                        combined[term] += raw * scale
            for term, weight in combined.items():
                posting = ids.get(term)
                if posting is None:
                    posting = ids[term] = array("i")
                    tfs[term] = array("f")
                posting.append(n)
                tfs[term].append(weight)
        # Saturate once here, so a query only adds numbers up.
        for term, posting in ids.items():
            idf = math.log(1 + (self.n - len(posting) + 0.5) / (len(posting) + 0.5))
            tfs[term] = array("f", (idf * w / (K1 + w) for w in tfs[term]))
        self.postings = ids
        self.values = tfs
        self.by_field: dict[str, list[int]] = defaultdict(list)
        for n, doc in enumerate(self.docs):
            self.by_field[doc.field].append(n)
        self._phrases: dict[str, dict[str, float]] = {}
        # Crops an offer names, as written and folded (a query typed without marks asks the latter).
        self.crops_folded = [
            crops_in(" ".join([d.title, " ".join(d.keywords), d.summary]), False) for d in self.docs
        ]
        self.crops = [
            crops_in(" ".join([d.title, " ".join(d.keywords), d.summary])) for d in self.docs
        ]

    def _phrase_terms(self, phrase: str) -> dict[str, float]:
        terms = self._phrases.get(phrase)
        if terms is None:
            terms = self._phrases[phrase] = {
                t: 1.0 for t in _terms(phrase, True) if not _is_filler(t)
            }
        return terms

    def _score_terms(self, weighted: dict[str, float], max_df: float = 1.0) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        # Document frequency only means something over a real catalogue, not a handful.
        limit = max_df * self.n if self.n >= 100 else self.n
        for term, qweight in weighted.items():
            posting = self.postings.get(term)
            if posting is None or len(posting) > limit:
                continue
            for n, value in zip(posting, self.values[term], strict=True):
                scores[n] += qweight * value
        return scores

    def triggered(self, text: str, accented: bool) -> list[Concept]:
        """The lexicon concepts whose everyday wording appears in the text."""
        hay = (
            " "
            + " ".join(syllables(text) if accented else [fold(s) for s in syllables(text)])
            + " "
        )
        return [c for c, probes in _PROBES[accented] if any(p in hay for p in probes)]

    def search(self, text: str, limit: int = 10, fields: Sequence[str] = ()) -> list[Match]:
        """Rank documents for a free-text query; ``fields`` adds the asker's stated fields."""
        accented = accented_query(text)
        query: dict[str, float] = {}
        for term in _terms(text, accented):
            if _is_filler(term):
                continue
            # Without marks a single syllable is ambiguous ("hoa" is flower, "hóa" chemical):
            # pairs of syllables carry more of the meaning.
            if " " in term:
                weight = PAIR_WEIGHT if accented else FOLDED_PAIR_WEIGHT
            else:
                weight = 1.0 if accented else FOLDED_WORD_WEIGHT
            query[term] = max(query.get(term, 0.0), weight)
        concepts = self.triggered(text, accented)
        scores = self._score_terms(query, QUERY_MAX_DF)
        # A concept counts once per document (its best phrase, plus a little for the others):
        # otherwise a document that repeats a concept's vocabulary would outrank one that
        # matches the asker's own, specific words.
        for concept in concepts:
            best: dict[int, float] = {}
            total: dict[int, float] = defaultdict(float)
            for phrase in concept.terms:
                for n, value in self._score_terms(
                    self._phrase_terms(phrase), EXPANSION_MAX_DF
                ).items():
                    total[n] += value
                    if value > best.get(n, 0.0):
                        best[n] = value
            for n, top in best.items():
                scores[n] += EXPANSION_WEIGHT * (top + OTHER_PHRASES * (total[n] - top))
        wanted = crops_in(text, accented)
        if wanted:
            crops = self.crops if accented else self.crops_folded
            for n in scores:
                have = crops[n]
                if have:
                    scores[n] *= CROP_AGREES if have & wanted else CROP_DIFFERS
        hinted = {f for c in concepts for f in c.fields} | set(fields)
        if hinted and scores:
            bonus = FIELD_PRIOR * max(scores.values()) / 10
            for fname in hinted:
                for n in self.by_field.get(fname, ()):
                    if n in scores:
                        scores[n] += bonus
        ranked = heapq.nlargest(limit * 2, scores.items(), key=itemgetter(1))
        ranked.sort(key=lambda kv: (-kv[1], self.docs[kv[0]].key))
        ranked = ranked[:limit]
        return [self._explain(n, score, text, accented, concepts, hinted) for n, score in ranked]

    def _explain(
        self,
        n: int,
        score: float,
        text: str,
        accented: bool,
        concepts: list[Concept],
        hinted: set[str],
    ) -> Match:
        doc = self.docs[n]
        doc_text = " ".join([doc.title, " ".join(doc.keywords), doc.summary])
        doc_words = set(_terms(doc_text, accented))
        shared = []
        for term in _terms(text, accented):
            if " " in term and term in doc_words and not _is_filler(term):
                shared.append(term[2:])
        singles = [
            t[2:]
            for t in _terms(text, accented)
            if " " not in t
            and t in doc_words
            and not _is_filler(t)
            and not any(t[2:] in pair.split(" ") for pair in shared)
        ]
        doc_fold = fold(doc_text + " " + doc.place)
        bridged = [
            c.name
            for c in concepts
            if any(" " + fold(term) + " " in " " + doc_fold + " " for term in c.terms)
        ]
        places = [p for p in PLACES if fold(p) in fold(text) and fold(p) in doc_fold]
        return Match(
            key=doc.key,
            score=round(score, 4),
            shared=list(dict.fromkeys(shared + singles))[:8],
            concepts=bridged,
            same_field=doc.field in hinted,
            places=places,
            readiness=doc.readiness,
        )
