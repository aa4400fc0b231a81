"""``manage.py parse_document FILE``: print a document's structure as JSON. No database access."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

import docparse
from docparse.errors import DocumentError


def read_document(path: str) -> docparse.ExtractedText:
    """Read and extract a file, turning every failure into a Vietnamese CommandError."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Không tìm thấy tệp: {path}")
    size = file.stat().st_size
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise CommandError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB); dung lượng tối đa cho phép là "
            f"{limit / 1048576:.0f} MB."
        )
    try:
        return docparse.extract_text(file.read_bytes(), file.name, max_bytes=limit)
    except DocumentError as error:
        raise CommandError(error.message_vi) from error


class Command(BaseCommand):
    help = "Phân tích cấu trúc một văn bản (.docx, .pdf, .txt, .doc) và in ra dạng JSON."
    requires_system_checks: Any = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Đường dẫn tệp văn bản")

    def handle(self, *args: Any, **options: Any) -> None:
        extracted = read_document(options["file"])
        if not extracted.text.strip():
            raise CommandError("Không tìm thấy nội dung chữ trong văn bản.")
        for warning in extracted.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        parsed = docparse.parse_text(extracted.text).to_dict()
        self.stdout.write(json.dumps(parsed, ensure_ascii=False, indent=2))
