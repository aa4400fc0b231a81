"""Parse speed of docparse.parse_text over the corpus and the seed plan.

Usage::

    .venv/bin/python bench/parse_speed.py [--corpus DIR] [--repeat 5]

Prints median / p95 per document, the seed plan median, the whole-corpus total
and the ratio against the 50 ms/document baseline; the last line is one JSON object.

Scanned PDFs: ``--ocr-pages N`` (default 3; 0 skips it) renders N pages of the seed plan's text
to images wrapped in a PDF without a text layer (``docparse.tests.scan``), reads them with
``docparse.ocr`` (Tesseract, vie) and parses the result: OCR + parse time per page (median, p95),
reported as ``ocr_*`` in the JSON line (``null`` when Tesseract is not installed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from docparse import parse_text  # noqa: E402

BASELINE_MS = 50.0


def _time(text: str, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        parse_text(text)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _p95(xs: list[float]) -> float:
    ys = sorted(xs)
    return ys[min(len(ys) - 1, int(round(0.95 * (len(ys) - 1))))]


def _ocr_times(source: Path, pages: int) -> list[float]:
    """OCR + parse time of each page of a scanned PDF made from ``source``'s text."""
    from docparse import ocr
    from docparse.tests.scan import scanned_pdf

    if pages <= 0 or not ocr.available():
        return []
    lines = [ln for ln in source.read_text(encoding="utf-8").splitlines() if ln.strip()]
    times: list[float] = []
    for k in range(pages):
        chunk = "\n".join(ln[:80] for ln in lines[k * 34 : (k + 1) * 34]) or "TRANG TRỐNG"
        data = scanned_pdf(chunk)
        t0 = time.perf_counter()
        result = ocr.ocr_pdf(data)
        parse_text(result.text)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    shared_default = os.environ.get("KHCN_SHARED_DIR") or str(REPO.parent / "shared")
    ap.add_argument("--shared", default=shared_default)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--ocr-pages", type=int, default=3)
    args = ap.parse_args(argv)
    corpus = Path(args.corpus) if args.corpus else Path(args.shared) / "corpus"
    files = sorted((corpus / "raw").glob("*.txt"))
    if not files:
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    per_doc = []
    total_once = 0.0
    for f in files:
        text = f.read_text(encoding="utf-8")
        times = _time(text, args.repeat)
        per_doc.append(statistics.median(times))
        total_once += times[0]
    per_doc.sort()
    p95 = per_doc[min(len(per_doc) - 1, int(round(0.95 * (len(per_doc) - 1))))]
    median = statistics.median(per_doc)
    seed_dir = corpus.parent / "seed"
    seeds = sorted(seed_dir.glob("*.txt"))
    seed_median = None
    if seeds:
        seed_median = statistics.median(
            _time(seeds[0].read_text(encoding="utf-8"), max(5, args.repeat * 2))
        )
    ocr_times = _ocr_times(seeds[0] if seeds else files[0], args.ocr_pages)
    result = {
        "documents": len(files),
        "median_ms": round(median, 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(per_doc[-1], 3),
        "seed_median_ms": round(seed_median, 3) if seed_median is not None else None,
        "corpus_total_ms": round(total_once, 1),
        "baseline_ms": BASELINE_MS,
        "median_vs_baseline": round(median / BASELINE_MS, 4),
        "p95_vs_baseline": round(p95 / BASELINE_MS, 4),
        "ocr_pages": len(ocr_times),
        "ocr_parse_median_ms_per_page": round(statistics.median(ocr_times), 1)
        if ocr_times
        else None,
        "ocr_parse_p95_ms_per_page": round(_p95(ocr_times), 1) if ocr_times else None,
    }
    print(f"documents          {len(files)}")
    print(
        f"median per doc     {median:8.2f} ms  ({median / BASELINE_MS:.2%} of the 50 ms baseline)"
    )
    print(f"p95 per doc        {p95:8.2f} ms")
    print(f"max per doc        {per_doc[-1]:8.2f} ms")
    if seed_median is not None:
        print(f"seed plan median   {seed_median:8.2f} ms")
    print(f"whole corpus       {total_once:8.1f} ms (one pass)")
    if ocr_times:
        print(
            f"OCR + parse/page   {statistics.median(ocr_times):8.0f} ms median,"
            f" {_p95(ocr_times):.0f} ms p95 ({len(ocr_times)} scanned pages)"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
