"""``manage.py backup [FOLDER]``: the database and the stored files, with a checksum manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump or the SQLite backup API) and MEDIA_ROOT to a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "folder",
            nargs="?",
            help="new folder to write (default: backups/khcn-YYYYmmdd-HHMMSS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(
            options["folder"] or f"backups/khcn-{timezone.localtime().strftime('%Y%m%d-%H%M%S')}"
        )
        try:
            manifest = backup(folder, progress=lambda m: self.stdout.write(m))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {folder}: {len(manifest['tables'])} tables, "
                f"{len(manifest['files'])} files"
            )
        )
