"""The matching library: wording bridges, diacritics, crops, reasons, the benchmark's contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from market.matching import Document, Index
from market.matching.lexicon import CONCEPTS, FIELDS, crops_in
from market.matching.text import fold, has_diacritics, syllables

REPO = Path(__file__).resolve().parents[2]

OFFERS = [
    Document(
        "snail",
        "Bả sinh học diệt nhuyễn thể hại cây",
        "Bả từ saponin, không độc cho người.",
        ("nhuyễn thể hại cây", "bả sinh học"),
        "chế phẩm sinh học",
    ),
    Document(
        "harvest",
        "Quy trình bảo quản rau sau thu hoạch bằng kho lạnh",
        "Làm lạnh nhanh rau ăn lá.",
        ("kho lạnh", "sau thu hoạch"),
        "bảo quản sau thu hoạch",
    ),
    Document(
        "pest",
        "Chế phẩm nấm xanh trừ sâu hại cà phê",
        "Metarhizium phòng trừ sâu đục thân.",
        ("sâu hại", "cà phê"),
        "chế phẩm sinh học",
    ),
    Document(
        "tea",
        "Giống chè mới năng suất cao cho Bảo Lộc",
        "Giống chè búp nhiều, chè xanh.",
        ("giống chè",),
        "giống cây trồng",
    ),
    Document(
        "coffee",
        "Ghép chồi cải tạo vườn cà phê già cỗi",
        "Ghép giống mới lên gốc cà phê già.",
        ("cải tạo vườn", "cà phê"),
        "giống cây trồng",
    ),
]


def test_fold_handles_d_stroke_and_tones():
    assert fold("Đà Lạt ĐỒNG") == "da lat dong"
    assert has_diacritics("cà phê") and not has_diacritics("ca phe")
    assert syllables("Giống mía LK92-11, TR4") == ["giống", "mía", "lk92-11", "tr4"]


def test_everyday_wording_finds_the_technical_offer_with_its_reason():
    index = Index(OFFERS)
    top = index.search("Vườn rau bị ốc sên cắn nát lá non, muốn cách diệt không độc cho người")[0]
    assert top.key == "snail"
    assert "nhuyễn thể hại cây" in top.concepts


def test_query_without_diacritics_matches_like_with_them():
    index = Index(OFFERS)
    accented = [m.key for m in index.search("vườn rau bị ốc sên cắn lá")]
    folded = [m.key for m in index.search("vuon rau bi oc sen can la")]
    assert accented[0] == folded[0] == "snail"


def test_accented_query_keeps_pest_apart_from_after():
    """ "sâu" (pest) and "sau" (after) fold alike; typed with marks they stay apart."""
    index = Index(OFFERS)
    ranked = [m.key for m in index.search("sâu hại phá cà phê")]
    assert ranked[0] == "pest"
    assert "harvest" not in ranked[:2]


def test_a_need_about_tea_prefers_tea_to_coffee():
    index = Index(OFFERS)
    ranked = [m.key for m in index.search("Cây chè già năng suất thấp muốn đổi giống mới")]
    assert ranked[0] == "tea"
    assert crops_in("vườn chè và cà phê") == {"chè", "cà phê"}


def test_reasons_name_shared_words_and_field():
    index = Index(OFFERS)
    match = index.search("cần kho lạnh giữ rau")[0]
    assert match.key == "harvest"
    assert "kho lạnh" in match.shared
    assert match.same_field


def test_nothing_matches_nothing():
    assert Index(OFFERS).search("") == []
    assert Index([]).search("ốc sên") == []


def test_lexicon_is_well_formed():
    for concept in CONCEPTS:
        assert concept.triggers and concept.terms, concept.name
        assert set(concept.fields) <= set(FIELDS), concept.name


@pytest.mark.skipif(
    not (REPO.parent / "shared" / "market" / "offers.jsonl").exists(), reason="shared data absent"
)
def test_benchmark_scores_a_given_set_and_ends_with_json(tmp_path):
    needs = tmp_path / "needs.jsonl"
    needs.write_text(
        json.dumps({"id": "q1", "text": "cà phê bị tuyến trùng hại rễ"}, ensure_ascii=False) + "\n"
    )
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\toff-119\t3\n")
    out = (
        subprocess.run(
            [
                sys.executable,
                str(REPO / "bench" / "market_match.py"),
                "--needs",
                str(needs),
                "--qrels",
                str(qrels),
                "--scale",
                "300",
                "--rounds",
                "1",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()
    )
    result = json.loads(out[-1])
    assert result["sets"]["given"]["needs"] == 1
    assert {"ndcg_at_10", "mrr", "baseline_ndcg_at_10", "p95_ms"} <= result.keys()
    assert result["ndcg_at_10"] > 0
