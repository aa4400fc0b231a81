"""Speed of offer/need -> expert matching (the market's expert suggestions).

Usage::

    .venv/bin/python bench/market_experts.py [--experts 10000] [--queries 300]

The experts are synthetic (the registry holds a dozen demo people): each gets 2–5 expertise
keywords drawn from the keywords of the real offers in ``<shared>/market/offers.jsonl``, which is
what ``market.search`` indexes for an expert (keywords only, never names or contacts). Queries
are the offers' own texts (title, keywords, summary — what an offer page asks) and the needs of
``bench/market_gold`` (what a need page asks). Prints the build time and the median and p95
latency per query; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from market.matching import Document, Index  # noqa: E402

FIELDS = ("agriculture", "engineering", "medical", "natural")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _keywords(offer: dict) -> list[str]:
    raw = offer.get("keywords") or []
    words = raw if isinstance(raw, list) else str(raw).split(",")
    return [w.strip() for w in words if w.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--experts", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    shared = Path(os.environ.get("KHCN_SHARED_DIR") or REPO.parent / "shared")
    offers = _jsonl(shared / "market" / "offers.jsonl")
    vocabulary = sorted({k for o in offers for k in _keywords(o)})
    rng = random.Random(15)
    experts = []
    for n in range(args.experts):
        words = rng.sample(vocabulary, rng.randint(2, 5))
        experts.append(
            Document(key=f"e{n}", title=", ".join(words), keywords=words, field=rng.choice(FIELDS))
        )
    started = time.perf_counter()
    index = Index(experts)
    build_s = time.perf_counter() - started
    texts = [" ".join([o["title"], ", ".join(_keywords(o)), o.get("summary", "")]) for o in offers]
    for name in ("dev_needs.jsonl", "test_needs.jsonl"):
        path = REPO / "bench" / "market_gold" / name
        if path.exists():
            texts += [need["text"] for need in _jsonl(path)]
    rng.shuffle(texts)
    texts = texts[: args.queries]
    timings, found = [], 0
    for text in texts:
        t0 = time.perf_counter()
        matches = index.search(text, limit=10, fields=["agriculture"])
        timings.append((time.perf_counter() - t0) * 1000)
        found += bool([m for m in matches if m.shared or m.concepts])
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    median = statistics.median(timings)
    print(f"experts {args.experts}, vocabulary {len(vocabulary)}, queries {len(texts)}")
    print(f"build {build_s:.2f} s; per query median {median:.1f} ms, p95 {p95:.1f} ms")
    print(f"queries with at least one expert matched with a reason: {found}/{len(texts)}")
    print(
        json.dumps(
            {
                "experts": args.experts,
                "queries": len(texts),
                "build_s": round(build_s, 3),
                "median_ms": round(median, 2),
                "p95_ms": round(p95, 2),
                "ratio_p95_to_median": round(p95 / median, 2) if median else None,
                "with_reason": found,
            }
        )
    )


if __name__ == "__main__":
    main()
