"""OCR of scanned PDFs (nhận dạng ký tự bản quét) through Tesseract with Vietnamese data.

A PDF without a text layer is rendered page by page by poppler's ``pdftoppm`` and read by the
``tesseract`` command (Debian packages ``poppler-utils``, ``tesseract-ocr`` and
``tesseract-ocr-vie``, installed by the project's setup). Tesseract's TSV output gives a
confidence per word; a line's confidence is the mean of its words', so the review page can mark
the lines to check by eye. Pages are read one by one with a progress callback, so the background
job shows how far it is. The text then goes through the ordinary parser (``normalize`` repairs
the usual OCR defects: letter spacing, misread labels).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError

MAX_OCR_PAGES = 60
PAGE_TIMEOUT = 120  # seconds for one page (render or recognise)
DPI = 300
LOW_CONFIDENCE = 75.0  # a line below this mean word confidence (0-100) is marked for review


@dataclass
class OcrLine:
    page: int
    text: str
    confidence: float

    def to_dict(self) -> dict[str, object]:
        return {"page": self.page, "text": self.text, "confidence": round(self.confidence, 1)}


@dataclass
class OcrResult:
    text: str
    pages: int
    lines: list[OcrLine] = field(default_factory=list)

    @property
    def mean_confidence(self) -> float:
        return sum(ln.confidence for ln in self.lines) / len(self.lines) if self.lines else 0.0

    def low_confidence_lines(self, threshold: float | None = None) -> list[OcrLine]:
        limit = LOW_CONFIDENCE if threshold is None else threshold
        return [ln for ln in self.lines if ln.confidence < limit]


def available(lang: str = "vie") -> bool:
    """True when pdftoppm, tesseract and its ``lang`` data are installed."""
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return lang in (out.stdout + out.stderr).split()


def ocr_pdf(
    data: bytes,
    progress: Callable[[int, int], None] | None = None,
    lang: str = "vie",
    max_pages: int = MAX_OCR_PAGES,
) -> OcrResult:
    """Text of a scanned PDF; ``progress(done, total)`` is called after each page."""
    if not available(lang):
        raise DocumentError(
            "Máy chủ chưa cài Tesseract OCR (tiếng Việt) nên chưa đọc được PDF bản quét; "
            "vui lòng tải lên bản .docx hoặc PDF có lớp chữ."
        )
    with tempfile.TemporaryDirectory(prefix="khcn-ocr-") as tmp:
        pdf = Path(tmp) / "input.pdf"
        pdf.write_bytes(data)
        total = _page_count(pdf)
        if total > max_pages:
            raise DocumentError(
                f"Tệp PDF bản quét có {total} trang, vượt giới hạn {max_pages} trang cho nhận "
                "dạng ký tự."
            )
        texts: list[str] = []
        lines: list[OcrLine] = []
        for page in range(1, total + 1):
            image = _render(pdf, page, Path(tmp))
            page_lines = _recognise(image, page, lang)
            lines.extend(ln for ln in page_lines if ln.text)
            texts.append("\n".join(ln.text for ln in page_lines))
            image.unlink(missing_ok=True)
            if progress:
                progress(page, total)
    text = "\n\n".join(texts).strip()
    if not text:
        raise DocumentError("Không nhận dạng được chữ nào trong tệp PDF bản quét.")
    return OcrResult(text=text, pages=total, lines=lines)


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    # one OpenMP thread: on a shared server Tesseract's threads fight each other (2x slower)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=PAGE_TIMEOUT, check=True, env=env
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentError("Nhận dạng ký tự một trang PDF quá thời gian cho phép.") from exc
    except (OSError, subprocess.CalledProcessError) as exc:
        raise DocumentError("Tệp PDF bị hỏng, không chuyển được thành ảnh để nhận dạng.") from exc


def _page_count(pdf: Path) -> int:
    try:
        from pypdf import PdfReader

        return max(1, len(PdfReader(str(pdf), strict=False).pages))
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise DocumentError("Tệp PDF bị hỏng hoặc không đúng định dạng.") from exc


def _render(pdf: Path, page: int, out_dir: Path) -> Path:
    stem = out_dir / f"p{page}"
    _run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-gray",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ]
    )
    return stem.with_suffix(".png")


def _recognise(image: Path, page: int, lang: str) -> list[OcrLine]:
    """Lines of one page image, from Tesseract's TSV (one row per word)."""
    out = _run(["tesseract", str(image), "stdout", "-l", lang, "--psm", "4", "tsv"]).stdout
    words: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    order: list[tuple[int, int, int]] = []
    for row in out.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))  # block, paragraph, line
        if key not in words:
            words[key] = []
            order.append(key)
        words[key].append((word, float(cols[10])))
    lines: list[OcrLine] = []
    prev_block_par: tuple[int, int] | None = None
    for key in order:
        ws = words[key]
        if prev_block_par is not None and key[:2] != prev_block_par:
            lines.append(OcrLine(page, "", 100.0))  # paragraph break
        prev_block_par = key[:2]
        conf = sum(max(c, 0.0) for _, c in ws) / len(ws)
        lines.append(OcrLine(page, " ".join(w for w, _ in ws), conf))
    return lines
