"""Quality and speed of need -> offer matching (C9), against a plain BM25 baseline.

Usage::

    .venv/bin/python bench/market_match.py                      # both halves of bench/market_gold
    .venv/bin/python bench/market_match.py --needs N.jsonl --qrels Q.tsv [--offers offers.jsonl]

Needs are JSONL objects with ``id`` and ``text``; judgments are TSV ``need_id offer_id grade``
(grade 1-3; offers absent from the file are not relevant). Offers default to
``<shared>/market/offers.jsonl`` (``$KHCN_SHARED_DIR`` or ``<repo>/../shared``).

Figures: nDCG@10 (gain 2^grade - 1) and MRR (first offer with grade >= 1) of the product's
ranking (``market.matching.Index``) and of the baseline — BM25 (k1 1.2, b 0.75) over
diacritic-folded words and word pairs of title, summary and keywords. Latency: p95 per query
over an index of ``--scale`` offers (the real ones plus recombined variants). The development
half of the gold is the one the lexicon was tuned on; the test half was judged before tuning and
is not tuned on. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from market.matching import Document, Index  # noqa: E402
from market.matching.text import fold, syllables  # noqa: E402

GOLD = REPO / "bench" / "market_gold"


def shared_dir() -> Path:
    return Path(os.environ.get("KHCN_SHARED_DIR") or REPO.parent / "shared")


def load_offers(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def load_needs(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and not line.startswith("#"):
            qrels[parts[0]][parts[1]] = int(parts[2])
    return qrels


def documents(offers: list[dict]) -> list[Document]:
    return [
        Document(
            key=o["id"],
            title=o.get("title", ""),
            summary=o.get("summary", ""),
            keywords=o.get("keywords") or [],
            field=o.get("field", ""),
        )
        for o in offers
    ]


class Baseline:
    """BM25 over folded words and word pairs of title + summary + keywords, one field."""

    def __init__(self, offers: list[dict], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.keys = [o["id"] for o in offers]
        self.tfs = [
            Counter(self.terms(" ".join([o["title"], o["summary"], " ".join(o["keywords"])])))
            for o in offers
        ]
        self.lens = [sum(tf.values()) for tf in self.tfs]
        self.avg = sum(self.lens) / max(len(self.lens), 1)
        self.df: Counter[str] = Counter(t for tf in self.tfs for t in tf)

    @staticmethod
    def terms(text: str) -> list[str]:
        words = [fold(w) for w in syllables(text)]
        return words + [a + " " + b for a, b in zip(words, words[1:], strict=False)]

    def search(self, text: str, limit: int = 10) -> list[str]:
        n = len(self.keys)
        scores: dict[int, float] = defaultdict(float)
        for term in set(self.terms(text)):
            df = self.df.get(term)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for i, tf in enumerate(self.tfs):
                f = tf.get(term)
                if f:
                    norm = self.k1 * (1 - self.b + self.b * self.lens[i] / self.avg)
                    scores[i] += idf * f * (self.k1 + 1) / (f + norm)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], self.keys[kv[0]]))
        return [self.keys[i] for i, _ in ranked[:limit]]


def ndcg_at_10(ranked: list[str], rels: dict[str, int]) -> float:
    dcg = sum((2 ** rels.get(k, 0) - 1) / math.log2(i + 2) for i, k in enumerate(ranked[:10]))
    ideal = sorted(rels.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mrr(ranked: list[str], rels: dict[str, int]) -> float:
    for i, key in enumerate(ranked):
        if rels.get(key, 0) >= 1:
            return 1 / (i + 1)
    return 0.0


def score(needs: list[dict], qrels: dict[str, dict[str, int]], rank) -> dict[str, float]:
    judged = [n for n in needs if qrels.get(n["id"])]
    nd = [ndcg_at_10(rank(n["text"]), qrels[n["id"]]) for n in judged]
    rr = [mrr(rank(n["text"]), qrels[n["id"]]) for n in judged]
    return {
        "needs": len(judged),
        "ndcg_at_10": round(statistics.fmean(nd), 4) if nd else 0.0,
        "mrr": round(statistics.fmean(rr), 4) if rr else 0.0,
        "per_need": dict(zip([n["id"] for n in judged], [round(x, 3) for x in nd], strict=True)),
    }


def scaled(offers: list[dict], size: int, seed: int = 7) -> list[dict]:
    """The real offers plus variants recombined from them, so vocabulary and lengths stay real."""
    rng = random.Random(seed)
    out = list(offers)
    while len(out) < size:
        a, b = rng.sample(offers, 2)
        out.append(
            {
                "id": f"syn-{len(out):06d}",
                "title": a["title"] if rng.random() < 0.5 else b["title"],
                "summary": " ".join(rng.sample((a["summary"] + " " + b["summary"]).split(". "), 2)),
                "keywords": rng.sample(a["keywords"] + b["keywords"], 6),
                "field": rng.choice([a["field"], b["field"]]),
            }
        )
    return out


def latency(needs: list[dict], offers: list[dict], size: int, rounds: int) -> dict[str, float]:
    index = Index(documents(scaled(offers, size)))
    times = []
    for _ in range(rounds):
        for need in needs:
            start = time.perf_counter()
            index.search(need["text"], limit=10)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "offers_indexed": index.n,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
    }


def database_latency(
    needs: list[dict], offers: list[dict], size: int, rounds: int
) -> dict[str, float]:
    """End-to-end latency through the app's search (``market.search``) over ``size`` offers
    stored in the configured database (PostgreSQL under ``scripts/with_postgres.sh``): the
    freshness query, the ranking and the fetch of the offers shown. The rows are written in a
    transaction that is rolled back, so the database is left as it was."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khcn.settings")
    django.setup()
    from django.db import connection, transaction

    from market import search
    from market.models import ListingStatus, Offer
    from orgunits.models import OrgUnit

    class Rollback(Exception):
        pass

    result: dict[str, float] = {}
    try:
        with transaction.atomic():
            unit = OrgUnit.objects.order_by("depth", "path").first()
            if unit is None:
                unit = OrgUnit.objects.create(code="BENCH", name="Bench", path="0001", depth=0)
            rows = [
                Offer(
                    owner_unit=unit,
                    title=o["title"][:300],
                    summary=o["summary"],
                    keywords=", ".join(o["keywords"]),
                    field=o["field"],
                    provider_name="bench",
                    status=ListingStatus.PUBLISHED,
                    search_text="",
                )
                for o in scaled(offers, size)
            ]
            Offer.objects.bulk_create(rows, batch_size=2000)
            visible = Offer.objects.published()
            search.clear_cache()
            start = time.perf_counter()
            search.offers_for_text("khởi tạo", visible)
            result["index_build_ms"] = round((time.perf_counter() - start) * 1000, 1)
            times = []
            for _ in range(rounds):
                for need in needs:
                    start = time.perf_counter()
                    found = search.offers_for_text(need["text"], visible)
                    [s.obj.title for s in found]
                    times.append((time.perf_counter() - start) * 1000)
            times.sort()
            result.update(
                database=connection.vendor,
                offers_stored=Offer.objects.count(),
                db_median_ms=round(statistics.median(times), 2),
                db_p95_ms=round(times[int(0.95 * (len(times) - 1))], 2),
            )
            raise Rollback
    except Rollback:
        pass
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=Path)
    parser.add_argument("--qrels", type=Path)
    parser.add_argument("--offers", type=Path)
    parser.add_argument("--scale", type=int, default=10_000, help="offers in the latency index")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument(
        "--database",
        action="store_true",
        help="also time the app's search over offers stored in the configured database",
    )
    args = parser.parse_args()

    offers = load_offers(args.offers or shared_dir() / "market" / "offers.jsonl")
    index = Index(documents(offers))
    baseline = Baseline(offers)

    def product(text: str) -> list[str]:
        return [m.key for m in index.search(text, limit=10)]

    if args.needs or args.qrels:
        if not (args.needs and args.qrels):
            parser.error("--needs and --qrels go together")
        sets = {"given": (load_needs(args.needs), load_qrels(args.qrels))}
    else:
        sets = {
            half: (load_needs(GOLD / f"{half}_needs.jsonl"), load_qrels(GOLD / f"{half}_qrels.tsv"))
            for half in ("dev", "test")
        }
    result: dict[str, object] = {}
    all_needs: list[dict] = []
    all_qrels: dict[str, dict[str, int]] = {}
    for name, (needs, qrels) in sets.items():
        mine, base = score(needs, qrels, product), score(needs, qrels, baseline.search)
        print(
            f"{name:5} needs {mine['needs']:3}  nDCG@10 {mine['ndcg_at_10']:.3f}"
            f" (baseline {base['ndcg_at_10']:.3f})  MRR {mine['mrr']:.3f}"
            f" (baseline {base['mrr']:.3f})"
        )
        if args.verbose:
            for nid, value in mine["per_need"].items():  # type: ignore[union-attr]
                flag = "  <" if value < base["per_need"][nid] else ""  # type: ignore[index]
                print(f"   {nid} {value:.3f}  base {base['per_need'][nid]:.3f}{flag}")  # type: ignore[index]
        result[name] = {k: mine[k] for k in ("needs", "ndcg_at_10", "mrr")} | {
            "baseline_ndcg_at_10": base["ndcg_at_10"],
            "baseline_mrr": base["mrr"],
        }
        all_needs += needs
        all_qrels |= qrels
    mine, base = score(all_needs, all_qrels, product), score(all_needs, all_qrels, baseline.search)
    speed = latency(all_needs, offers, args.scale, args.rounds)
    print(
        f"latency over {speed['offers_indexed']} offers:"
        f" median {speed['median_ms']} ms, p95 {speed['p95_ms']} ms"
    )
    if args.database:
        db = database_latency(all_needs, offers, args.scale, args.rounds)
        print(
            f"through the app on {db['database']} with {db['offers_stored']} offers stored:"
            f" median {db['db_median_ms']} ms, p95 {db['db_p95_ms']} ms"
            f" (index built once in {db['index_build_ms']} ms)"
        )
        speed = speed | db | {"p95_ms": db["db_p95_ms"]}
    summary = {
        "ndcg_at_10": mine["ndcg_at_10"],
        "mrr": mine["mrr"],
        "baseline_ndcg_at_10": base["ndcg_at_10"],
        "baseline_mrr": base["mrr"],
        "ratio_to_baseline": round(mine["ndcg_at_10"] / base["ndcg_at_10"], 3)
        if base["ndcg_at_10"]
        else None,
        **speed,
        "sets": result,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
