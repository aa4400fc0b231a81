"""docparse: structure extraction for Vietnamese administrative documents.

Public API::

    parse_text(text) -> ParsedDocument
    extract_text(data, filename, max_bytes=20 MB) -> ExtractedText
    encoding.fix_legacy_vietnamese(text) -> (text, detected)
    units.match_units(mentions, registry) -> list[UnitMatch]
    text.fold(s) -> str
    normalize.normalize_text(text) -> str          (run by parse_text first)
    gazetteer.lookup(name) / respace(name) / bodies()   (data/bodies.tsv)
    ocr.ocr_pdf(data, progress) -> OcrResult        (scanned PDFs; Tesseract, vie)

No Django import anywhere in this package.
"""

from __future__ import annotations

from .errors import DocumentError
from .extract import extract_text
from .model import ExtractedText, ParsedDocument, Reference, Section, Signer, Task
from .parser import parse_text
from .text import fold
from .units import UnitMatch, UnitRecord, match_units

__all__ = [
    "DocumentError",
    "ExtractedText",
    "ParsedDocument",
    "Reference",
    "Section",
    "Signer",
    "Task",
    "UnitMatch",
    "UnitRecord",
    "extract_text",
    "fold",
    "match_units",
    "parse_text",
]
