"""Errors raised by docparse. Messages are meant for end users, in Vietnamese."""

from __future__ import annotations


class DocumentError(Exception):
    """A document cannot be read or parsed. ``message_vi`` is shown to users."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi

    def __str__(self) -> str:
        return self.message_vi


class ScannedPdfError(DocumentError):
    """A PDF without a text layer (a scan): it can be read by OCR (``docparse.ocr``)."""
