"""Accuracy of docparse.parse_text against the hand-annotated gold set.

Usage::

    .venv/bin/python bench/parse_accuracy.py [--corpus /work/shared/corpus] [--gold bench/gold] [-v]

The shared folder defaults to ``$KHCN_SHARED_DIR`` or ``<repo>/../shared``; the
corpus is ``<shared>/corpus`` and the seed plan ``<shared>/seed``.  Gold files
name their source relative to the shared folder ("corpus/raw/012.txt").
A field absent from a gold file is not scored for that document.
The last line printed is one JSON object with all figures.

Discipline: the gold set is split deterministically into a development half (rules may be tuned
while reading these documents and their mismatches) and a held-out test half (never tuned on:
look at its figures, not at its mismatches). A gold file belongs to the test half when the first
byte of the SHA-1 of its file name is odd (``part_of``). ``-v`` prints mismatches of the
development half only; the figures of both halves and of the whole set are reported, the JSON
line carrying ``dev``, ``test`` and ``all``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from docparse import parse_text  # noqa: E402
from docparse.text import collapse_ws, fold, normalize_tone_placement  # noqa: E402

META_FIELDS = ("kind", "number_symbol", "issuer", "date", "title")


def light(s: Any) -> str | None:
    """Light normalisation for metadata: case-fold, collapse whitespace, tone placement."""
    if s is None:
        return None
    s = normalize_tone_placement(collapse_ws(str(s))).casefold()
    return s.strip(" .;:,")


def sym_key(s: str) -> str:
    return re.sub(r"\s+", "", s).upper()


def unit_key(s: str) -> str:
    f = fold(s)
    f = re.sub(r"^(cac|moi)\s+", "", f)
    return f.strip(" .;:,")


def heading_key(s: str) -> str:
    return fold(s).strip(" .;:,")[:80]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def flatten_sections(
    secs: list[dict[str, Any]], prefix: str = "", parent_label: str = ""
) -> list[tuple[str, str]]:
    out = []
    for s in secs:
        label = s["label"]
        comp = label.replace(" ", "")
        if "." in label and parent_label and label.rsplit(".", 1)[0] == parent_label:
            comp = label.rsplit(".", 1)[1]
        path = f"{prefix}.{comp}" if prefix else comp
        out.append((path, s["heading"]))
        out.extend(flatten_sections(s["children"], path, label))
    return out


def match_sections(
    gold: list[dict[str, str]], got: list[tuple[str, str]]
) -> tuple[int, int, int, list[str]]:
    got_map: dict[str, str] = {}
    for path, head in got:
        got_map.setdefault(path, heading_key(head))
    tp = 0
    misses = []
    for g in gold:
        gk = heading_key(g["heading"])
        pk = got_map.get(g["path"])
        if pk is not None and (
            pk == gk
            or (len(gk) >= 40 and pk.startswith(gk))
            or (len(pk) >= 40 and gk.startswith(pk))
        ):
            tp += 1
        else:
            misses.append(f"{g['path']} gold={gk!r} got={pk!r}")
    fn = len(gold) - tp
    fp = len(got_map) - tp
    return tp, fp, fn, misses


def part_of(gold_name: str) -> str:
    """Part "dev" or "test": a fixed function of the gold file name, so the split never moves."""
    return "test" if hashlib.sha1(gold_name.encode("utf-8")).digest()[0] % 2 else "dev"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    shared_default = os.environ.get("KHCN_SHARED_DIR") or str(REPO.parent / "shared")
    ap.add_argument("--corpus", default=None, help="corpus folder (default <shared>/corpus)")
    ap.add_argument(
        "--shared",
        default=shared_default,
        help="shared folder (default $KHCN_SHARED_DIR or ../shared)",
    )
    ap.add_argument("--gold", default=str(REPO / "bench" / "gold"))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    corpus = Path(args.corpus) if args.corpus else shared / "corpus"

    def resolve(src: str) -> Path:
        if src.startswith("corpus/"):
            return corpus / src[len("corpus/") :]
        return (corpus.parent / src) if not (shared / src).exists() else shared / src

    gold_files = sorted(Path(args.gold).glob("*.json"))
    if not gold_files:
        print("no gold files", file=sys.stderr)
        return 2
    out: dict[str, Any] = {}
    for part in ("dev", "test"):
        files = [f for f in gold_files if part_of(f.name) == part]
        print(f"== {part} ({len(files)} gold files)")
        out[part] = score(files, resolve, args.verbose and part == "dev")
    print("== all")
    out["all"] = score(gold_files, resolve, False)
    print(json.dumps(out, ensure_ascii=False))
    return 0


def score(gold_files: list[Path], resolve: Any, verbose: bool) -> dict[str, Any]:
    """Figures over ``gold_files``; prints the table (and mismatches when ``verbose``)."""
    meta = {f: [0, 0] for f in META_FIELDS}
    counts = {k: [0, 0, 0] for k in ("references", "sections", "recipients", "units", "signer")}
    docs = 0
    skipped = []
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        src = resolve(gold["source"])
        if not src.exists():
            skipped.append(gf.name)
            continue
        docs += 1
        got = parse_text(src.read_text(encoding="utf-8")).to_dict()
        log: list[str] = []
        for f in META_FIELDS:
            if f in gold:
                meta[f][1] += 1
                if light(gold[f]) == light(got[f]):
                    meta[f][0] += 1
                else:
                    log.append(f"{f}: gold={gold[f]!r} got={got[f]!r}")
        if "references" in gold:
            g = {sym_key(x) for x in gold["references"]}
            p = {sym_key(r["number_symbol"]) for r in got["references"]}
            counts["references"][0] += len(g & p)
            counts["references"][1] += len(p - g)
            counts["references"][2] += len(g - p)
            if g != p:
                log.append(f"refs missing={sorted(g - p)} extra={sorted(p - g)}")
        if "sections" in gold:
            tp, fp, fn, misses = match_sections(gold["sections"], flatten_sections(got["sections"]))
            counts["sections"][0] += tp
            counts["sections"][1] += fp
            counts["sections"][2] += fn
            if misses or fp:
                gold_paths = {x["path"] for x in gold["sections"]}
                extra = [p for p, _ in flatten_sections(got["sections"]) if p not in gold_paths]
                log.append(f"sections misses={misses[:8]} extra={extra[:8]}")
        if "recipients" in gold:
            g = {fold(x).strip(" .;,") for x in gold["recipients"]}
            p = {fold(x).strip(" .;,") for x in got["recipients"]}
            counts["recipients"][0] += len(g & p)
            counts["recipients"][1] += len(p - g)
            counts["recipients"][2] += len(g - p)
            if g != p:
                log.append(f"recipients missing={sorted(g - p)} extra={sorted(p - g)}")
        if "tasks" in gold:
            gu: set[tuple[str, str, str]] = set()
            for t in gold["tasks"]:
                gu |= {("lead", t["path"], unit_key(u)) for u in t.get("lead", [])}
                gu |= {("coop", t["path"], unit_key(u)) for u in t.get("cooperating", [])}
            pu: set[tuple[str, str, str]] = set()
            gold_paths = {t["path"] for t in gold["tasks"]}
            coop_paths = {t["path"] for t in gold["tasks"] if "cooperating" in t}
            for t in got["tasks"]:
                if not gold.get("tasks_complete", True) and t["path"] not in gold_paths:
                    continue
                pu |= {("lead", t["path"], unit_key(u)) for u in t["lead"]}
                if gold.get("tasks_complete", True) or t["path"] in coop_paths:
                    pu |= {("coop", t["path"], unit_key(u)) for u in t["cooperating"]}
            counts["units"][0] += len(gu & pu)
            counts["units"][1] += len(pu - gu)
            counts["units"][2] += len(gu - pu)
            if gu != pu:
                log.append(f"units missing={sorted(gu - pu)[:10]} extra={sorted(pu - gu)[:10]}")
        if "signer" in gold:
            for k in ("title", "name"):
                gv, pv = light(gold["signer"].get(k)), light(got["signer"].get(k))
                if gv is None and pv is None:
                    continue
                if gv == pv:
                    counts["signer"][0] += 1
                else:
                    counts["signer"][1 if pv is not None else 2] += 1
                    if gv is not None and pv is not None:
                        counts["signer"][2] += 1
                    log.append(
                        f"signer.{k}: gold={gold['signer'].get(k)!r} got={got['signer'].get(k)!r}"
                    )
        if verbose and log:
            print(f"--- {gf.name}")
            for line in log:
                print("   ", line)

    result: dict[str, Any] = {"documents": docs, "skipped": skipped}
    print(f"{'field':<16}{'n':>5}{'exact/P':>10}{'R':>8}{'F1':>8}")
    meta_ok = meta_n = 0
    for f in META_FIELDS:
        ok, n = meta[f]
        meta_ok += ok
        meta_n += n
        rate = ok / n if n else 1.0
        result[f] = round(rate, 4)
        print(f"{f:<16}{n:>5}{rate:>10.3f}")
    result["metadata"] = round(meta_ok / meta_n, 4) if meta_n else 1.0
    print(f"{'metadata (all)':<16}{meta_n:>5}{result['metadata']:>10.3f}")
    for k, (tp, fp, fn) in counts.items():
        r = prf(tp, fp, fn)
        result[k] = r
        print(f"{k:<16}{tp + fn:>5}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
    return result


if __name__ == "__main__":
    raise SystemExit(main())
