"""Rule-based parser for Vietnamese administrative documents: the entry point.

A document is read in the order it is laid out, one module per part:

- ``layout``: physical lines and table cells of the extracted text;
- ``header``: issuer, number/symbol, place and date, kind, title (the block above the body);
- ``tail``: recipients ("Nơi nhận") and signer (the block below the body), read before the body
  so that its lines are not taken for body paragraphs;
- ``body``: paragraphs and the numbered section tree between the two;
- ``references``: cited documents, anywhere in the text;
- ``tasks`` and ``tables``: assigned tasks, from the section tree and from assignment tables.

``normalize`` first repairs the text itself (Markdown escapes, OCR letter spacing, OCR labels).
``kinds`` holds the document-kind vocabulary they share. Every regular expression is linear (no
nested unbounded quantifiers) and is applied to single lines or bounded windows, so parsing time
grows linearly with the input. See ``bench/gold/README.md`` for the conventions (what a heading,
a task path, a recipient ... is).
"""

from __future__ import annotations

from .body import build_paragraphs, build_sections, heading_of
from .errors import DocumentError
from .header import issuer_from_body, parse_header
from .layout import prepare_lines
from .model import ParsedDocument, Task
from .normalize import normalize_text
from .references import extract_references
from .tables import table_tasks
from .tail import parse_tail
from .tasks import extract_tasks

__all__ = ["MAX_CHARS", "heading_of", "parse_text"]

MAX_CHARS = 2_000_000


def parse_text(text: str) -> ParsedDocument:
    """Parse the plain text of an administrative document."""
    if not isinstance(text, str):
        raise DocumentError("Dữ liệu đầu vào không phải là văn bản.")
    if len(text) > MAX_CHARS:
        raise DocumentError(
            f"Văn bản quá dài ({len(text):,} ký tự); giới hạn là {MAX_CHARS:,} ký tự.".replace(
                ",", "."
            )
        )
    text = normalize_text(text)
    lines = prepare_lines(text)
    doc = ParsedDocument()
    h = parse_header(lines)
    doc.kind, doc.number_symbol, doc.place, doc.date, doc.title = (
        h.kind,
        h.number_symbol,
        h.place,
        h.date,
        h.title,
    )
    doc.issuer = h.issuer
    if doc.issuer is None:
        doc.issuer = issuer_from_body(text)
    tail = parse_tail(lines)
    doc.recipients = tail.recipients
    doc.signer = tail.signer
    paras = build_paragraphs(lines, h.body_start, tail.skip)
    doc.sections = build_sections(paras)
    doc.references = extract_references(text, doc.number_symbol)
    doc.tasks = _unique_paths(extract_tasks(doc.sections) + table_tasks(lines))
    return doc


def _unique_paths(tasks: list[Task]) -> list[Task]:
    """Task paths are unique within a document: a repeated path (a list that restarts its
    numbering under the same parent, "1." twice) gets "-2", "-3" ... in document order."""
    seen: dict[str, int] = {}
    for t in tasks:
        n = seen.get(t.path, 0) + 1
        seen[t.path] = n
        if n > 1:
            path = f"{t.path}-{n}"
            while path in seen:
                n += 1
                path = f"{t.path}-{n}"
            seen[path] = 1
            t.path = path
    return tasks
