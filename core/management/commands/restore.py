"""``manage.py restore FOLDER``: bring a backup back into an empty instance, checking it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder (manage.py backup) into an empty database and MEDIA_ROOT; "
        "every checksum is checked before and every table count after."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(Path(options["folder"]), progress=lambda m: self.stdout.write(m))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(manifest['tables'])} tables and {len(manifest['files'])} files"
            )
        )
